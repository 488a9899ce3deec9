@{
    Synopsis    = 'Shows the members of a watchdog group: as a running watchdog sees them, or from the API.'
    Description = @'
For running watchdogs of this process (by name or job), one object per peer: address, instance id, advertised priority, alive, last seen, whether it is master and whether it holds the Elastic IP as far as the API last said; plus one row for the node itself (IsSelf). Each row also has its instance's name and state (InstanceName, State), looked up through the watchdog's own API client; a lookup that fails leaves them empty, with a warning.

Without a running watchdog, -PeerGroup lists the running members of a security group and -InstancePool those of an Instance Pool from the API, as a watchdog would use them, and -Peer resolves static peer addresses to their instances.
'@
    Parameters  = @{
        Name        = 'Running watchdogs by name; wildcards allowed; Tab completes the running ones. Default: all.'
        Job         = 'Watchdog jobs, as Start-ExoIpWatchdog -AsJob returns them; Tab completes (Get-Job -Name ...) for each.'
        PeerGroup   = 'A security group, by name or id: its running members of the zone, by public IPv4.'
        InstancePool = 'An Instance Pool, by name or id: its running members, by public IPv4.'
        Peer        = 'Static peer addresses (IPv4), each resolved to its instance.'
        Credential  = 'The API key as user name and the API secret as password (-PeerGroup, -InstancePool and -Peer only).'
        ApiKey      = 'The API key (-PeerGroup, -InstancePool and -Peer only). Default: IF_EXOSCALE_API_KEY, EXOSCALE_API_KEY, or the exoscale.toml account.'
        ApiSecret   = 'The API secret as a SecureString. Default: IF_EXOSCALE_API_SECRET, EXOSCALE_API_SECRET, or the exoscale.toml account.'
        ApiEndpoint = 'A full API base URL including /v2. Default: IF_EXOSCALE_API_ENDPOINT, EXOSCALE_API_ENDPOINT, or from the zone.'
        Zone        = 'The zone. Default: IF_EXOSCALE_ZONE, EXOSCALE_ZONE, the exoscale.toml account, else the instance metadata.'
    }
    Examples    = @(
        @{
            Title   = 'Who is alive, and who is master?'
            Code    = 'Get-ExoIpPeer | Format-Table'
            Remarks = 'One row per peer of each running watchdog, and one for the node itself.'
        }
        @{
            Title   = 'The members a watchdog would use'
            Code    = 'Get-ExoIpPeer -PeerGroup load-balancer -Zone ch-gva-2'
            Remarks = 'Running members of the security group, by public IPv4 address.'
        }
        @{
            Title   = 'The members of an Instance Pool'
            Code    = 'Get-ExoIpPeer -InstancePool web-pool -Zone ch-gva-2'
            Remarks = 'Running members of the pool, by public IPv4 address; -Zone completes the known zones on Tab.'
        }
    )
    Inputs      = 'Watchdog jobs (by value) or objects with a Name property (by property name).'
    Outputs     = 'ExoIp.PowerShell.Output.PeerInfo.'
    Notes       = 'ErrorIds: WatchdogNotFound, SecurityGroupNotFound, InstancePoolNotFound, InvalidPeerAddress, AuthenticationFailed, OperationForbidden, ApiUnavailable, MissingConfiguration.'
    RelatedLinks = @('Start-ExoIpWatchdog', 'Get-ExoIpWatchdog')
}
