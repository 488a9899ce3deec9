using System.Reflection;

namespace ExoIp.CommandLine;

/// <summary>
/// What <c>exoip --version</c> prints, from either host: the version and the commit the core was built from,
/// which the SDK appends to the informational version (<c>0.1.0+1f2e3d4...</c>) when it builds from a git checkout.
/// </summary>
public static class BuildVersion
{
    /// <summary>e.g. <c>exoip 0.1.0 (commit 163680e1b2c3)</c>.</summary>
    public static string Line
    {
        get
        {
            var informational = typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var plus = informational.IndexOf('+');
            if (plus < 0) return $"exoip {informational} (commit unknown)";
            var commit = informational.Substring(plus + 1);
            return $"exoip {informational.Substring(0, plus)} (commit {(commit.Length > 12 ? commit.Substring(0, 12) : commit)})";
        }
    }
}
