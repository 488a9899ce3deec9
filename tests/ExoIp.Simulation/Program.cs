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
        if (arguments.RunLog is { } log) return CheckRun(log, output, error);
        if (factory is null)
        {
            error.WriteLine("campaign: no node adapter over the watchdog core is plugged in (WatchdogNodes.Factory).");
            return 2;
        }
        var campaign = new Campaign(factory, TimeSpan.FromMinutes(arguments.Minutes), arguments.Nodes, output, shrink: arguments.Shrink);
        var totals = campaign.Run(arguments.SeedList());
        return totals.Violations > 0 ? 1 : 0;
    }

    // The real-process tier: the same checker over a run log (the emulator's holder history and the driver's facts).
    private static int CheckRun(string path, TextWriter output, TextWriter error)
    {
        ExternalRun run;
        try
        {
            run = ExternalRun.Read(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("campaign: " + e.Message);
            return 2;
        }
        var report = Checker.Check(run.ToRecord());
        foreach (var violation in report.Violations) output.WriteLine(violation);
        var ratios = new System.Text.StringBuilder("worst ratio to bound:");
        foreach (var invariant in Enum.GetValues<Invariant>())
            if (invariant != Invariant.I6) ratios.Append(System.Globalization.CultureInfo.InvariantCulture, $" {invariant} {report.Worst(invariant):0.00},");
        output.WriteLine(ratios.ToString().TrimEnd(','));
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"campaign (real processes): {(run.EndedAt - run.StartedAt).TotalMinutes:0.#} minutes, {run.Faults.Count} faults, {report.Violations.Count} violations"));
        return report.Violations.Count > 0 ? 1 : 0;
    }
}
