using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>
/// The environment variables ExoIp reads. <c>IF_*</c> are the original exoip's (ifupdown exports an
/// <c>iface</c> stanza's options under that prefix); <c>EXOSCALE_*</c> are Exoscale's own tools'.
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>The Elastic IP to watch over.</summary>
    public const string Address = "IF_ADDRESS";
    /// <summary>The API key (exoip).</summary>
    public const string IfApiKey = "IF_EXOSCALE_API_KEY";
    /// <summary>The API secret (exoip).</summary>
    public const string IfApiSecret = "IF_EXOSCALE_API_SECRET";
    /// <summary>The API endpoint (exoip).</summary>
    public const string IfApiEndpoint = "IF_EXOSCALE_API_ENDPOINT";
    /// <summary>The zone (an ExoIp addition in the exoip style).</summary>
    public const string IfZone = "IF_EXOSCALE_ZONE";
    /// <summary>This instance's id.</summary>
    public const string InstanceId = "IF_EXOSCALE_INSTANCE_ID";
    /// <summary>The metadata service's base URL (an ExoIp addition, for tests and unusual networks).</summary>
    public const string MetadataEndpoint = "IF_EXOSCALE_METADATA_ENDPOINT";
    /// <summary>Host priority, lower wins.</summary>
    public const string Priority = "IF_HOST_PRIORITY";
    /// <summary>Bind address, as the original's code reads it.</summary>
    public const string BindTo = "IF_BIND_TO";
    /// <summary>Bind address, as the original's README names it.</summary>
    public const string BindAddress = "IF_BIND_ADDRESS";
    /// <summary>Static peers, comma- or space-separated.</summary>
    public const string Peers = "IF_EXOSCALE_PEERS";
    /// <summary>Security group whose members are the peers.</summary>
    public const string PeerGroup = "IF_EXOSCALE_PEER_GROUP";
    /// <summary>Instance Pool whose members are the peers (an ExoIp addition in the exoip style).</summary>
    public const string InstancePool = "IF_EXOSCALE_INSTANCE_POOL";
    /// <summary>Dead ratio.</summary>
    public const string DeadRatio = "IF_DEAD_RATIO";
    /// <summary>Advertisement interval, seconds.</summary>
    public const string AdvertisementInterval = "IF_ADVERTISEMENT_INTERVAL";
    /// <summary>Where to serve Prometheus metrics, e.g. http://127.0.0.1:9707/metrics (an ExoIp addition).</summary>
    public const string MetricsAddress = "IF_METRICS_ADDRESS";
    /// <summary>The advert key file, or two (current, next) comma-separated; ifupdown's <c>auth-key-file</c> (an ExoIp addition).</summary>
    public const string AuthKeyFile = "IF_AUTH_KEY_FILE";
    /// <summary>Health checks, tcp://, http:// or https://, space- or comma-separated (ifupdown: <c>health-check tcp://127.0.0.1:80</c>).</summary>
    public const string HealthCheck = "IF_HEALTH_CHECK";
    /// <summary>A health check command line, run without a shell; healthy on exit code 0.</summary>
    public const string HealthCheckCommand = "IF_HEALTH_CHECK_COMMAND";
    /// <summary>Seconds between two rounds of health checks.</summary>
    public const string HealthCheckInterval = "IF_HEALTH_CHECK_INTERVAL";
    /// <summary>Seconds one health check may take.</summary>
    public const string HealthCheckTimeout = "IF_HEALTH_CHECK_TIMEOUT";
    /// <summary>Failed rounds in a row that make a node unhealthy.</summary>
    public const string HealthCheckFall = "IF_HEALTH_CHECK_FALL";
    /// <summary>Passed rounds in a row that make it healthy again.</summary>
    public const string HealthCheckRise = "IF_HEALTH_CHECK_RISE";
    /// <summary>yes/no: https:// health checks accept any certificate.</summary>
    public const string HealthCheckSkipCertificateCheck = "IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK";
    /// <summary>A command line run on every role change, without a shell, with ROLE ELASTIC_IP appended.</summary>
    public const string NotifyCommand = "IF_NOTIFY_COMMAND";
    /// <summary>Seconds a notify command may run.</summary>
    public const string NotifyTimeout = "IF_NOTIFY_TIMEOUT";
    /// <summary>Seconds a better node waits, alive and healthy, before it takes the Elastic IP back (an ExoIp addition).</summary>
    public const string PreemptDelay = "IF_PREEMPT_DELAY";
    /// <summary>yes/no: never take the Elastic IP from a live, healthy holder (an ExoIp addition).</summary>
    public const string NoPreempt = "IF_NO_PREEMPT";
    /// <summary>Seconds between listings of the peers (the group's or pool's members, the static peers' instances; an ExoIp addition).</summary>
    public const string PeerRefreshInterval = "IF_PEER_REFRESH_INTERVAL";
    /// <summary>Seconds between reconciliations with the API (an ExoIp addition).</summary>
    public const string ReconcileInterval = "IF_RECONCILE_INTERVAL";
    /// <summary>yes/no: on SIGTERM keep the Elastic IP rather than hand it over (an ExoIp addition; exoip -K).</summary>
    public const string KeepElasticIp = "IF_KEEP_ELASTIC_IP";
    /// <summary>The Unix socket a running watchdog answers exoip -S on (an ExoIp addition).</summary>
    public const string StatusSocket = "IF_STATUS_SOCKET";
    /// <summary>Exoscale's API key variable.</summary>
    public const string ExoscaleApiKey = "EXOSCALE_API_KEY";
    /// <summary>Exoscale's API secret variable.</summary>
    public const string ExoscaleApiSecret = "EXOSCALE_API_SECRET";
    /// <summary>The API key under an older name Exoscale's CLI still reads (after EXOSCALE_API_KEY).</summary>
    public const string ExoscaleKey = "EXOSCALE_KEY";
    /// <summary>The API key under CloudStack's name, which Exoscale's CLI still reads.</summary>
    public const string CloudStackKey = "CLOUDSTACK_KEY";
    /// <summary>The API key under CloudStack's other name, which Exoscale's CLI still reads.</summary>
    public const string CloudStackApiKey = "CLOUDSTACK_API_KEY";
    /// <summary>The API secret under an older name Exoscale's CLI still reads (after EXOSCALE_API_SECRET).</summary>
    public const string ExoscaleSecret = "EXOSCALE_SECRET";
    /// <summary>The API secret under another older name Exoscale's CLI still reads.</summary>
    public const string ExoscaleSecretKey = "EXOSCALE_SECRET_KEY";
    /// <summary>The API secret under CloudStack's name, which Exoscale's CLI still reads.</summary>
    public const string CloudStackSecret = "CLOUDSTACK_SECRET";
    /// <summary>The API secret under CloudStack's other name, which Exoscale's CLI still reads.</summary>
    public const string CloudStackSecretKey = "CLOUDSTACK_SECRET_KEY";

    /// <summary>
    /// Every variable that may hold an API secret (and the key beside it): none reaches a child process
    /// (health-check commands, notify hooks, secretCommand).
    /// </summary>
    public static IReadOnlyList<string> Credentials { get; } = new[]
    {
        IfApiKey, IfApiSecret, ExoscaleApiKey, ExoscaleApiSecret, ExoscaleKey, CloudStackKey, CloudStackApiKey,
        ExoscaleSecret, ExoscaleSecretKey, CloudStackSecret, CloudStackSecretKey,
    };

    /// <summary>Exoscale's zone variable.</summary>
    public const string ExoscaleZone = "EXOSCALE_ZONE";
    /// <summary>Exoscale's full endpoint variable (including /v2).</summary>
    public const string ExoscaleApiEndpoint = "EXOSCALE_API_ENDPOINT";
    /// <summary>Exoscale's account selector for exoscale.toml.</summary>
    public const string ExoscaleAccount = "EXOSCALE_ACCOUNT";
    /// <summary>Exoscale's variable naming the exoscale.toml file to read.</summary>
    public const string ExoscaleConfig = "EXOSCALE_CONFIG";
    /// <summary>Where the cidata CD-ROM of a private instance is mounted (an ExoIp addition).</summary>
    public const string MetadataCdRom = "IF_EXOSCALE_METADATA_CDROM";
}
