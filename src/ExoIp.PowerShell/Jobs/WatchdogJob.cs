using System;
using System.ComponentModel;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.PowerShell.Commands;
using ExoIp.PowerShell.Hosting;
using ExoIp.PowerShell.Logging;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Jobs;

/// <summary>
/// A watchdog running as a job in this process (Start-ExoIpWatchdog -AsJob): it shows in Get-Job, its
/// events come out of Receive-Job, and Stop-Job stops it gracefully, releasing the Elastic IP when master.
/// </summary>
public sealed class WatchdogJob : Job2
{
    private static readonly TimeSpan PumpWait = TimeSpan.FromSeconds(1);
    private readonly WatchdogSession _session;
    private Task? _pump;

    internal WatchdogJob(WatchdogSession session, string command, PSCmdlet cmdlet)
        : base(command, session.Name)
    {
        _session = session;
        PSJobTypeName = "ExoIpWatchdog";
        // Registered through the adapter so Get-Job, Receive-Job, Stop-Job and Remove-Job know it.
        var definition = new JobDefinition(typeof(WatchdogJobSourceAdapter), command, Name);
        cmdlet.JobManager.NewJob(new JobInvocationInfo(definition, new System.Collections.Generic.Dictionary<string, object> { ["NewJob"] = this }));
    }

    /// <summary>The watchdog this job runs.</summary>
    public WatchdogSession Session => _session;

    /// <inheritdoc />
    public override string Location => Environment.MachineName;

    /// <inheritdoc />
    public override string StatusMessage => _session.Engine.GetSnapshot().Role.ToString();

    /// <inheritdoc />
    public override bool HasMoreData =>
        Output.Count > 0 || Error.Count > 0 || Verbose.Count > 0 || Warning.Count > 0 || Debug.Count > 0 || Information.Count > 0;

    /// <inheritdoc />
    public override void StartJob()
    {
        try
        {
            _session.Start();
        }
        catch (InvalidOperationException e)
        {
            Error.Add(new ErrorRecord(e, "WatchdogNameInUse", ErrorCategory.ResourceExists, _session.Name));
            SetJobState(JobState.Failed);
            return;
        }
        SetJobState(JobState.Running);
        _pump = Task.Run(PumpAsync);
    }

    /// <inheritdoc />
    public override void StartJobAsync()
    {
        StartJob();
        OnStartJobCompleted(new AsyncCompletedEventArgs(null, false, null));
    }

    /// <inheritdoc />
    public override void StopJob() => StopJob(force: false, reason: null);

    /// <summary>Stops the watchdog, releasing the Elastic IP when master, and waits for it.</summary>
    public override void StopJob(bool force, string? reason)
    {
        if (IsFinished(JobStateInfo.State)) return;
        SetJobState(JobState.Stopping);
        _session.StopAsync(releaseElasticIp: true);
        _session.WaitForStop();
        _pump?.Wait();
    }

    /// <inheritdoc />
    public override void StopJobAsync() => StopJobAsync(force: false, reason: null);

    /// <inheritdoc />
    public override void StopJobAsync(bool force, string? reason) =>
        Task.Run(() => StopJob(force, reason)).ContinueWith(_ => OnStopJobCompleted(new AsyncCompletedEventArgs(null, false, null)), TaskScheduler.Default);

    /// <inheritdoc />
    public override void SuspendJob() => throw new PSNotSupportedException("A watchdog job cannot be suspended; stop it instead.");

    /// <inheritdoc />
    public override void SuspendJob(bool force, string? reason) => SuspendJob();

    /// <inheritdoc />
    public override void SuspendJobAsync() => SuspendJob();

    /// <inheritdoc />
    public override void SuspendJobAsync(bool force, string? reason) => SuspendJob();

    /// <inheritdoc />
    public override void ResumeJob() => throw new PSNotSupportedException("A watchdog job cannot be suspended or resumed.");

    /// <inheritdoc />
    public override void ResumeJobAsync() => ResumeJob();

    /// <inheritdoc />
    public override void UnblockJob() => throw new PSNotSupportedException("A watchdog job never blocks.");

    /// <inheritdoc />
    public override void UnblockJobAsync() => UnblockJob();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsFinished(JobStateInfo.State)) StopJob();
        base.Dispose(disposing);
    }

    // Moves events and log entries into the job's streams until the watchdog stops. Asynchronous: a pump
    // that blocked a pool thread per job would starve the timers that send the adverts.
    private async Task PumpAsync()
    {
        while (!_session.Completion.IsCompleted)
        {
            _session.Drain(Add, Add);
            await _session.ActivityAsync(PumpWait).ConfigureAwait(false);
        }
        _session.Drain(Add, Add);
        _session.MarkDrained();
        var failure = _session.Completion.Exception?.GetBaseException();
        if (failure is not null) Error.Add(StartExoIpWatchdogCommand.FailureRecord(failure, Name));
        SetJobState(failure is not null ? JobState.Failed : _session.StopRequested ? JobState.Stopped : JobState.Completed);
    }

    private void Add(WatchdogEvent watchdogEvent) => Output.Add(PSObject.AsPSObject(watchdogEvent));

    private void Add(LogEntry entry)
    {
        switch (entry.Level)
        {
            case LogLevel.Trace: Debug.Add(new DebugRecord(entry.Message)); break;
            case LogLevel.Debug:
            case LogLevel.Information: Verbose.Add(new VerboseRecord(entry.Message)); break;
            default: Warning.Add(new WarningRecord(entry.Message)); break;
        }
    }

    private static bool IsFinished(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Stopped;
}
