namespace ExoIp.Watchdog;

/// <summary>One invalid watchdog option: which, and what is wrong with it.</summary>
/// <param name="Option">The <see cref="WatchdogOptions"/> property, e.g. "Interval" (a cmdlet maps it to its parameter).</param>
/// <param name="Message">What is wrong, naming the option.</param>
public sealed record WatchdogOptionError(string Option, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
