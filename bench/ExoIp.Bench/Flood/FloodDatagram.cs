using ExoIp.Watchdog;

namespace ExoIp.Bench.Flood;

/// <summary>One kind of bad datagram: its bytes, whether it comes from a peer's address, and why the watchdog must drop it.</summary>
/// <param name="Name">A short name for the results.</param>
/// <param name="Payload">The datagram.</param>
/// <param name="FromPeer">Sent from a peer's address (else from a stranger's).</param>
/// <param name="Expected">The drop reason the watchdog must count it under.</param>
internal sealed record FloodDatagram(string Name, byte[] Payload, bool FromPeer, DatagramDropReason Expected);
