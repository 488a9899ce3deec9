using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Security;
using ExoIp.Authentication;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using ExoIp.Metrics;
using ExoIp.Notify;
using ExoIp.PowerShell.Health;
using ExoIp.PowerShell.Hosting;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Jobs;
using ExoIp.PowerShell.Logging;
using ExoIp.PowerShell.Notify;
using ExoIp.PowerShell.Output;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Runs the watchdog that keeps an Elastic IP on exactly one live host of a group: the original exoip's
/// watchdog mode (-W). In the foreground it writes an event per state change, peer change and API action
/// until stopped (Ctrl+C releases the Elastic IP when master); with -AsJob it returns a job.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ExoIpWatchdog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(WatchdogEventInfo), typeof(WatchdogJob))]
public sealed class StartExoIpWatchdogCommand : ExoIpApiCmdlet, IWatchdogSink
{
    /// <summary>The Elastic IP's address; else IF_ADDRESS.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ElasticIp { get; set; }

    /// <summary>This node's priority, 0-255, lower wins; else IF_HOST_PRIORITY, else 10.</summary>
    [Parameter]
    [ValidateRange(0, 255)]
    public int? Priority { get; set; }

    /// <summary>Where to listen and send from, e.g. :12345 or 10.0.0.1:12345; else IF_BIND_TO or IF_BIND_ADDRESS.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BindAddress { get; set; }

    /// <summary>This instance's id; else IF_EXOSCALE_INSTANCE_ID, else the metadata service.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? InstanceId { get; set; }

    /// <summary>Static peers (IPv4); else IF_EXOSCALE_PEERS. Exclusive with -PeerGroup.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Peer { get; set; }

    /// <summary>The security group whose running members are the peers; else IF_EXOSCALE_PEER_GROUP.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PeerGroup { get; set; }

    /// <summary>The Instance Pool whose running members are the peers; else IF_EXOSCALE_INSTANCE_POOL. Exclusive with -Peer and -PeerGroup.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? InstancePool { get; set; }

    /// <summary>A peer silent for more than interval x this is dead; else IF_DEAD_RATIO, else 3.</summary>
    [Parameter]
    [ValidateRange(1, WatchdogOptions.MaximumDeadRatio)]
    public int? DeadRatio { get; set; }

    /// <summary>Seconds between advertisements, fractions allowed (at least 0.05); else IF_ADVERTISEMENT_INTERVAL, else 1.</summary>
    [Parameter]
    [ValidateRange(WatchdogOptions.MinimumIntervalSeconds, WatchdogOptions.MaximumIntervalSeconds)]
    public double? Interval { get; set; }

    /// <summary>How often the peers are looked up again through the API; else IF_PEER_REFRESH_INTERVAL (seconds), else 5 minutes.</summary>
    [Parameter]
    public TimeSpan? PeerRefreshInterval { get; set; }

    /// <summary>How often the node compares what the API says with its role and repairs it; else IF_RECONCILE_INTERVAL (seconds), else 30 seconds.</summary>
    [Parameter]
    public TimeSpan? ReconcileInterval { get; set; }

    /// <summary>Where to serve Prometheus metrics, e.g. http://127.0.0.1:9707/metrics; else IF_METRICS_ADDRESS, else off.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsEndpoint { get; set; }

    /// <summary>The shared advert key, or two (current, next) during a rotation; adverts are then signed and verified.</summary>
    [Parameter]
    [ValidateCount(1, 2)]
    public SecureString[]? AuthKey { get; set; }

    /// <summary>Files with the advert key in their first line, one or two (current, next); else IF_AUTH_KEY_FILE.</summary>
    [Parameter]
    [ValidateCount(1, 2)]
    public string[]? AuthKeyFile { get; set; }

    /// <summary>Service checks: tcp://host:port, http(s)://... (strings) or ScriptBlocks; healthy when all pass. Else IF_HEALTH_CHECK.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public object[]? HealthCheck { get; set; }

    /// <summary>A check command line, run without a shell; healthy on exit code 0. Else IF_HEALTH_CHECK_COMMAND.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthCheckCommand { get; set; }

    /// <summary>Seconds between two rounds of checks (fractions allowed); else IF_HEALTH_CHECK_INTERVAL, else 1.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double? HealthCheckInterval { get; set; }

    /// <summary>Seconds one check may take, at most the interval; else IF_HEALTH_CHECK_TIMEOUT, else the smaller of 1 and the interval.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double? HealthCheckTimeout { get; set; }

    /// <summary>Failed rounds in a row that make the node unhealthy; else IF_HEALTH_CHECK_FALL, else 3.</summary>
    [Parameter]
    [ValidateRange(1, ExoIp.Health.HealthCheckOptions.MaximumCount)]
    public int? HealthCheckFall { get; set; }

    /// <summary>Passed rounds in a row that make it healthy again; else IF_HEALTH_CHECK_RISE, else 2.</summary>
    [Parameter]
    [ValidateRange(1, ExoIp.Health.HealthCheckOptions.MaximumCount)]
    public int? HealthCheckRise { get; set; }

    /// <summary>https:// checks accept any certificate (a self-signed local endpoint); else IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK.</summary>
    [Parameter]
    public SwitchParameter HealthCheckSkipCertificateCheck { get; set; }

    /// <summary>Seconds a better node waits, alive and healthy, before it takes the Elastic IP back; else IF_PREEMPT_DELAY, else 0.</summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double? PreemptDelay { get; set; }

    /// <summary>Never take the Elastic IP from a live, healthy holder; else IF_NO_PREEMPT.</summary>
    [Parameter]
    public SwitchParameter NoPreempt { get; set; }

    /// <summary>A command line run on every role change, without a shell, with ROLE ELASTIC_IP appended and EXOIP_* set; else IF_NOTIFY_COMMAND.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NotifyCommand { get; set; }

    /// <summary>Seconds one notify run may take before it is stopped (fractions allowed); else IF_NOTIFY_TIMEOUT, else 30.</summary>
    [Parameter]
    [ValidateRange(WatchdogOptions.MinimumIntervalSeconds, WatchdogOptions.MaximumNotifyTimeoutSeconds)]
    public double? NotifyTimeout { get; set; }

    /// <summary>A ScriptBlock run on every role change with the change as $_, in a runspace of its own.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? OnRoleChange { get; set; }

    /// <summary>A name for this watchdog (default: its Elastic IP).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Run as a job in this process and return it at once.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    /// <summary>Check the configuration (and that the API knows the Elastic IP and the peers), then return.</summary>
    [Parameter]
    public SwitchParameter ValidateOnly { get; set; }

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string?> parameters)
    {
        parameters["ElasticIp"] = ElasticIp;
        parameters["Priority"] = Priority?.ToString(CultureInfo.InvariantCulture);
        parameters["BindAddress"] = BindAddress;
        parameters["Peer"] = Peer is null ? null : string.Join(",", Peer);
        parameters["PeerGroup"] = PeerGroup;
        parameters["InstancePool"] = InstancePool;
        parameters["DeadRatio"] = DeadRatio?.ToString(CultureInfo.InvariantCulture);
        parameters["Interval"] = Interval?.ToString("R", CultureInfo.InvariantCulture);
        parameters["MetricsEndpoint"] = MetricsEndpoint;
        parameters["AuthKeyFile"] = AuthKeyFile is null ? null : string.Join(",", AuthKeyFile.Select(GetUnresolvedProviderPathFromPSPath));
        parameters["HealthCheck"] = HealthCheck is null ? null : string.Join(" ", HealthCheck.Select(c => c is PSObject o ? o.BaseObject : c).OfType<string>());
        parameters["HealthCheckCommand"] = HealthCheckCommand;
        parameters["HealthCheckInterval"] = HealthCheckInterval?.ToString("R", CultureInfo.InvariantCulture);
        parameters["HealthCheckTimeout"] = HealthCheckTimeout?.ToString("R", CultureInfo.InvariantCulture);
        parameters["HealthCheckFall"] = HealthCheckFall?.ToString(CultureInfo.InvariantCulture);
        parameters["HealthCheckRise"] = HealthCheckRise?.ToString(CultureInfo.InvariantCulture);
        parameters["HealthCheckSkipCertificateCheck"] = HealthCheckSkipCertificateCheck.IsPresent ? "yes" : null;
        parameters["PreemptDelay"] = PreemptDelay?.ToString("R", CultureInfo.InvariantCulture);
        parameters["NoPreempt"] = NoPreempt.IsPresent ? "yes" : null;
        parameters["NotifyCommand"] = NotifyCommand;
        parameters["NotifyTimeout"] = NotifyTimeout?.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        WatchdogOptions options;
        MetricsEndpoint? metricsEndpoint;
        HealthSettings health;
        try
        {
            (options, health) = ResolveOptions();
            metricsEndpoint = Metrics.MetricsEndpoint.Resolve(Sources);
            if (metricsEndpoint is not null) WriteVerbose($"Metrics endpoint {metricsEndpoint}");
            Preflight(options);
            if (ValidateOnly)
            {
                WriteVerbose("The configuration is valid.");
                return;
            }
        }
        catch (Exception e) when (e is ConfigurationException or ExoscaleApiException or MetadataUnavailableException or AuthKeyException)
        {
            ThrowTerminatingError(ErrorFor(e, null));
            return;
        }
        catch (WatchdogBindException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Bind.ToString()));
            return;
        }

        if (!ShouldProcess($"Elastic IP {options.ElasticIp} on {options.Bind} as {options.InstanceId}", "Start watchdog")) return;
        // The session owns its client and log: a job outlives this cmdlet.
        var log = new PipelineLog();
        var client = CreateClient(log, clientOptions => clientOptions.ConfigureFor(options));
        WatchdogSession session;
        try
        {
            session = WatchdogSession.Open(options, client, log, metricsEndpoint, CreateChecks(health), CreateHooks(health));
            session.Start();
        }
        catch (Exception e) when (e is WatchdogNameInUseException or WatchdogBindException)
        {
            ThrowTerminatingError(ErrorRecords.From(e, options.EffectiveName));
            return;
        }
        if (AsJob)
        {
            var job = new WatchdogJob(session, JobManager);
            job.StartJob();
            WriteObject(job);
            return;
        }
        RunInForeground(session);
    }

    private (WatchdogOptions Options, HealthSettings Health) ResolveOptions()
    {
        // Everything local first, every problem in one run, before the metadata service or the API is asked.
        var problems = new ConfigurationProblems();
        var origins = new List<string>();
        var instanceId = Guid.Empty;
        var givenId = InstanceId is null ? Sources.Find("InstanceId", new[] { EnvironmentVariables.InstanceId }) : new ResolvedSetting(InstanceId, "-InstanceId");
        if (givenId is not null && !Guid.TryParse(givenId.Value, out instanceId))
            problems.Add(new ConfigurationException("InstanceId", $"InstanceId '{givenId.Value}' from {givenId.Source} is not an Exoscale instance id (a UUID)."));
        if (givenId is not null) origins.Insert(0, $"InstanceId {givenId.Value} from {givenId.Source}");
        var options = problems.Check(() => WatchdogSettings.Resolve(Sources, instanceId, Name, PeerRefreshInterval, ReconcileInterval, origins));
        if (AuthKey is not null && AuthKeyFile is not null)
            problems.Add(new ConfigurationException("AuthKeyFile", "Give -AuthKey or -AuthKeyFile, not both."));
        var keys = AuthKey is not null ? AuthKeyParameters.Resolve(this, AuthKey, null) : problems.Check(() => AuthSettings.Resolve(Sources, origins));
        var health = problems.Check(() => HealthSettings.Resolve(Sources, origins));
        var unsupported = HealthCheck?.Select(c => c is PSObject o ? o.BaseObject : c).FirstOrDefault(c => c is not (string or ScriptBlock));
        if (unsupported is not null)
            problems.Add(new ConfigurationException("HealthCheck", $"HealthCheck: a {unsupported.GetType().Name} is not a check; give tcp://host:port, http(s)://... or a ScriptBlock."));
        problems.Check(() => Metrics.MetricsEndpoint.Resolve(Sources));
        CheckApiSettingsLocally(problems);
        problems.ThrowIfAny();
        foreach (var origin in origins) WriteVerbose(origin);
        if (instanceId == Guid.Empty && !Guid.TryParse(ResolveInstanceId(null), out instanceId))
            throw new ConfigurationException("InstanceId", "The metadata service's instance id is not an Exoscale instance id (a UUID).");
        return (options! with { InstanceId = instanceId, AuthKeys = keys, HealthCheck = health!.Options, NotifyTimeout = health.NotifyTimeout }, health);
    }

    // The URI checks and the command from the settings, then the ScriptBlocks, each in a runspace of its own.
    private IReadOnlyList<ExoIp.Health.IHealthCheck> CreateChecks(HealthSettings health) => health.CreateChecks()
        .Concat((HealthCheck ?? Array.Empty<object>()).Select(c => c is PSObject o ? o.BaseObject : c).OfType<ScriptBlock>()
            .Select(block => (ExoIp.Health.IHealthCheck)new ScriptBlockHealthCheck(block)))
        .ToArray();

    // The command first, then the ScriptBlock, in a runspace of its own: one after the other on each change.
    private IReadOnlyList<INotifyHook> CreateHooks(HealthSettings health)
    {
        var hooks = new List<INotifyHook>();
        if (health.NotifyCommand is { } command) hooks.Add(new CommandNotifyHook(command));
        if (OnRoleChange is { } block) hooks.Add(new ScriptBlockNotifyHook(block));
        return hooks;
    }

    // What -ValidateOnly refuses (key, Elastic IP, instance, group, peers) stops the start before anything is taken.
    // An API that does not answer now is no reason not to start: the watchdog retries.
    private void Preflight(WatchdogOptions options)
    {
        PreflightReport report;
        try
        {
            report = Await(ct => WatchdogPreflight.CheckAsync(Client, options, thorough: ValidateOnly, ct));
        }
        catch (Exception e) when (!ValidateOnly && e is ExoscaleUnavailableException or ExoscaleTimeoutException)
        {
            WriteWarning($"The configuration could not be checked with the API ({e.Message}); starting anyway, the watchdog retries.");
            return;
        }
        catch (SocketException e)
        {
            throw new WatchdogBindException(options.EffectiveName, options.Bind, e);
        }
        foreach (var fact in report.Facts) WriteVerbose(fact);
        foreach (var warning in report.Warnings) WriteWarning(warning);
    }

    private void RunInForeground(WatchdogSession session)
    {
        using var sink = new PipelineSink();
        var pump = session.PumpAsync(sink).ContinueWith(run =>
        {
            sink.Complete();
            return run.Result;
        }, TaskScheduler.Default);
        try
        {
            if (!sink.Consume(this, StopToken)) return;
            session.MarkDrained();
            if (pump.Result is { } failure) ThrowTerminatingError(ErrorRecords.From(failure, session.Name));
        }
        finally
        {
            // However the pipeline ends (Ctrl+C, Select-Object -First, an error downstream), the watchdog
            // stops gracefully and releases the Elastic IP when master.
            if (!session.Completion.IsCompleted || !pump.IsCompleted) Stop(session, sink);
        }
    }

    // The pipeline may no longer be written to here. After Ctrl+C the user still sees the handover and its
    // outcome, on the host; otherwise (Select-Object -First, an error downstream) this only waits.
    private void Stop(WatchdogSession session, PipelineSink sink)
    {
        session.StopAsync(releaseElasticIp: true);
        var margin = session.Engine.StopBound + TimeSpan.FromSeconds(5);
        // Ctrl+C marks the pipeline as stopping before PowerShell calls StopProcessing (which cancels StopToken): an
        // event written in between fails with the pipeline stopped, and this runs before the token says so.
        if (!Stopping && !StopToken.IsCancellationRequested)
        {
            session.WaitForStop();
            return;
        }
        var report = new HostStopReport(Host, session);
        report.Begin();
        var inTime = sink.Consume(report, CancellationToken.None, margin);
        session.MarkDrained();
        report.End(inTime);
    }

    void IWatchdogSink.WriteEvent(WatchdogEventInfo watchdogEvent) => WriteObject(watchdogEvent);
}
