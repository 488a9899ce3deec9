using System;
using System.Threading;

namespace ExoIp.Watchdog;

/// <summary>A watchdog's priority (0–255, lower wins): any thread changes it, the loop reads it at each pass.</summary>
internal sealed class LivePriority
{
    private int _value;

    public LivePriority(byte value)
    {
        _value = value;
    }

    public byte Value => (byte)Volatile.Read(ref _value);

    public void Set(byte value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Changes it by <paramref name="delta"/>, clamped to 0–255; returns the new value.</summary>
    public byte Adjust(int delta)
    {
        int current, updated;
        do
        {
            current = Volatile.Read(ref _value);
            updated = (int)Math.Max(0, Math.Min(255, (long)current + delta));
        }
        while (Interlocked.CompareExchange(ref _value, updated, current) != current);
        return (byte)updated;
    }
}
