using System;
using System.Net;

namespace ExoIp.Peers;

/// <summary>A peer address and the instance the API says has it (null when no instance has it).</summary>
public sealed record PeerIdentity(IPAddress Address, Guid? InstanceId);
