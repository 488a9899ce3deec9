using System;
using System.Globalization;

namespace ExoIp.Simulation;

/// <summary>The campaign's command line: <c>--seeds N [--seed S] [--minutes M] [--nodes K]</c>.</summary>
public sealed record CampaignArguments(int Seeds, long? Seed, double Minutes, int? Nodes, string? RunLog = null, bool Shrink = true)
{
    /// <summary>The usage line.</summary>
    public const string Usage = "usage: ExoIp.Simulation --seeds N [--seed S] [--minutes M] [--nodes K] [--shrink on|off]  (--seed S alone replays seed S; with --seeds N, runs S..S+N-1) | --check-run LOG.json";

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="FormatException">An unknown flag, a missing or bad value.</exception>
    public static CampaignArguments Parse(string[] args)
    {
        int? seeds = null;
        long? seed = null;
        var minutes = 10.0;
        int? nodes = null;
        string? runLog = null;
        var shrink = true;
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (i + 1 >= args.Length) throw new FormatException($"{flag} needs a value.");
            var value = args[++i];
            switch (flag)
            {
                case "--seeds":
                    seeds = Positive(flag, value);
                    break;
                case "--seed":
                    seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"--seed: '{value}' is not an integer.");
                    break;
                case "--minutes":
                    minutes = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && m <= 24 * 60
                        ? m : throw new FormatException($"--minutes: '{value}' is not a number of minutes in (0, 1440].");
                    break;
                case "--nodes":
                    nodes = Positive(flag, value);
                    if (nodes < 2 || nodes > 32) throw new FormatException($"--nodes: {nodes} is out of range 2–32.");
                    break;
                case "--check-run":
                    runLog = value;
                    break;
                case "--shrink":
                    shrink = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new FormatException($"--shrink: '{value}' is neither on nor off."),
                    };
                    break;
                default:
                    throw new FormatException($"unknown argument '{flag}'.");
            }
        }
        if (runLog is not null) return new CampaignArguments(0, null, minutes, nodes, runLog);
        if (seeds is null && seed is null) throw new FormatException("give --seeds N, --seed S, or both.");
        return new CampaignArguments(seeds ?? 1, seed, minutes, nodes, Shrink: shrink);
    }

    /// <summary>The seeds to run: S..S+N-1 (S defaults to 1).</summary>
    public long[] SeedList()
    {
        var first = Seed ?? 1;
        var list = new long[Seeds];
        for (var i = 0; i < Seeds; i++) list[i] = first + i;
        return list;
    }

    private static int Positive(string flag, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new FormatException($"{flag}: '{value}' is not a positive integer.");
}
