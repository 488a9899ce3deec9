@{
    Synopsis    = 'Runs the watchdog that keeps an Elastic IP on exactly one live host of a group.'
    Description = @'
Every host of the group runs a watchdog. Each sends a 24-byte UDP advertisement to its peers every interval; a peer silent for more than interval x dead ratio is dead; the live node with the lowest priority value (ties: the lower instance id) is master and holds the Elastic IP. On every change the watchdog attaches or detaches the Elastic IP through Exoscale API v2, checking first so a failover costs few API calls. Planned handovers (a better node returns, a priority change, a graceful stop) are make-before-break: the new holder attaches before the old one detaches. This is the original exoip's watchdog mode (-W), with its wire format and its IF_* variables.

In the foreground the cmdlet runs until stopped and writes a read-only WatchdogEventInfo for each state change, peer change, master change, API action, warning and hook run, so Format-Table and Where-Object work live. Each happening is one event, written once: its Level is Information, Warning (a Fault, a peer down, a failure: what to look at) or Error, and it is not repeated in the Warning stream; Verbose shows the routine details (the Elastic IP's id, each reconciliation and its checks). Ctrl+C stops it gracefully: a master hands the Elastic IP over and detaches itself; as the pipeline is stopping, the handover shows on the host (progress and events) and one last line says how it ended (Released, Kept, TimedOut, Unknown, Failed). With -AsJob it returns a job at once (Get-Job, Receive-Job, Stop-Job), after checking the configuration, that the name is free and that the bind address can be bound (a terminating error otherwise); a job that fails later is Failed with JobStateInfo.Reason set. The job's Command describes the watchdog (name, Elastic IP, bind address), never the typed line; its streams (in $job.ChildJobs[0]) keep at most 1024 records each, dropping the oldest (counted in $job.RecordsDropped). Under pwsh on Linux, SIGTERM stops it gracefully too, and SIGUSR1 / SIGUSR2 lower / raise the priority value by one.

Each option comes from its parameter, else the original's IF_* variable, else the default: IF_ADDRESS, IF_HOST_PRIORITY, IF_BIND_TO (or IF_BIND_ADDRESS), IF_EXOSCALE_INSTANCE_ID, IF_EXOSCALE_PEERS, IF_EXOSCALE_PEER_GROUP, IF_DEAD_RATIO, IF_ADVERTISEMENT_INTERVAL, IF_NOTIFY_COMMAND, IF_NOTIFY_TIMEOUT; the API settings as for Add-ExoElasticIp. Invalid configuration stops the cmdlet before anything starts, with an error naming the option. -Verbose (and -ValidateOnly -Verbose) names the source of every setting, defaults included.
'@
    Parameters  = @{
        AuthKey     = 'The shared advert key as a SecureString (its text, at least 16 bytes), or two during a rotation: the first signs every advert, both are accepted. With a key every advert carries a key id, a timestamp and an HMAC-SHA256 (52 bytes), and only verified, fresh, never replayed adverts count. Without -AuthKey or -AuthKeyFile (or IF_AUTH_KEY_FILE), adverts are the original 24 bytes. Errors: AuthKeyTooShort.'
        AuthKeyFile = 'One or two key files, each holding the key in its first line (New-ExoIpAuthKey makes one), the first signing; else IF_AUTH_KEY_FILE (comma-separated for two; ifupdown: auth-key-file). A file that the group or others may access is refused (AuthKeyFileTooOpen), as is a missing one (AuthKeyFileNotFound). Exclusive with -AuthKey.'

        ElasticIp           = 'The Elastic IP address (IPv4) to watch over. Default: IF_ADDRESS.'
        Priority            = 'This node''s priority, 0-255; the lowest live value is master. Default: IF_HOST_PRIORITY, else 10.'
        BindAddress         = 'Where to listen and send advertisements from: :12345 (every address), 10.0.0.1:12345, or an address alone (port 12345). Peers are sent to at the same port. Default: IF_BIND_TO or IF_BIND_ADDRESS, else :12345.'
        InstanceId          = 'This instance''s id, sent in every advertisement. Default: IF_EXOSCALE_INSTANCE_ID, else the metadata service.'
        Peer                = 'The peers'' IPv4 addresses (an array, or comma-separated). Exclusive with -PeerGroup. Default: IF_EXOSCALE_PEERS.'
        PeerGroup           = 'A security group (name or id) whose running members of the zone, except this node, are the peers, by public IPv4; looked up again every -PeerRefreshInterval. Default: IF_EXOSCALE_PEER_GROUP.'
        InstancePool        = 'An Instance Pool (name or id) whose running members, except this node, are the peers, by public IPv4; looked up again every -PeerRefreshInterval, so an autoscaled pool is followed. Exclusive with -Peer and -PeerGroup; a pool that attaches the Elastic IP itself is refused. Default: IF_EXOSCALE_INSTANCE_POOL.'
        DeadRatio           = 'A peer silent for more than interval x this is dead. Default: IF_DEAD_RATIO, else 3.'
        Interval            = 'Seconds between advertisements; fractions allowed, at least 0.05. Default: IF_ADVERTISEMENT_INTERVAL, else 1.'
        PeerRefreshInterval = 'How often the peers are looked up again through the API (group members, static peers'' instance ids). Default: IF_PEER_REFRESH_INTERVAL (seconds), else 5 minutes.'
        ReconcileInterval   = 'How often the node compares what the API says with its role and repairs the difference (also once when the hold-off ends). Default: IF_RECONCILE_INTERVAL (seconds), else 30 seconds; the original exoip used 5 minutes, which saves a few API reads but leaves an Elastic IP lost while its master believed it held it missing for that long.'
        MetricsEndpoint     = 'Serves Prometheus metrics (text exposition) at this address while the watchdog runs, e.g. http://127.0.0.1:9707/metrics; also 127.0.0.1:9707 or :9707 (loopback). Default: IF_METRICS_ADDRESS, else off. Only an explicit address other than loopback reaches other hosts. Metric names: see the README''s "Metrics".'
        HealthCheck         = 'Service checks, repeatable: tcp://host:port (healthy when a connection opens), http://host[:port]/path or https://... (healthy on a 2xx or 3xx answer; redirects are not followed, no proxy is used), or a ScriptBlock (healthy when its output is truthy and it does not throw; it runs in a runspace of its own, so it sees none of the caller''s variables, and works the same in the foreground, with -AsJob, in Start-ThreadJob and Start-Job). The node is healthy when every check passes. An unhealthy node is in the Fault role: it advertises priority 255 so that a healthy node takes over make-before-break, never attaches the Elastic IP, and keeps it while no live node is healthy. Default: IF_HEALTH_CHECK (space-separated; ifupdown: health-check tcp://127.0.0.1:80).'
        HealthCheckCommand  = 'A check command line, run without a shell (quotes group words, no expansion): healthy on exit code 0; killed with its child processes at the timeout. Default: IF_HEALTH_CHECK_COMMAND.'
        HealthCheckInterval = 'Seconds between two rounds of health checks; fractions allowed, at least 0.05. All checks run every round, beside the watchdog: a check never delays an advertisement. Default: IF_HEALTH_CHECK_INTERVAL, else 1.'
        HealthCheckTimeout  = 'Seconds one check may take, at most the interval; a check still running then fails. Default: IF_HEALTH_CHECK_TIMEOUT, else the smaller of 1 and the interval.'
        HealthCheckFall     = 'Failed rounds in a row that make a healthy node unhealthy. The first round decides at once. Default: IF_HEALTH_CHECK_FALL, else 3.'
        HealthCheckRise     = 'Passed rounds in a row that make an unhealthy node healthy again. Default: IF_HEALTH_CHECK_RISE, else 2.'
        HealthCheckSkipCertificateCheck = 'https:// checks accept any server certificate (a self-signed local endpoint). Default: IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK (yes/no), else no.'
        PreemptDelay        = 'Seconds this node waits, alive and healthy the whole time, before it takes the Elastic IP back from a live, healthy holder it beats: counted from the end of its hold-off when it comes back, or from when it turns healthy again. Meanwhile it advertises priority 254, so every node agrees the holder stays master. A failover (the holder dies, stops or turns unhealthy) never waits. 0 to 3600; default IF_PREEMPT_DELAY, else 0 (take it back at once).'
        NoPreempt           = 'This node never takes the Elastic IP from a live, healthy holder: it becomes master only when the holder dies, stops or turns unhealthy (every connection through the Elastic IP breaks when it moves, which stateful services avoid). It learns the holder from the API (the adverts have no room for it) and advertises 254 while it defers. Default IF_NO_PREEMPT (yes/no), else no.'
        NotifyCommand       = 'A command line run on every role change, without a shell (quotes group words, no expansion), with the arguments ROLE ELASTIC_IP appended and the variables EXOIP_ROLE, EXOIP_PREVIOUS_ROLE (empty the first time), EXOIP_ELASTIC_IP, EXOIP_NAME and EXOIP_REASON. The roles are Master, Backup, Fault and Stopped (never the start-up hold-off): Master runs once the Elastic IP is attached here, as the API shows it, so a hook that starts a service finds the address routed; Backup once the address is not here or this node''s detach of it has left; Fault at once; Stopped when the watchdog ends, after the handover (not when it is killed). One run at a time per watchdog, in order; each is stopped (killed with its child processes) at -NotifyTimeout. Each run is a Notified event with its outcome (Succeeded, Failed, TimedOut, Skipped), exit code and duration; a failing or hanging hook never stalls the watchdog. Default: IF_NOTIFY_COMMAND.'
        NotifyTimeout       = 'Seconds one notify run (-NotifyCommand or -OnRoleChange) may take before it is stopped; fractions allowed, 0.05 to 3600. The end of the watchdog waits at most this long (and a second) for the Stopped hook. Default: IF_NOTIFY_TIMEOUT, else 30.'
        OnRoleChange        = 'A ScriptBlock run on every role change, as -NotifyCommand is (after it when both are given), with the change as $_ (Role, PreviousRole, ElasticIp, Name, Reason, Timestamp). It runs in a runspace of its own, so it sees none of the caller''s variables, and works the same in the foreground and in jobs; it fails when it throws or writes an error.'
        Name                = 'A name for the watchdog in events, jobs and the other cmdlets. Default: the Elastic IP address. Names are unique within a process: a name in use is the error WatchdogNameInUse.'
        AsJob               = 'Runs the watchdog as a job in this process and returns the job (type ExoIpWatchdog).'
        ValidateOnly        = 'Resolves and checks the configuration, and that the API knows the Elastic IP, then returns without starting (the original''s -n).'
        Credential          = 'The API key as user name and the API secret as password. Do not combine with -ApiKey or -ApiSecret.'
        ApiKey              = 'The API key. Default: IF_EXOSCALE_API_KEY, EXOSCALE_API_KEY, or the exoscale.toml account.'
        ApiSecret           = 'The API secret as a SecureString. Default: IF_EXOSCALE_API_SECRET, EXOSCALE_API_SECRET, or the exoscale.toml account. Never printed or logged.'
        ApiEndpoint         = 'A full API base URL including /v2. Default: IF_EXOSCALE_API_ENDPOINT, EXOSCALE_API_ENDPOINT, the exoscale.toml account, else built from the zone.'
        Zone                = 'The zone. Default: IF_EXOSCALE_ZONE, EXOSCALE_ZONE, the exoscale.toml account, else the instance metadata.'
    }
    Examples    = @(
        @{
            Title   = 'Watch over an Elastic IP with the members of a security group'
            Code    = 'Start-ExoIpWatchdog -ElasticIp 198.51.100.50 -PeerGroup load-balancer -Priority 10 | Format-Table'
            Remarks = 'Runs until Ctrl+C, which hands the Elastic IP over when this node is master. Credentials and zone come from the environment or exoscale.toml.'
        }
        @{
            Title   = 'Run as a job and look at it'
            Code    = @'
$job = Start-ExoIpWatchdog -ElasticIp 198.51.100.50 -Peer 203.0.113.11, 203.0.113.12 -Interval 0.5 -AsJob
Get-ExoIpPeer -Job $job
Receive-Job $job | Where-Object Kind -EQ StateChanged
$job | Stop-Job
'@
            Remarks = 'Stop-Job releases the Elastic IP when this node is master.'
        }
        @{
            Title   = 'Move the Elastic IP when the local HAProxy stops answering'
            Code    = 'Start-ExoIpWatchdog -ElasticIp 198.51.100.50 -PeerGroup load-balancer -HealthCheck tcp://127.0.0.1:80, http://127.0.0.1:8404/health -HealthCheckInterval 0.2 | Format-Table'
            Remarks = 'Three failed rounds of 0.2 s put this node in the Fault role; a healthy peer then takes the Elastic IP before this node lets go of it. Two passed rounds make it healthy again, and it takes the Elastic IP back if its priority is better.'
        }
        @{
            Title   = 'Keep connections: do not take the Elastic IP back after a restart'
            Code    = 'Start-ExoIpWatchdog -ElasticIp 198.51.100.50 -PeerGroup load-balancer -Priority 1 -NoPreempt -AsJob'
            Remarks = 'When this node comes back while another healthy node holds the Elastic IP, it stays backup (advertising 254) until that node dies, stops or turns unhealthy. -PreemptDelay 60 instead takes it back after a minute of good health.'
        }
        @{
            Title   = 'Tell the local service about role changes'
            Code    = @'
$job = Start-ExoIpWatchdog -ElasticIp 198.51.100.50 -PeerGroup load-balancer -NotifyCommand 'logger -t exoip' -OnRoleChange { "$($_.PreviousRole) -> $($_.Role): $($_.Reason)" } -AsJob
Receive-Job $job | Where-Object Kind -EQ Notified
$job | Stop-Job
'@
            Remarks = 'Runs "logger -t exoip ROLE 198.51.100.50" and the ScriptBlock on every change; the Master run comes once the Elastic IP is attached here. Each run is a Notified event: notify Master: ''logger -t exoip'' exited 0 in 4 ms.'
        }
        @{
            Title   = 'Check an ifupdown configuration without starting'
            Code    = 'Start-ExoIpWatchdog -ValidateOnly -Verbose'
            Remarks = 'Every option comes from its IF_* variable; Verbose says where each value came from.'
        }
    )
    Inputs      = 'An object with an ElasticIp property (by property name).'
    Outputs     = 'ExoIp.PowerShell.Output.WatchdogEventInfo in the foreground (Time, Watchdog, Kind, Message, Role, Reason, PeerAddress, InstanceId, Action, Outcome, Duration, Error, HoldsElasticIp, AnnouncedRole, Hook, ExitCode); ExoIp.PowerShell.Jobs.WatchdogJob with -AsJob; nothing with -ValidateOnly.'
    Notes       = 'ErrorIds: MissingConfiguration, InvalidConfiguration, ElasticIpNotFound, AuthenticationFailed, ApiUnavailable, MetadataUnavailable, WatchdogNameInUse, BindFailed, ConflictingCredentials.'
    RelatedLinks = @('Get-ExoIpPeer', 'Get-ExoIpWatchdog', 'Set-ExoIpWatchdog', 'Stop-ExoIpWatchdog', 'about_ExoIp')
}
