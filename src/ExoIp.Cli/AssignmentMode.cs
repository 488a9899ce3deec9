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
        var address = context.Sources.Find("ElasticIp", new[] { EnvironmentVariables.Address })
            ?? throw new ConfigurationException("ElasticIp", "No Elastic IP: give -xi or set IF_ADDRESS.", missing: true);
        var instanceId = await context.InstanceIdAsync(cancellationToken).ConfigureAwait(false);
        var logger = new LineLogger(context.Sink, context.Line.Verbose ? LogLevel.Debug : LogLevel.Warning);
        using var client = await context.CreateClientAsync(logger, null, cancellationToken).ConfigureAwait(false);
        var eip = await client.ResolveElasticIpAsync(address.Value, cancellationToken).ConfigureAwait(false);
        context.Verbose($"Elastic IP {eip.Ip} has id {eip.Id}");

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
