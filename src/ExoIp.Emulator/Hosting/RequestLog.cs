using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ExoIp.Emulator.Hosting;

/// <summary>The requests the emulator answered, newest last; bounded so a long benchmark cannot exhaust memory.</summary>
internal sealed class RequestLog
{
    /// <summary>Enough for any test or benchmark run; beyond it the oldest records go.</summary>
    private const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Queue<RequestRecord> _records = new();

    public void Add(RequestRecord record)
    {
        lock (_gate)
        {
            if (_records.Count == Capacity) _records.Dequeue();
            _records.Enqueue(record);
        }
    }

    public IReadOnlyList<RequestRecord> Since(DateTimeOffset? since)
    {
        lock (_gate) return _records.Where(r => since is null || r.Time >= since).ToList();
    }
}
