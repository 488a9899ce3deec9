using System;
using System.Collections.Generic;
using ExoIp.Authentication;
using ExoIp.Configuration;
using ExoIp.Metrics;
using ExoIp.Watchdog;

namespace ExoIp.CommandLine;

/// <summary>What -W resolved from the command line before any call (<see cref="CommandLineSettings.CheckWatchdog"/>).</summary>
/// <param name="InstanceId">-i or IF_EXOSCALE_INSTANCE_ID; <see cref="Guid.Empty"/> when the metadata service is to say.</param>
/// <param name="Options">The watchdog's options, without the instance id, keys and checks.</param>
/// <param name="AuthKeys">The advert keys, if any.</param>
/// <param name="Health">The health checks and notify command.</param>
/// <param name="MetricsEndpoint">Where to serve the metrics, if anywhere.</param>
/// <param name="Api">The API settings, to be completed (zone, endpoint).</param>
/// <param name="Origins">Where each value came from, for -v.</param>
public sealed record LocalWatchdogSettings(
    Guid InstanceId, WatchdogOptions Options, AuthKeyRing? AuthKeys, HealthSettings Health, MetricsEndpoint? MetricsEndpoint, ApiSettings Api,
    IReadOnlyList<string> Origins);
