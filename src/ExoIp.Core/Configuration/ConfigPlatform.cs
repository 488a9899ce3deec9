using System.Runtime.InteropServices;

namespace ExoIp.Configuration;

/// <summary>The platforms whose user configuration folders differ (Go's os.UserConfigDir, which Exoscale's CLI uses).</summary>
internal enum ConfigPlatform
{
    /// <summary>Linux and other Unix systems: $XDG_CONFIG_HOME, else ~/.config.</summary>
    Unix,

    /// <summary>macOS: ~/Library/Application Support.</summary>
    MacOS,

    /// <summary>Windows: %AppData%.</summary>
    Windows,
}

/// <summary>Which <see cref="ConfigPlatform"/> this process runs on.</summary>
internal static class ConfigPlatformDetection
{
    public static ConfigPlatform Current =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ConfigPlatform.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ConfigPlatform.MacOS
        : ConfigPlatform.Unix;
}
