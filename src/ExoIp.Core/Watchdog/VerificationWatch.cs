using System;
using System.Threading;

namespace ExoIp.Watchdog;

/// <summary>
/// What tells a node whose own setting is wrong from one whose peers' is: the adverts from peers' addresses it
/// refused because the keys differ (<see cref="Protocol.AdvertisementReader.IsKeyMismatch"/>) or because their
/// stamps are outside the window around its wall clock (<see cref="Protocol.AdvertisementRejection.Stale"/>, their
/// MAC right), and the last advert it accepted. The receiver records, the loop reads: a node that refuses its peers'
/// adverts, and is the suspect of the two, stays out (Fault) rather than take the Elastic IP from a live master it
/// cannot hear (README, "Authenticated adverts"). It also tells a node that is ahead of its peers in a rotation: they
/// sign with its next key, and may not have its current one (see <see cref="PeersSignWithNextKeyOnly"/>).
/// </summary>
internal sealed class VerificationWatch
{
    private const long None = long.MinValue;
    private readonly Sighting _keyMismatch = new();
    private readonly Sighting _stale = new();
    private readonly Sighting _withCurrentKey = new();
    private readonly Sighting _withNextKey = new();
    private int _nextKeyAnswer; // a NextKeyAnswer, from any thread
    // The wall clock minus the monotonic one when the loop last accepted an advert; None before that or since a key
    // change (from any thread).
    private long _offsetAtAccepted = None;

    /// <summary>
    /// A peer's advert was accepted at <paramref name="now"/> (the loop's clock) and <paramref name="wall"/> (the loop's),
    /// verified with this node's next key (<paramref name="withNextKey"/>) or its current one.
    /// </summary>
    public void Accepted(DateTimeOffset now, DateTimeOffset wall, bool withNextKey)
    {
        Interlocked.Exchange(ref _offsetAtAccepted, (wall - now).Ticks);
        _stale.Clear();
        (withNextKey ? _withNextKey : _withCurrentKey).Record(now);
    }

    /// <summary>The keys changed: what they verified says nothing of the new ones, and the node signs with its new current key.</summary>
    public void KeysChanged()
    {
        Interlocked.Exchange(ref _offsetAtAccepted, None);
        _withCurrentKey.Clear();
        _withNextKey.Clear();
        Interlocked.Exchange(ref _nextKeyAnswer, (int)NextKeyAnswer.CurrentKey);
    }

    /// <summary>
    /// Whether every peer's advert accepted within <paramref name="window"/> was signed with this node's next key and
    /// none with its current one: the peers are a step behind it in a rotation, and may lack its current key.
    /// </summary>
    public bool PeersSignWithNextKeyOnly(DateTimeOffset now, TimeSpan window) => _withNextKey.Within(now, window) && !_withCurrentKey.Within(now, window);

    /// <summary>
    /// The peers showed they do not take this node's current key (see <c>DecisionPass</c>): it is to sign with its next
    /// key, theirs, until its keys change. True the first time only.
    /// </summary>
    public bool AnswerInNextKey() =>
        Interlocked.CompareExchange(ref _nextKeyAnswer, (int)NextKeyAnswer.Asked, (int)NextKeyAnswer.CurrentKey) == (int)NextKeyAnswer.CurrentKey;

    /// <summary>True once after <see cref="AnswerInNextKey"/>: the shell switches its signer then.</summary>
    public bool TakeNextKeyRequest() =>
        Interlocked.CompareExchange(ref _nextKeyAnswer, (int)NextKeyAnswer.NextKey, (int)NextKeyAnswer.Asked) == (int)NextKeyAnswer.Asked;

    /// <summary>Records a peer's advert signed with another key, received at <paramref name="at"/> (the receiver's thread).</summary>
    public void KeyMismatch(DateTimeOffset at) => _keyMismatch.Record(at);

    /// <summary>Records a peer's advert signed with this node's key but stamped outside its window (the receiver's thread).</summary>
    public void Stale(DateTimeOffset at) => _stale.Record(at);

    /// <summary>
    /// Whether this node's key is the suspect at <paramref name="now"/>: it accepted no advert with it, and a peer's
    /// address sent one signed with another key within <paramref name="deadTime"/>. (A node that did accept one has
    /// the right key, and the nodes it cannot verify are misconfigured.)
    /// </summary>
    public bool KeySuspect(DateTimeOffset now, TimeSpan deadTime) => Interlocked.Read(ref _offsetAtAccepted) == None && _keyMismatch.Within(now, deadTime);

    /// <summary>
    /// Whether this node's wall clock is the suspect: a peer's address sent an advert signed with its key but stamped
    /// outside its window since it last accepted one, and its wall clock has moved by <paramref name="window"/> or more
    /// against its monotonic one since then (its own clock stepped), or it accepted none yet and is
    /// <paramref name="alone"/> in its view (as with keys). Peers whose clocks agree with each other are right, and
    /// the node whose clock stepped is not; it stays the suspect until it accepts an advert again, even if it then
    /// hears nothing at all. A VM that paused and resumed moves the wall clock against the monotonic one too, but its
    /// wall clock is right: its peers' stamps are not stale to it, and the first it accepts clears the suspicion.
    /// </summary>
    public bool ClockSuspect(DateTimeOffset now, DateTimeOffset wall, TimeSpan window, bool alone)
    {
        if (!_stale.Any) return false;
        var offset = Interlocked.Read(ref _offsetAtAccepted);
        return offset == None ? alone : Math.Abs((wall - now).Ticks - offset) >= window.Ticks;
    }

    // Which key this node signs with: its current one; its next, asked for and not yet switched to; its next.
    private enum NextKeyAnswer
    {
        CurrentKey,
        Asked,
        NextKey,
    }

    // When the last advert of one kind came (on the loop's clock).
    private sealed class Sighting
    {
        private long _lastTicks = None;

        public void Record(DateTimeOffset at) => Interlocked.Exchange(ref _lastTicks, at.UtcTicks);

        public bool Any => Interlocked.Read(ref _lastTicks) != None;

        public void Clear() => Interlocked.Exchange(ref _lastTicks, None);

        public bool Within(DateTimeOffset now, TimeSpan window)
        {
            var last = Interlocked.Read(ref _lastTicks);
            return last != None && now.UtcTicks - last <= window.Ticks;
        }
    }
}
