namespace ExoIp.Simulation;

/// <summary>Where a fault is put: at an instant, or inside a window where beliefs go stale.</summary>
public enum FaultAim
{
    /// <summary>At <see cref="Fault.Start"/>.</summary>
    Instant,

    /// <summary><see cref="Fault.Start"/> after the n-th time a node becomes master.</summary>
    BecameMaster,

    /// <summary><see cref="Fault.Start"/> after the n-th API answer to a node.</summary>
    ApiAnswer,

    /// <summary><see cref="Fault.Start"/> after the n-th change of holders (a handover's phase).</summary>
    HolderChange,
}
