using System;
using System.Management.Automation;
using System.Threading;
using ExoIp.PowerShell.Hosting;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Jobs;

/// <summary>
/// The one child of a <see cref="WatchdogJob"/>, as ThreadJob has one: it holds the watchdog's streams. Each
/// stream keeps at most the engine's event capacity of records; when nobody reads, the oldest are dropped and
/// counted (<see cref="RecordsDropped"/>), so a job left unread for months holds a bounded amount of memory.
/// </summary>
public sealed class WatchdogChildJob : Job, IWatchdogSink
{
    private readonly WatchdogJob _parent;
    private readonly int _capacity;
    private long _dropped;

    internal WatchdogChildJob(WatchdogJob parent, int capacity)
        : base(parent.Command, parent.Name)
    {
        _parent = parent;
        _capacity = capacity;
        PSJobTypeName = parent.PSJobTypeName;
    }

    /// <summary>Records dropped, oldest first, because the job was not read for a long time.</summary>
    public long RecordsDropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public override string Location => _parent.Location;

    /// <inheritdoc />
    public override string StatusMessage => _parent.StatusMessage;

    /// <inheritdoc />
    public override bool HasMoreData =>
        Output.Count > 0 || Error.Count > 0 || Verbose.Count > 0 || Warning.Count > 0 || Debug.Count > 0 || Information.Count > 0;

    /// <inheritdoc />
    public override void StopJob() => _parent.StopJob();

    /// <summary>Moves to the parent's state, with the reason of a failure.</summary>
    internal void SetState(JobState state, Exception? reason)
    {
        if (!JobStateSetter.TrySet(this, state, reason)) SetJobState(state);
    }

    /// <summary>Adds an error record (bounded like the rest).</summary>
    internal void WriteError(ErrorRecord record) => AddBounded(Error, record);

    void IWatchdogSink.WriteEvent(WatchdogEventInfo watchdogEvent) => AddBounded(Output, PSObject.AsPSObject(watchdogEvent));
    void Logging.IHostStreams.WriteDebug(string message) => AddBounded(Debug, new DebugRecord(message));
    void Logging.IHostStreams.WriteVerbose(string message) => AddBounded(Verbose, new VerboseRecord(message));
    void Logging.IHostStreams.WriteWarning(string message) => AddBounded(Warning, new WarningRecord(message));

    private void AddBounded<T>(PSDataCollection<T> stream, T record)
    {
        // Only the pump adds; Receive-Job only takes, so the count cannot grow between the check and the add.
        while (stream.Count >= _capacity)
        {
            try
            {
                stream.RemoveAt(0);
                Interlocked.Increment(ref _dropped);
            }
            catch (ArgumentOutOfRangeException)
            {
                break; // Receive-Job took it first
            }
        }
        stream.Add(record);
    }
}
