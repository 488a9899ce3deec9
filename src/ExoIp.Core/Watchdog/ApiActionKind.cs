namespace ExoIp.Watchdog;

/// <summary>An API action on the Elastic IP.</summary>
public enum ApiActionKind
{
    /// <summary>Attach the Elastic IP to an instance (after checking it is not already).</summary>
    Attach = 0,

    /// <summary>Detach it from an instance (after checking it is attached).</summary>
    Detach,

    /// <summary>Only look whether an instance holds it.</summary>
    Check,
}
