using System;
using System.Collections.Generic;

namespace ExoIp.Emulator;

/// <summary>Computes <see cref="HolderStats"/> from one Elastic IP's holder history.</summary>
internal static class HolderStatistics
{
    /// <summary>
    /// Replays the changes (oldest first) and measures, within [from, to], the longest stretch with no holder
    /// (once it first had one) and the longest with two or more; a stretch still open counts up to <paramref name="to"/>.
    /// </summary>
    public static HolderStats Compute(
        IReadOnlyList<HolderChange> changes, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> holdersNow)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        var hadHolder = false;
        DateTimeOffset? withoutSince = null, severalSince = null;
        TimeSpan longestWithout = TimeSpan.Zero, longestSeveral = TimeSpan.Zero;
        var counted = 0;

        foreach (var change in changes)
        {
            if (change.Action == "attach") holders.Add(change.InstanceId);
            else holders.Remove(change.InstanceId);
            if (change.Time >= from && change.Time <= to) counted++;

            if (holders.Count > 0)
            {
                hadHolder = true;
                Close(ref withoutSince, change.Time, ref longestWithout);
            }
            else if (hadHolder)
            {
                withoutSince ??= change.Time;
            }

            if (holders.Count >= 2) severalSince ??= change.Time;
            else Close(ref severalSince, change.Time, ref longestSeveral);
        }

        Close(ref withoutSince, to, ref longestWithout);
        Close(ref severalSince, to, ref longestSeveral);
        return new HolderStats(longestWithout, longestSeveral, counted, holdersNow);

        void Close(ref DateTimeOffset? since, DateTimeOffset until, ref TimeSpan longest)
        {
            if (since is not { } start) return;
            since = null;
            var clipped = Min(until, to) - Max(start, from);
            if (clipped > longest) longest = clipped;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
