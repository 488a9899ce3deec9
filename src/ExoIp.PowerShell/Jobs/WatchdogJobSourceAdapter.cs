using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ExoIp.PowerShell.Jobs;

/// <summary>
/// Tells PowerShell's job manager about watchdog jobs, so the job cmdlets (Get-Job, Receive-Job, Stop-Job,
/// Remove-Job) work on them, as ThreadJob does for thread jobs.
/// </summary>
public sealed class WatchdogJobSourceAdapter : JobSourceAdapter
{
    private readonly ConcurrentDictionary<Guid, Job2> _jobs = new();

    /// <summary>Creates the adapter (the job manager does).</summary>
    public WatchdogJobSourceAdapter()
    {
        Name = nameof(WatchdogJobSourceAdapter);
    }

    /// <inheritdoc />
    public override Job2 NewJob(JobInvocationInfo specification)
    {
        if (specification.Parameters[0][0].Value is not WatchdogJob job)
            throw new PSArgumentException("A watchdog job is started with Start-ExoIpWatchdog -AsJob.");
        _jobs.TryAdd(job.InstanceId, job);
        return job;
    }

    /// <inheritdoc />
    public override IList<Job2> GetJobs() => _jobs.Values.ToList();

    /// <inheritdoc />
    public override IList<Job2> GetJobsByName(string name, bool recurse) =>
        _jobs.Values.Where(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <inheritdoc />
    public override IList<Job2> GetJobsByCommand(string command, bool recurse) =>
        _jobs.Values.Where(j => string.Equals(j.Command, command, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <inheritdoc />
    public override Job2? GetJobByInstanceId(Guid instanceId, bool recurse) => _jobs.TryGetValue(instanceId, out var job) ? job : null;

    /// <inheritdoc />
    public override Job2? GetJobBySessionId(int id, bool recurse) => _jobs.Values.FirstOrDefault(j => j.Id == id);

    /// <inheritdoc />
    public override IList<Job2> GetJobsByState(JobState state, bool recurse) =>
        _jobs.Values.Where(j => j.JobStateInfo.State == state).ToList();

    /// <inheritdoc />
    public override IList<Job2> GetJobsByFilter(Dictionary<string, object> filter, bool recurse) =>
        throw new PSNotSupportedException("Watchdog jobs cannot be filtered; use Get-Job -Name or -State.");

    /// <inheritdoc />
    public override void RemoveJob(Job2 job)
    {
        if (_jobs.TryRemove(job.InstanceId, out var removed)) removed.StopJob();
    }
}
