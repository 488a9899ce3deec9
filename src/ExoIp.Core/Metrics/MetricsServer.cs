using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Metrics;

/// <summary>
/// A minimal HTTP/1.1 server for one path: GET (or HEAD) of <see cref="MetricsEndpoint.Path"/> answers the
/// exposition, anything else 404 or 405, one request per connection. Over a TcpListener rather than
/// HttpListener (which needs URL reservations on Windows) or Kestrel (megabytes more in the native executable).
/// </summary>
public sealed class MetricsServer : IDisposable
{
    private const int MaxRequestHead = 8192;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly Func<string> _render;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Listens on <paramref name="endpoint"/> and serves what <paramref name="render"/> returns.</summary>
    /// <exception cref="SocketException">The address cannot be listened on (e.g. in use).</exception>
    public MetricsServer(MetricsEndpoint endpoint, Func<string> render)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _render = render ?? throw new ArgumentNullException(nameof(render));
        _listener = new TcpListener(endpoint.Address);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where it serves.</summary>
    public MetricsEndpoint Endpoint { get; }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's disposal exception.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(ReadTimeout);
            // Socket reads may not observe the token on every runtime; closing the connection always ends them.
            using var closeOnTimeout = timeout.Token.Register(client.Close);
            try
            {
                var stream = client.GetStream();
                var requestLine = await ReadRequestLineAsync(stream, timeout.Token).ConfigureAwait(false);
                if (requestLine is null) return;
                var parts = requestLine.Split(' ');
                var (status, body) = parts.Length != 3 ? ("400 Bad Request", "bad request\n")
                    : parts[0] != "GET" && parts[0] != "HEAD" ? ("405 Method Not Allowed", "only GET\n")
                    : PathOf(parts[1]) != Endpoint.Path ? ("404 Not Found", $"metrics are at {Endpoint.Path}\n")
                    : ("200 OK", _render());
                var content = Encoding.UTF8.GetBytes(body);
                var contentType = status.StartsWith("200", StringComparison.Ordinal) ? PrometheusText.ContentType : "text/plain; charset=utf-8";
                var head = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, 0, head.Length, timeout.Token).ConfigureAwait(false);
                if (parts[0] != "HEAD") await stream.WriteAsync(content, 0, content.Length, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A scraper that went away or took too long: nothing to answer.
            }
        }
    }

    // Reads up to the end of the request head and returns its first line; null when the client sends none in time.
    private static async Task<string?> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n") || text.Contains("\n\n"))
            {
                var end = text.IndexOf('\n');
                return text.Substring(0, end).TrimEnd('\r');
            }
        }
        return null;
    }

    private static string PathOf(string target)
    {
        var query = target.IndexOf('?');
        return query < 0 ? target : target.Substring(0, query);
    }
}
