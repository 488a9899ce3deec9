using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Processes;

/// <summary>
/// Runs an <see cref="ExternalCommand"/> once, without a shell, with its stdin closed and its output kept only
/// as its last line. Cancelling the run kills the process with its descendants (a health check's or a hook's
/// timeout): no run outlives its caller's patience.
/// </summary>
public static class ProcessRunner
{
    private const int MaxOutputLength = 200;

    // After the exit, how long the last lines may take to arrive: a descendant that keeps the pipe open
    // must not hold the result back.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="command"/> with <paramref name="extraArguments"/> appended and <paramref name="environment"/> added.</summary>
    /// <param name="command">What to run.</param>
    /// <param name="extraArguments">Appended to the command's own arguments.</param>
    /// <param name="environment">Variables set for the process on top of this one's environment, less the API credentials (<see cref="ChildEnvironment"/>).</param>
    /// <param name="cancellationToken">Kills the process (and its descendants) when cancelled; the result then says <see cref="ProcessEnd.Killed"/>.</param>
    public static async Task<ProcessResult> RunAsync(
        ExternalCommand command,
        IEnumerable<string>? extraArguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        if (command is null) throw new ArgumentNullException(nameof(command));
        var arguments = command.Arguments.Concat(extraArguments ?? Array.Empty<string>());
        var start = new ProcessStartInfo(command.Executable, ArgumentQuoting.Join(arguments))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ChildEnvironment.RemoveCredentials(start);
        foreach (var variable in environment ?? new Dictionary<string, string>()) start.Environment[variable.Key] = variable.Value;

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(true);
        // Two pipes, so no order between them: each keeps its own last line.
        var output = new LastLine(MaxOutputLength);
        var errors = new LastLine(MaxOutputLength);
        var outputClosed = OnEndOfStream(h => process.OutputDataReceived += h, output);
        var errorClosed = OnEndOfStream(h => process.ErrorDataReceived += h, errors);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new ProcessResult(ProcessEnd.NotStarted, null, stopwatch.Elapsed, null, $"'{command.Executable}': {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var end = ProcessEnd.Exited;
        using (cancellationToken.Register(() => ProcessTree.Kill(process)))
        {
            await exited.Task.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested) end = ProcessEnd.Killed;
        }
        var duration = stopwatch.Elapsed;
        await Task.WhenAny(Task.WhenAll(outputClosed, errorClosed), Task.Delay(OutputGrace)).ConfigureAwait(false);
        int? exitCode = end == ProcessEnd.Exited ? process.ExitCode : null;
        // A run that failed says why on stderr, as a rule; one that succeeded, what it did on stdout.
        var last = exitCode == 0 ? output.Value ?? errors.Value : errors.Value ?? output.Value;
        return new ProcessResult(end, exitCode, duration, last, null);
    }

    private static Task OnEndOfStream(Action<DataReceivedEventHandler> subscribe, LastLine output)
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, e) =>
        {
            if (e.Data is null) closed.TrySetResult(true);
            else output.Offer(e.Data);
        });
        return closed.Task;
    }

    private sealed class LastLine
    {
        private readonly int _maxLength;
        private string? _value;

        public LastLine(int maxLength) => _maxLength = maxLength;

        public string? Value => Volatile.Read(ref _value);

        public void Offer(string line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) return;
            Volatile.Write(ref _value, trimmed.Length <= _maxLength ? trimmed : trimmed.Substring(0, _maxLength) + "…");
        }
    }
}
