using System;
using System.Net;

namespace ExoIp.Status;

/// <summary>One peer in a <see cref="StatusReport"/>.</summary>
/// <param name="Address">The peer's IPv4 address.</param>
/// <param name="Alive">Heard from within interval × dead ratio.</param>
/// <param name="Priority">The priority it last advertised; null before its first advert.</param>
/// <param name="SinceLastAdvert">How long ago its last accepted advert arrived; null before its first.</param>
/// <param name="Master">The election's master, as the watchdog sees it.</param>
public sealed record PeerStatus(IPAddress Address, bool Alive, byte? Priority, TimeSpan? SinceLastAdvert, bool Master);
