using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Health;

/// <summary><c>tcp://host:port</c>: healthy when a TCP connection to it opens (then it is closed at once).</summary>
public sealed class TcpHealthCheck : IHealthCheck
{
    /// <summary>A check of <paramref name="host"/> (an address or a name) on <paramref name="port"/>.</summary>
    public TcpHealthCheck(string host, int port)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("A host is required.", nameof(host));
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "must be 1–65535.");
        Host = host;
        Port = port;
        Description = $"tcp://{(host.Contains(":") ? $"[{host}]" : host)}:{port}";
    }

    /// <summary>The host to connect to.</summary>
    public string Host { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(Host, out var literal)
            ? new[] { literal }
            : await ResolveAsync(cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) return HealthCheckResult.Fail($"'{Host}' has no address.");
        SocketException? last = null;
        foreach (var address in addresses)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            // netstandard2.0's ConnectAsync takes no token: closing the socket is what cancels it.
            using (cancellationToken.Register(socket.Dispose))
            {
                try
                {
                    await socket.ConnectAsync(address, Port).ConfigureAwait(false);
                    return HealthCheckResult.Pass($"connected to {address}:{Port}");
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (SocketException e)
                {
                    last = e;
                }
            }
        }
        return HealthCheckResult.Fail(last!.Message);
    }

    private async Task<IPAddress[]> ResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lookup = Dns.GetHostAddressesAsync(Host);
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            if (await Task.WhenAny(lookup, cancelled).ConfigureAwait(false) != lookup) throw new OperationCanceledException(cancellationToken);
            return (await lookup.ConfigureAwait(false)).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).ToArray();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"cannot resolve '{Host}': {e.Message}", e);
        }
    }
}
