using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Protocol;

namespace ExoIp.Transport;

/// <summary>
/// Sends a node's advert to its peers every interval from a thread of its own. Adverts are a node's sign of
/// life: if they wait in the thread pool's queue (where timers fire and async continuations run) behind a
/// flood of received datagrams, a CPU-heavy script in the same pwsh or a starved pool, its peers declare it
/// dead. This thread sleeps in an OS wait, needs nothing from the pool, and only reads the plan the loop
/// publishes; signing (with a key) happens here too, with a signer no other thread uses.
/// </summary>
public sealed class AdvertisementSender : IDisposable
{
    private readonly IAdvertisementTransport _transport;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly AdvertisementSigner? _signer;
    private readonly Action<IPAddress, Exception?> _sent;
    // How the thread sleeps between rounds: on the system clock, in a poll of a wake socket (one system call a
    // round); on another clock (its timer ends the wait), or where no loopback socket can be bound, on an event.
    private readonly WakeSocket? _socketWake;
    private readonly AutoResetEvent? _eventWake;
    private readonly Thread _thread;
    private AdvertisementPlan? _plan;
    private volatile bool _stopping;

    /// <summary>Creates the sender; <see cref="Start"/> starts its thread.</summary>
    /// <param name="transport">Where adverts go; shared with the receiver (peers recognise a node by its source address).</param>
    /// <param name="interval">The advertisement interval.</param>
    /// <param name="time">The clock. With the system clock the thread sleeps in an OS wait; with another
    /// (a simulated clock) it waits for that clock's timer, so the intervals follow that clock.</param>
    /// <param name="signer">Signs each round's advert; null for the original's 24-byte adverts.</param>
    /// <param name="sent">Called on the sender thread after each send: the peer, and the error or null.</param>
    /// <param name="name">The thread's name, for debuggers and dumps.</param>
    public AdvertisementSender(
        IAdvertisementTransport transport, TimeSpan interval, TimeProvider time, AdvertisementSigner? signer,
        Action<IPAddress, Exception?> sent, string name)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        _interval = interval;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _signer = signer;
        _sent = sent ?? throw new ArgumentNullException(nameof(sent));
        // Above normal where the OS honours it (Windows; Linux leaves unprivileged threads at normal): this
        // thread wakes briefly once an interval, and being late is what makes peers declare a node dead.
        _thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.AboveNormal };
        _socketWake = ReferenceEquals(time, TimeProvider.System) ? WakeSocket.TryCreate() : null;
        if (_socketWake is null) _eventWake = new AutoResetEvent(false);
    }

    /// <summary>Rounds sent so far (a round is one advert to every peer of the plan).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>
    /// True from the moment a round is due (its interval is over on the clock, or <see cref="SendNow"/> was
    /// called) until it is sent and the thread waits again. An engine on a simulated clock counts this as work
    /// in progress, so what happens at a given simulated time stays deterministic.
    /// </summary>
    public bool RoundPending => !_ended && Volatile.Read(ref _requested) != Volatile.Read(ref _completed);

    private long _rounds;
    private long _requested = 1; // the first round is due at once
    private long _completed;
    private int _again; // 1: the round after the next comes a quarter interval later (SendNow(again: true))
    private volatile bool _ended;

    /// <summary>Sets what to send from the next round on.</summary>
    public void Publish(AdvertisementPlan plan) => Volatile.Write(ref _plan, plan ?? throw new ArgumentNullException(nameof(plan)));

    /// <summary>Sends a round now (a new priority or a stop is told at once), then goes on every interval.</summary>
    /// <param name="again">Sends one more round a quarter interval after this one, before the regular rounds go on:
    /// one of the two then comes well ahead of this node's cadence at its peers, whatever the rounds' phase.</param>
    public void SendNow(bool again = false)
    {
        if (again) Volatile.Write(ref _again, 1);
        Request();
    }

    /// <summary>Starts the thread; the first round goes out at once if a plan is published.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops the thread and waits for it: no advert is sent after this returns.</summary>
    public void Stop()
    {
        if (!_stopping)
        {
            _stopping = true;
            Wake();
        }
        // Every caller waits, not only the first: Dispose after a Kill's Stop under way must not close the wake under the thread.
        if (_thread.IsAlive && _thread != Thread.CurrentThread) _thread.Join();
        _ended = true;
    }

    private void Request()
    {
        Interlocked.Increment(ref _requested);
        Wake();
    }

    private void Wake()
    {
        if (_socketWake is { } socket) socket.Signal();
        else _eventWake!.Set();
    }

    private void Run()
    {
        var interval = (long)(_interval.TotalSeconds * _time.TimestampFrequency);
        var next = _time.GetTimestamp();
        try
        {
            while (!_stopping)
            {
                var round = Volatile.Read(ref _requested);
                var again = Interlocked.Exchange(ref _again, 0) == 1;
                if (Volatile.Read(ref _plan) is { } plan)
                {
                    SendRound(plan);
                    Interlocked.Increment(ref _rounds);
                }
                // The next round is an interval after this one was due, not after it ended; rounds missed (the
                // process was frozen) are skipped, not sent in a burst.
                next += again ? interval / 4 : interval;
                var now = _time.GetTimestamp();
                if (next < now) next = now;
                Wait(TimeSpan.FromSeconds((next - now) / (double)_time.TimestampFrequency), round);
                // Woken early (SendNow): the regular rounds count from this one.
                now = _time.GetTimestamp();
                if (now < next) next = now;
            }
        }
        finally
        {
            _ended = true;
        }
    }

    private void Wait(TimeSpan due, long round)
    {
        if (due <= TimeSpan.Zero) return;
        if (_socketWake is { } socket)
        {
            Volatile.Write(ref _completed, round);
            socket.Wait(due);
            return;
        }
        // The system clock's wait is the OS's, needing no thread-pool thread; another clock (a simulated one)
        // ends the wait with its own timer.
        var timer = ReferenceEquals(_time, TimeProvider.System)
            ? null
            : _time.CreateTimer(state => ((AdvertisementSender)state!).Request(), this, due, Timeout.InfiniteTimeSpan);
        try
        {
            Volatile.Write(ref _completed, round);
            _eventWake!.WaitOne(timer is null ? due : Timeout.InfiniteTimeSpan);
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private void SendRound(AdvertisementPlan plan)
    {
        var datagram = AdvertisementSigner.Datagram(_signer, plan.Advertisement);
        foreach (var peer in plan.Peers)
        {
            if (_stopping) return;
            Send(peer, datagram);
        }
    }

    private void Send(IPAddress peer, byte[] datagram)
    {
        Task sending;
        try
        {
            sending = _transport.SendAsync(peer, datagram);
        }
        catch (Exception ex)
        {
            _sent(peer, ex);
            return;
        }
        // A UDP send completes at once unless the socket buffer is full; only then is its end observed later.
        if (sending.IsCompleted) _sent(peer, sending.Exception?.GetBaseException());
        else sending.ContinueWith(t => _sent(peer, t.Exception?.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _socketWake?.Dispose();
        _eventWake?.Dispose();
    }
}
