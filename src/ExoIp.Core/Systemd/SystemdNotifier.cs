using System;
using System.Net.Sockets;
using System.Text;

namespace ExoIp.Systemd;

/// <summary>
/// systemd's notify protocol, spoken directly (no libsystemd): one datagram of <c>KEY=VALUE</c> lines to the Unix
/// socket in <c>$NOTIFY_SOCKET</c>, a path or, starting with <c>@</c>, a name in the abstract namespace. Without the
/// variable there is no notifier and nothing is sent.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;

    private SystemdNotifier(string address)
    {
        Address = address;
        // '@' names an abstract socket; the kernel spells it with a leading NUL.
        _endpoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address.Substring(1) : address);
        // Non-blocking, as sd_notify's MSG_DONTWAIT: the loop sends from here, and its decisions must never wait for a
        // busy systemd (a full socket counts as a refused notification).
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    }

    /// <summary>The socket's address as <c>$NOTIFY_SOCKET</c> gave it.</summary>
    public string Address { get; }

    /// <summary>The notifier <c>$NOTIFY_SOCKET</c> asks for, or null when the variable is absent (not run by systemd) or not a socket address.</summary>
    public static SystemdNotifier? FromEnvironment(Func<string, string?> environment)
    {
        var address = environment("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(address) || (address![0] != '/' && address[0] != '@') || address.Length < 2) return null;
        return new SystemdNotifier(address);
    }

    /// <summary>Sends <paramref name="state"/> (newline-separated assignments); false when the socket refused it.</summary>
    public bool Send(string state)
    {
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), _endpoint);
            return true;
        }
        catch (SocketException)
        {
            // systemd went away or the socket is full: the service goes on, as sd_notify's callers do.
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
