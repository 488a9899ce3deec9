using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>
/// -A and -D: make sure the Elastic IP is (or is not) on this instance, say so in one line, exit. -C: say whether it
/// is, and exit 0 or 3 (the OCF agent's monitor).
/// </summary>
internal static class AssignmentMode
{
    public static async Task<int> RunAsync(CommandLineContext context, TextWriter output, CancellationToken cancellationToken)
    {
        var attach = context.Line.Mode == CommandLineMode.Associate;
        // Everything local first, every problem in one run, before the metadata service or the API is asked.
        var local = context.Settings.CheckAssignment();
        foreach (var origin in local.Origins) context.Verbose(origin);
        var instanceId = (local.InstanceId == Guid.Empty ? await context.InstanceIdFromMetadataAsync(cancellationToken).ConfigureAwait(false) : local.InstanceId).ToString();
        var logger = new LineLogger(context.Sink, context.Line.Verbose ? LogLevel.Debug : LogLevel.Warning);
        using var client = await context.CreateClientAsync(local.Api, logger, null, cancellationToken).ConfigureAwait(false);
        var eip = await client.ResolveElasticIpAsync(local.ElasticIp.Value, cancellationToken).ConfigureAwait(false);
        context.Verbose(eip.Describe());

        if (context.Line.Mode == CommandLineMode.Check)
        {
            var holds = (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)).Holds(eip.Id);
            output.WriteLine(AssignmentReport.DescribeCheck(eip.Ip, instanceId, holds));
            return holds ? 0 : AssignmentReport.NotHeldExitCode;
        }
        bool changed;
        if (context.Line.ValidateOnly)
        {
            // -n reads the instance and changes nothing.
            var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            changed = instance.Holds(eip.Id) != attach;
        }
        else
        {
            changed = attach
                ? await client.AttachElasticIpAsync(eip.Id, instanceId, cancellationToken).ConfigureAwait(false)
                : await client.DetachElasticIpAsync(eip.Id, instanceId, cancellationToken).ConfigureAwait(false);
        }
        output.WriteLine(AssignmentReport.Describe(attach, eip.Ip, instanceId, changed, context.Line.ValidateOnly));
        return 0;
    }
}
