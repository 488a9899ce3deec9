using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>-A and -D: make sure the Elastic IP is (or is not) on this instance, say so in one line, exit.</summary>
internal static class AssignmentMode
{
    public static async Task<int> RunAsync(CommandLineContext context, TextWriter output, CancellationToken cancellationToken)
    {
        var attach = context.Line.Mode == CommandLineMode.Associate;
        var address = context.Sources.Find("ElasticIp", new[] { EnvironmentVariables.Address })
            ?? throw new ConfigurationException("ElasticIp", $"No Elastic IP: give {context.Sources.Ways("ElasticIp", EnvironmentVariables.Address)}.", missing: true);
        var instanceId = await context.InstanceIdAsync(cancellationToken).ConfigureAwait(false);
        var logger = new LineLogger(context.Sink, context.Line.Verbose ? LogLevel.Debug : LogLevel.Warning);
        using var client = await context.CreateClientAsync(logger, null, cancellationToken).ConfigureAwait(false);
        var eip = await client.ResolveElasticIpAsync(address.Value, cancellationToken).ConfigureAwait(false);
        context.Verbose(eip.Describe());

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
