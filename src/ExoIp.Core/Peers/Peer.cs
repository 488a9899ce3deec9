using System;
using System.Net;
using ExoIp.Election;

namespace ExoIp.Peers;

/// <summary>
/// One peer as the watchdog loop knows it. Mutable, and owned by the loop alone: everything else sees
/// <c>PeerSnapshot</c>s.
/// </summary>
internal sealed class Peer
{
    private readonly TimeSpan[] _gaps = new TimeSpan[5];
    private readonly TimeSpan[] _sorted = new TimeSpan[5];
    private int _gapCount;
    private int _nextGap;

    public Peer(IPAddress address, Guid? instanceIdFromApi, DateTimeOffset? listedAt = null)
    {
        Address = address;
        InstanceId = instanceIdFromApi;
        InstanceIdFromApi = instanceIdFromApi.HasValue;
        ListedAt = listedAt;
    }

    /// <summary>The peer's IPv4 address: where adverts go, and the source its adverts must come from.</summary>
    public IPAddress Address { get; }

    /// <summary>
    /// The peer's instance id, from the API or, until the API has answered, from its first advert (the
    /// identity field is the sender's instance id).
    /// </summary>
    public Guid? InstanceId { get; private set; }

    /// <summary>True once the API confirmed <see cref="InstanceId"/>; an identity learned from an advert may be replaced.</summary>
    public bool InstanceIdFromApi { get; private set; }

    /// <summary>The priority of its last accepted advert.</summary>
    public byte? Priority { get; private set; }

    /// <summary>
    /// When a listing of the peers (a security group's members) added it; null for a peer known before the
    /// watchdog started listening (a static one). Until a hold-off has passed since, not having heard it means
    /// nothing.
    /// </summary>
    public DateTimeOffset? ListedAt { get; private set; }

    /// <summary>When its last accepted advert arrived; null when never heard from.</summary>
    public DateTimeOffset? LastSeen { get; private set; }

    /// <summary>
    /// The middle of the last few gaps between its adverts: its advertisement interval as this node hears it. A pause
    /// or a lost advert lengthens one gap, an advert sent at once on a change (a new priority, a start) shortens one:
    /// neither moves the middle. Null before two adverts.
    /// </summary>
    public TimeSpan? Cadence { get; private set; }

    /// <summary>
    /// How long it may be silent before it is dead: this node's dead time, or its own cadence × the dead ratio when
    /// it advertises less often (nodes configured with different intervals must agree on who is alive).
    /// </summary>
    public TimeSpan DeadAfter(ElectionTiming timing) =>
        Cadence is { } cadence && cadence.Ticks * timing.DeadRatio > timing.DeadAfter.Ticks ? TimeSpan.FromTicks(cadence.Ticks * timing.DeadRatio) : timing.DeadAfter;

    /// <summary>True when heard within its <see cref="DeadAfter"/> before <paramref name="now"/>, or vouched for by the API.</summary>
    public bool IsAliveAt(DateTimeOffset now, ElectionTiming timing) => Standing.Vouched || (LastSeen is { } seen && now - seen <= DeadAfter(timing));

    /// <summary>What the API told this node about it beyond what its adverts say.</summary>
    public ApiStanding Standing { get; } = new();

    /// <summary>
    /// What this node advertised while it last heard the peer: the priority the peer knows it by once a split silences
    /// them both. Against a peer vouched for by the API, both sides compare the priorities they last exchanged, so they
    /// agree on who defers, whatever either priority became since (a health check, a flip).
    /// </summary>
    public byte? PriorityItKnows { get; set; }

    /// <summary>Liveness as of the table's last <see cref="PeerTable.UpdateLiveness"/> (peers start dead).</summary>
    public bool IsAlive { get; set; }

    /// <summary>Whether the API last said this peer's instance holds the Elastic IP; null when not known.</summary>
    public bool? HoldsElasticIp { get; set; }

    /// <summary>The peer as an election candidate, once it has advertised.</summary>
    public ElectionCandidate? Candidate =>
        InstanceId is { } id && Priority is { } priority ? new ElectionCandidate(id, priority) : null;

    /// <summary>Records the instance id the API gives for this peer; true when it replaced a different one.</summary>
    public bool ConfirmInstanceId(Guid instanceId)
    {
        var replaced = InstanceId is { } old && old != instanceId;
        InstanceId = instanceId;
        InstanceIdFromApi = true;
        if (replaced) HoldsElasticIp = null;
        return replaced;
    }

    /// <summary>
    /// Does not count <paramref name="stall"/> of silence against the peer: the time this node itself was not
    /// running, when the peer's adverts waited unread in the socket.
    /// </summary>
    public void ExcuseSilence(TimeSpan stall, DateTimeOffset now)
    {
        if (ListedAt is { } listed) ListedAt = Excuse(listed, stall, now);
        if (LastSeen is { } seen) LastSeen = Excuse(seen, stall, now);
    }

    /// <summary>Records an accepted advert.</summary>
    /// <returns>True when it came well ahead of the peer's cadence: sent at once on a change (a new priority, or the
    /// peer becoming master).</returns>
    public bool RecordAdvertisement(Guid identity, byte priority, DateTimeOffset at)
    {
        var early = false;
        if (LastSeen is { } last && at > last)
        {
            early = Cadence is { } cadence && (at - last).Ticks * 2 < cadence.Ticks;
            _gaps[_nextGap] = at - last;
            _nextGap = (_nextGap + 1) % _gaps.Length;
            if (_gapCount < _gaps.Length) _gapCount++;
            Array.Copy(_gaps, _sorted, _gapCount);
            Array.Sort(_sorted, 0, _gapCount);
            Cadence = _sorted[_gapCount / 2];
        }
        InstanceId ??= identity;
        Priority = priority;
        LastSeen = at;
        Standing.Heard();
        return early;
    }

    private static DateTimeOffset Excuse(DateTimeOffset at, TimeSpan stall, DateTimeOffset now) => at + stall < now ? at + stall : now;

    /// <inheritdoc />
    public override string ToString() => InstanceId is { } id ? $"{Address} ({id})" : Address.ToString();
}
