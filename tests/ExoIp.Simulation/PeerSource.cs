namespace ExoIp.Simulation;

/// <summary>Where a run's nodes find their peers.</summary>
public enum PeerSource
{
    /// <summary>A static list (<c>-p</c>): every other node's address.</summary>
    Static,

    /// <summary>A security group's running members (<c>-G</c>).</summary>
    SecurityGroup,

    /// <summary>An Instance Pool's members (IF_EXOSCALE_INSTANCE_POOL).</summary>
    InstancePool,
}
