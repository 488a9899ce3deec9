using System;

namespace ExoIp.Simulation;

/// <summary>
/// Where the campaign gets its nodes: the adapter that drives the real watchdog core synchronously (issue 18;
/// the lead implements it over the reshaped decision core). Null until it exists, and the command line says so.
/// </summary>
public static class WatchdogNodes
{
    /// <summary>Creates one node process over the real core, or null while no adapter exists.</summary>
    public static Func<ISimulatedNode>? Factory => null;
}
