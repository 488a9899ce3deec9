using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Bench.Cluster;
using ExoIp.Bench.Flood;
using ExoIp.Bench.Micro;
using ExoIp.Bench.Service;

namespace ExoIp.Bench;

/// <summary>
/// The benchmark tools, one subcommand each; every measuring subcommand writes its figures as JSON to <c>--out</c>.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: ExoIp.Bench <command> [--option value ...]
          micro  --out FILE [--quick]
                 codec and election throughput (BenchmarkDotNet, in process)
          peers  --out FILE [--nodes 50] [--interval-ms 100] [--dead-ratio 3] [--seconds 60] [--network 127.0.1.0]
                 N watchdog engines in this process against an embedded emulator; counts false deaths
          flood  --out FILE --target ADDRESS:PORT --elastic-ip ADDRESS --peer ADDRESS --stranger ADDRESS [--count 1000000] [--auth-key-file FILE]
                 malformed and foreign datagrams at a running watchdog, paced so the kernel drops none;
                 with the target's key file, forged and unverifiable authenticated adverts instead
          service --listen ADDRESS:PORT
                 a stand-in service for tcp:// health checks: accepts and closes connections until killed
        """;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            var options = CommandLine.Parse(args.Skip(1));
            return args[0] switch
            {
                "micro" => MicroBenchmarks.Run(options),
                "peers" => await PeerClusterBenchmark.RunAsync(options),
                "flood" => DatagramFlood.Run(options),
                "service" => TcpService.Run(options),
                _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
            };
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
