using System;
using System.IO;

namespace ExoIp.Simulation;

/// <summary>
/// <c>dotnet run --project tests/ExoIp.Simulation -c Release -- --seeds N [--seed S] [--minutes M] [--nodes K]</c>:
/// runs a campaign against the real node (<see cref="WatchdogNodes.Factory"/>); exit 0 with no violation, 1 with
/// any, 2 for a usage error.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    public static int Main(string[] args) => Run(args, WatchdogNodes.Factory, Console.Out, Console.Error);

    /// <summary>Runs the command line with nodes from <paramref name="factory"/>.</summary>
    public static int Run(string[] args, Func<ISimulatedNode>? factory, TextWriter output, TextWriter error)
    {
        CampaignArguments arguments;
        try
        {
            arguments = CampaignArguments.Parse(args);
        }
        catch (FormatException e)
        {
            error.WriteLine("campaign: " + e.Message + " " + CampaignArguments.Usage);
            return 2;
        }
        if (factory is null)
        {
            error.WriteLine("campaign: no node adapter over the watchdog core is plugged in (WatchdogNodes.Factory).");
            return 2;
        }
        var campaign = new Campaign(factory, TimeSpan.FromMinutes(arguments.Minutes), arguments.Nodes, output);
        var totals = campaign.Run(arguments.SeedList());
        return totals.Violations > 0 ? 1 : 0;
    }
}
