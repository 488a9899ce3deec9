using System;
using System.Net.Sockets;
using System.Text;

namespace ExoIp.Cli;

/// <summary>
/// Syslog through /dev/log, as the original exoip logged: facility daemon, tag <c>exoip[pid]</c>, the line's
/// severity (error, warning, info, debug). Where there is no /dev/log (a container without a syslog daemon) the
/// lines go to standard error instead, with one line saying so: systemd's journal and docker logs keep standard error.
/// </summary>
internal sealed class SyslogSink : LogSink
{
    private const string DevLog = "/dev/log";
    private const int Daemon = 3 << 3;

    private readonly string _tag = $"exoip[{Environment.ProcessId}]: ";
    private readonly object _gate = new();
    private Socket? _socket;
    private readonly Func<string, string?> _environment;
    private LogSink? _fallback;

    public SyslogSink(Func<string, string?> environment) => _environment = environment;

    public override void Write(DateTimeOffset time, string line, LineSeverity severity)
    {
        lock (_gate)
        {
            // Connected on the first line: a run with nothing to log (-A, -D) never looks for syslog.
            if (_socket is null && _fallback is null) Connect();
            if (_fallback is not null)
            {
                _fallback.Write(time, line, severity);
                return;
            }
            try
            {
                _socket!.Send(Encoding.UTF8.GetBytes($"<{Daemon + (int)severity}>{_tag}{line}"));
            }
            catch (SocketException e)
            {
                // The daemon restarted or is flooded: the line goes to standard error rather than nowhere.
                Console.Error.WriteLine($"exoip: syslog refused a line ({e.SocketErrorCode}): {line}");
            }
        }
    }

    public override void Dispose() => _socket?.Dispose();

    private void Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(DevLog));
            _socket = socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            _fallback = JournalStream.Is(2, _environment) ? new JournalSink(Console.Error) : new StdoutSink(Console.Error);
            _fallback.Write(DateTimeOffset.UtcNow, $"no syslog at {DevLog} ({e.SocketErrorCode}): logging to standard error (-O logs to standard output)", LineSeverity.Warning);
        }
    }
}
