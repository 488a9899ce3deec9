namespace ExoIp.Simulation;

/// <summary>An API fault in effect for one node's calls; a one-shot fault is consumed by the first call it hits.</summary>
public sealed class ActiveApiFault
{
    /// <summary>Creates it.</summary>
    public ActiveApiFault(FaultKind kind, double parameter)
    {
        Kind = kind;
        Parameter = parameter;
    }

    /// <summary>The fault.</summary>
    public FaultKind Kind { get; }

    /// <summary>Its parameter: the slowdown factor, Retry-After or the late delay in seconds, 1 for a cut-off that fails fast.</summary>
    public double Parameter { get; }

    /// <summary>True once a one-shot fault hit a call.</summary>
    public bool Consumed { get; set; }
}
