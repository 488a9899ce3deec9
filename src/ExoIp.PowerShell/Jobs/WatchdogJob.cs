using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Management.Automation;
using System.Threading.Tasks;
using ExoIp.PowerShell.Hosting;
using ExoIp.PowerShell.Infrastructure;

namespace ExoIp.PowerShell.Jobs;

/// <summary>
/// A watchdog running as a job in this process (Start-ExoIpWatchdog -AsJob): it shows in Get-Job, its
/// events come out of Receive-Job, and Stop-Job stops it gracefully, releasing the Elastic IP when master.
/// Its streams live in its one child job (<see cref="WatchdogChildJob"/>).
/// </summary>
public sealed class WatchdogJob : Job2
{
    private readonly WatchdogSession _session;
    private readonly WatchdogChildJob _child;
    private Task? _pump;

    /// <summary>Creates the job for a started watchdog and registers it with the job manager.</summary>
    internal WatchdogJob(WatchdogSession session, JobManager jobManager)
        : base(session.Description, session.Name)
    {
        _session = session;
        PSJobTypeName = "ExoIpWatchdog";
        _child = new WatchdogChildJob(this, session.Engine.Options.EventCapacity);
        ChildJobs.Add(_child);
        // Registered through the adapter so Get-Job, Receive-Job, Stop-Job and Remove-Job know it.
        var definition = new JobDefinition(typeof(WatchdogJobSourceAdapter), Command, Name);
        jobManager.NewJob(new JobInvocationInfo(definition, new Dictionary<string, object> { ["NewJob"] = this }));
    }

    /// <summary>The watchdog this job runs.</summary>
    public WatchdogSession Session => _session;

    /// <summary>Records dropped, oldest first, because nobody received them (see <see cref="WatchdogChildJob"/>).</summary>
    public long RecordsDropped => _child.RecordsDropped;

    /// <inheritdoc />
    public override string Location => Environment.MachineName;

    /// <summary>The role while it runs; once finished, how the stop ended (Released, Kept, TimedOut, Unknown, Failed).</summary>
    public override string StatusMessage => IsFinished(JobStateInfo.State)
        ? (_session.StopOutcome?.ToString() ?? JobStateInfo.State.ToString())
        : _session.Engine.GetSnapshot().Role.ToString();

    /// <inheritdoc />
    public override bool HasMoreData => _child.HasMoreData;

    /// <summary>
    /// Starts pumping the watchdog's events into the job; Start-ExoIpWatchdog has started the watchdog itself,
    /// so what can be known at once (the name is in use, the bind address is taken) is its terminating error.
    /// A later failure fails the job with <c>JobStateInfo.Reason</c> set.
    /// </summary>
    public override void StartJob()
    {
        if (JobStateInfo.State != JobState.NotStarted) return;
        SetState(JobState.Running, null);
        _pump = PumpAsync();
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
        SetState(JobState.Stopping, null);
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

    private async Task PumpAsync()
    {
        var failure = await _session.PumpAsync(_child).ConfigureAwait(false);
        _session.MarkDrained();
        if (failure is null)
        {
            SetState(_session.StopRequested ? JobState.Stopped : JobState.Completed, null);
            return;
        }
        var record = ErrorRecords.From(failure, Name);
        _child.WriteError(record);
        SetState(JobState.Failed, record.Exception);
    }

    private void SetState(JobState state, Exception? reason)
    {
        _child.SetState(state, reason);
        if (!JobStateSetter.TrySet(this, state, reason)) SetJobState(state);
    }

    private static bool IsFinished(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Stopped;
}
