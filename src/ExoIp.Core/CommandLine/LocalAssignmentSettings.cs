using System;
using System.Collections.Generic;
using ExoIp.Configuration;

namespace ExoIp.CommandLine;

/// <summary>What -A, -D and -C resolved from the command line before any call (<see cref="CommandLineSettings.CheckAssignment"/>).</summary>
/// <param name="ElasticIp">The Elastic IP's address or id, and where it came from.</param>
/// <param name="InstanceId">-i or IF_EXOSCALE_INSTANCE_ID; <see cref="Guid.Empty"/> when the metadata service is to say.</param>
/// <param name="Api">The API settings, to be completed (zone, endpoint).</param>
/// <param name="Origins">Where each value came from, for -v.</param>
public sealed record LocalAssignmentSettings(ResolvedSetting ElasticIp, Guid InstanceId, ApiSettings Api, IReadOnlyList<string> Origins);
