namespace ExoIp.Emulator;

/// <summary>How the attach and detach operations the emulator accepts end, once their delay is over.</summary>
public enum OperationEnding
{
    /// <summary>The change applies and the operation succeeds (the default).</summary>
    Success,

    /// <summary>The change applies, yet the operation ends in <c>timeout</c>.</summary>
    TimeoutApplied,

    /// <summary>The operation ends in <c>timeout</c> and the change does not apply.</summary>
    TimeoutNotApplied,
}
