using System;
using System.Net;
using System.Threading.Tasks;

namespace ExoIp.Transport;

/// <summary>
/// How a watchdog sends and receives advertisements. Small on purpose, so a test or a fault injector can
/// wrap it (drop, delay or partition traffic). The watchdog owns the transport it is given and disposes it
/// when it stops.
/// </summary>
public interface IAdvertisementTransport : IDisposable
{
    /// <summary>
    /// Sends a datagram to <paramref name="destination"/> at the port this transport listens on (every
    /// node uses the same port), from the address it is bound to.
    /// </summary>
    Task SendAsync(IPAddress destination, byte[] datagram);

    /// <summary>
    /// Waits for the next datagram. Returns null once the transport is disposed, which is how the watchdog's
    /// receiver ends; one call at a time.
    /// </summary>
    Task<ReceivedDatagram?> ReceiveAsync();
}
