using System;

namespace ExoIp.Simulation;

/// <summary>
/// The run's random streams, each its own <see cref="Random"/> split from one seed (SplitMix64 of the seed and the
/// stream's name), so a seed replays exactly and a draw added to one stream leaves the others unchanged.
/// </summary>
public sealed class RandomStreams
{
    /// <summary>Creates the streams of <paramref name="seed"/>.</summary>
    public RandomStreams(long seed)
    {
        Seed = seed;
        Ids = Split(seed, 1);
        Priorities = Split(seed, 2);
        Schedule = Split(seed, 3);
        Network = Split(seed, 4);
        Api = Split(seed, 5);
        Nemesis = Split(seed, 6);
        Parameters = Split(seed, 7);
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>Instance ids, addresses.</summary>
    public Random Ids { get; }

    /// <summary>Initial priorities.</summary>
    public Random Priorities { get; }

    /// <summary>When nodes start (their offsets and intervals).</summary>
    public Random Schedule { get; }

    /// <summary>Datagram delays, loss, duplication.</summary>
    public Random Network { get; }

    /// <summary>API latencies and the outcome of faulty calls.</summary>
    public Random Api { get; }

    /// <summary>The fault schedule.</summary>
    public Random Nemesis { get; }

    /// <summary>The run's parameters (node count, interval, dead ratio, timeouts).</summary>
    public Random Parameters { get; }

    /// <summary>A stream of its own for <paramref name="seed"/> and a stream number.</summary>
    public static Random Split(long seed, int stream)
    {
        var mixed = SplitMix((ulong)seed ^ SplitMix((ulong)stream * 0x9E3779B97F4A7C15UL));
        return new Random((int)(mixed ^ (mixed >> 32)));
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A UUID drawn from <paramref name="random"/> (version 4 bits set), never <see cref="Guid.Empty"/>.</summary>
    public static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
