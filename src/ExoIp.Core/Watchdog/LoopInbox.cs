using System.Threading;
using System.Threading.Channels;

namespace ExoIp.Watchdog;

/// <summary>
/// What waits for the watchdog's loop: inputs posted from any thread, each waking the loop's wait. Adverts wait at
/// most <see cref="MaxQueuedAdverts"/>: a burst beyond is shed and counted (the loop stays within a few ms of its
/// inputs, and its ticks never wait behind an unbounded queue).
/// </summary>
internal sealed class LoopInbox
{
    private const int MaxQueuedAdverts = 1024;

    // Not SingleReader: only the multi-reader channel can count its items, and idleness is derived from that count.
    private readonly Channel<LoopInput> _inputs = Channel.CreateUnbounded<LoopInput>();
    private int _queuedAdverts;
    private LoopWait? _wait;

    /// <summary>Inputs waiting.</summary>
    public int Count => _inputs.Reader.Count;

    /// <summary>From the run's start on, each input posted ends the loop's wait.</summary>
    public void WakeThrough(LoopWait wait) => _wait = wait;

    public void Post(LoopInput input)
    {
        _inputs.Writer.TryWrite(input);
        _wait?.Signal();
    }

    /// <summary>Posts an advert; false when too many wait (the advert is shed).</summary>
    public bool TryPostAdvert(LoopInput.Advert advert)
    {
        if (Interlocked.Increment(ref _queuedAdverts) > MaxQueuedAdverts)
        {
            Interlocked.Decrement(ref _queuedAdverts);
            return false;
        }
        Post(advert);
        return true;
    }

    public bool TryRead(out LoopInput? input) => _inputs.Reader.TryRead(out input);

    /// <summary>An advert the loop read from the socket itself: <see cref="Handled"/> counts it out, as a posted one.</summary>
    public void AdvertReadOnLoop() => Interlocked.Increment(ref _queuedAdverts);

    /// <summary>The loop handled <paramref name="input"/> (an advert no longer waits).</summary>
    public void Handled(LoopInput input)
    {
        if (input is LoopInput.Advert) Interlocked.Decrement(ref _queuedAdverts);
    }

    /// <summary>Takes no more input and drops what waits.</summary>
    public void Close()
    {
        _inputs.Writer.TryComplete();
        while (_inputs.Reader.TryRead(out _)) { }
    }
}
