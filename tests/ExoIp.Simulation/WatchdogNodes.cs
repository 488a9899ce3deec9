using System;

namespace ExoIp.Simulation;

/// <summary>Where the campaign gets its nodes: the real watchdog core, driven synchronously (<see cref="WatchdogNode"/>).</summary>
public static class WatchdogNodes
{
    /// <summary>Creates one node process over the real core.</summary>
    public static Func<ISimulatedNode> Factory => () => new WatchdogNode();
}
