namespace ExoIp.Simulation;

/// <summary>The invariants of failover-contract.md.</summary>
public enum Invariant
{
    /// <summary>A holder again (an eligible one) by t0 + D + ε + A after the holder stopped being eligible.</summary>
    I1a,

    /// <summary>No stretch without an (eligible) holder longer than 0.1 s while the holder stays eligible.</summary>
    I1b,

    /// <summary>Two or more holders at most 2A + ε; a stray detached within Rc + A.</summary>
    I2,

    /// <summary>After the last fault heals, the best eligible node is the only holder by th + H + 3A + ε, and nothing moves.</summary>
    I3,

    /// <summary>During a lasting fault, after its first D + ε + 2A, at most one more move.</summary>
    I4,

    /// <summary>Announced Master holds; a holder is not announced Backup; each for at most A + ε.</summary>
    I5,

    /// <summary>No change applied after the belief it was started under was dropped, without a fresh check.</summary>
    I6,
}
