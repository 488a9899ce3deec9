using System.Net;

namespace ExoIp.Transport;

/// <summary>A datagram as received: its bytes, exactly as long as sent, and the IPv4 address it came from.</summary>
/// <param name="Payload">The datagram's bytes.</param>
/// <param name="Source">The sender's address (the source port is ignored by the protocol).</param>
public sealed record ReceivedDatagram(byte[] Payload, IPAddress Source);
