using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Cli;

/// <summary>
/// The watchdog's status socket: a Unix stream socket only its owner can open (mode 0600, set before it listens);
/// each connection gets the status document (<see cref="ExoIp.Status.StatusDocument"/>) and is closed. A socket
/// file left by a watchdog that died is replaced; one another running watchdog answers on is refused.
/// </summary>
internal sealed class StatusServer : IDisposable
{
    private readonly Socket _socket;
    private readonly Func<string> _render;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private StatusServer(string path, Socket socket, Func<string> render)
    {
        Path = path;
        _socket = socket;
        _render = render;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where it listens.</summary>
    public string Path { get; }

    /// <summary>Listens on <paramref name="path"/>; each connection gets <paramref name="render"/>'s text.</summary>
    /// <exception cref="IOException">The path is served by another watchdog, or cannot be bound.</exception>
    public static StatusServer Listen(string path, Func<string> render)
    {
        if (File.Exists(path))
        {
            if (StatusClient.TryRead(path, out _)) throw new IOException($"{path} is the status socket of a running exoip");
            File.Delete(path); // left by a watchdog that died
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            // Before listen(): until then a connect is refused, so nobody reads through a wider mode.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(8);
            return new StatusServer(path, socket, render);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            throw new IOException($"cannot serve the status on {path}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends on the disposed socket.
        }
        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            using (client)
            {
                try
                {
                    await client.SendAsync(Encoding.UTF8.GetBytes(_render()), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                    client.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // The asker went away: its loss.
                }
            }
        }
    }
}
