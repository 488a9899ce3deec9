using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ExoIp.Cli;

/// <summary>
/// Syslog through /dev/log, as the original exoip logged: facility daemon, tag <c>exoip[pid]</c>, severity info or
/// warning. Where there is no /dev/log (a container without a syslog daemon) the lines go to standard error
/// instead, with one line saying so: systemd's journal and docker logs keep standard error.
/// </summary>
internal sealed class SyslogSink : LogSink
{
    private const string DevLog = "/dev/log";
    private const int Daemon = 3 << 3;
    private const int Warning = 4;
    private const int Informational = 6;

    private readonly Socket? _socket;
    private readonly StdoutSink? _fallback;
    private readonly string _tag = $"exoip[{Environment.ProcessId}]: ";

    public SyslogSink()
    {
        try
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(DevLog));
            _socket = socket;
        }
        catch (SocketException e)
        {
            _fallback = new StdoutSink(Console.Error);
            _fallback.Write(DateTimeOffset.UtcNow, $"no syslog at {DevLog} ({e.SocketErrorCode}): logging to standard error (-O logs to standard output)", warning: true);
        }
    }

    public override void Write(DateTimeOffset time, string line, bool warning)
    {
        if (_fallback is not null)
        {
            _fallback.Write(time, line, warning);
            return;
        }
        var message = Encoding.UTF8.GetBytes($"<{Daemon + (warning ? Warning : Informational)}>{_tag}{line}");
        try
        {
            lock (_socket!) _socket.Send(message);
        }
        catch (SocketException e)
        {
            // The daemon restarted or is flooded: the line is lost, as with syslog(3), but not silently.
            Debug.WriteLine($"syslog: {e.SocketErrorCode}");
        }
    }

    public override void Dispose() => _socket?.Dispose();
}
