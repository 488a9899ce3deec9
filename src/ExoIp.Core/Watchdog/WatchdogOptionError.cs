namespace ExoIp.Watchdog;

/// <summary>One invalid watchdog option: which, what kind of error, and what is wrong with it.</summary>
/// <param name="Option">The <see cref="WatchdogOptions"/> property, e.g. "Interval" (a cmdlet maps it to its parameter).</param>
/// <param name="Message">What is wrong, naming the option.</param>
/// <param name="Kind">Missing (no value at all) or invalid (a value that cannot be used).</param>
public sealed record WatchdogOptionError(string Option, string Message, WatchdogOptionErrorKind Kind = WatchdogOptionErrorKind.Invalid)
{
    /// <summary>True when the option has no value at all.</summary>
    public bool IsMissing => Kind == WatchdogOptionErrorKind.Missing;

    /// <inheritdoc />
    public override string ToString() => Message;
}
