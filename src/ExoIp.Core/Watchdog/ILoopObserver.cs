namespace ExoIp.Watchdog;

/// <summary>
/// Told by the watchdog's loop, on the loop itself, after each batch of inputs it handled (at least every
/// <see cref="WatchdogOptions.LoopLookAfter"/>). What it learns there proves the loop turns, not merely that the
/// process lives: systemd's watchdog ping is sent from here. It must return quickly; the loop waits for it.
/// </summary>
public interface ILoopObserver
{
    /// <summary>The loop handled a batch; <paramref name="snapshot"/> is the state it just published.</summary>
    void OnLoopPass(WatchdogSnapshot snapshot);
}
