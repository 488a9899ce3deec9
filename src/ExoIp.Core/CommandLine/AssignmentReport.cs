namespace ExoIp.CommandLine;

/// <summary>The one line <c>exoip -A</c>, <c>-D</c> and <c>-C</c> print, whichever host runs them.</summary>
public static class AssignmentReport
{
    /// <summary>What was done, or that nothing was needed; with <paramref name="validateOnly"/> (-n), what would be.</summary>
    /// <param name="attach">-A (true) or -D (false).</param>
    /// <param name="address">The Elastic IP's address.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="changed">True when the API was (or would be) asked to change something.</param>
    /// <param name="validateOnly">-n: nothing was changed.</param>
    public static string Describe(bool attach, string address, string instanceId, bool changed, bool validateOnly)
    {
        var (verb, relation) = attach ? ("associate", "associated with") : ("dissociate", "dissociated from");
        if (!changed) return $"Elastic IP {address} is already {relation} instance {instanceId}: nothing to do.";
        return validateOnly
            ? $"Would {verb} Elastic IP {address} {(attach ? "with" : "from")} instance {instanceId} (-n: nothing changed)."
            : $"{char.ToUpperInvariant(verb[0])}{verb.Substring(1)}d Elastic IP {address} {(attach ? "with" : "from")} instance {instanceId}.";
    }

    /// <summary>What -C found: whether the Elastic IP is on the instance.</summary>
    public static string DescribeCheck(string address, string instanceId, bool holds) =>
        $"Elastic IP {address} is {(holds ? "" : "not ")}associated with instance {instanceId}.";

    /// <summary>-C's exit code when the Elastic IP is not on this instance (as the LSB's "not running").</summary>
    public const int NotHeldExitCode = 3;
}
