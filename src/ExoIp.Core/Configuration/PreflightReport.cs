using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>What <see cref="WatchdogPreflight"/> established (for Verbose) and what it warns about.</summary>
public sealed class PreflightReport
{
    /// <summary>Creates the report.</summary>
    public PreflightReport(IReadOnlyList<string> facts, IReadOnlyList<string> warnings)
    {
        Facts = facts;
        Warnings = warnings;
    }

    /// <summary>A line per fact, e.g. "Elastic IP 198.51.100.50 has id …".</summary>
    public IReadOnlyList<string> Facts { get; }

    /// <summary>What may work but is probably not meant: priority 255, a peer sharing this node's priority.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
