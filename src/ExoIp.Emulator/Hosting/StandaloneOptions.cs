using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using ExoIp.Emulator.Api;

namespace ExoIp.Emulator.Hosting;

/// <summary>The standalone program's command line.</summary>
internal sealed class StandaloneOptions
{
    public const string Usage =
        "Usage: ExoIp.Emulator [--address 127.0.0.1] [--port 0] [--zone ch-gva-2] [--seed file.json] [--operation-delay-ms N] [--verbose]";

    /// <summary>What --help prints: the usage and what each option does.</summary>
    public const string Help = Usage + @"
An emulator of the Exoscale API v2 (the part ExoIp uses), for tests and demos: no account needed.

  --address ADDR            where to listen (default 127.0.0.1)
  --port N                  the TCP port (default 0: any free one)
  --zone ZONE               the zone it answers for (default ch-gva-2)
  --seed FILE               instances, Elastic IPs, security groups and credentials to start with (JSON);
                            seed.loopback.json beside the emulator seeds two nodes on 127.0.0.2 and 127.0.0.3
  --operation-delay-ms N    how long an attach or detach operation takes (default: the seed's, else 0)
  --verbose                 log every request to standard error
  --help                    print this help and exit

The first line on standard output is 'ExoIp emulator listening on http://ADDR:PORT/'; the API is under /v2.
Ctrl+C or SIGTERM stops it.";

    /// <summary>--help: print <see cref="Help"/> and exit.</summary>
    public bool ShowHelp { get; private set; }

    public EmulatorOptions Emulator { get; } = new();

    /// <summary>Logs every request (Debug) rather than only refusals and problems.</summary>
    public bool Verbose { get; private set; }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing or bad value, or an unreadable seed file.</exception>
    public static StandaloneOptions Parse(string[] args)
    {
        var parsed = new StandaloneOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--address": parsed.Emulator.Address = Value(args, ref i); break;
                case "--port": parsed.Emulator.Port = Number(args, ref i); break;
                case "--zone": parsed.Emulator.Zone = Value(args, ref i); break;
                case "--operation-delay-ms": parsed.Emulator.OperationDelay = TimeSpan.FromMilliseconds(Number(args, ref i)); break;
                case "--seed": parsed.Emulator.Seed = ReadSeed(Value(args, ref i)); break;
                case "--verbose": parsed.Verbose = true; break;
                case "--help" or "-h": parsed.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return parsed;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value.");

    private static int Number(string[] args, ref int i)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"Option '{args[i - 1]}' needs a non-negative whole number, not '{text}'.");
    }

    private static EmulatorSeed ReadSeed(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<EmulatorSeed>(File.ReadAllText(path), EmulatorJson.Options)
                ?? throw new ArgumentException($"The seed file {path} holds no seed.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"Cannot read the seed file {path}: {e.Message}", e);
        }
    }
}
