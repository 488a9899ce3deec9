@{
    Synopsis    = 'Lists the watchdogs running in this PowerShell process.'
    Description = 'Shows each watchdog running in this process (started with -AsJob, in a thread job, or in the foreground of another runspace): its Elastic IP, status, role, priority, whether it holds the Elastic IP as far as the API last said, its peers, and counters of adverts, drops by reason, transitions and API calls. Format-List shows the counters as figures; addresses are IPAddress objects (ElasticIp, BindAddress, with Port beside) and InstanceId a string. Watchdogs in other processes (Start-Job, services) are not visible; ask them with Get-ExoIpPeer in their own process or read their events.'
    Parameters  = @{
        Name = 'Watchdog names; wildcards allowed; Tab completes the running ones. Default: all. A name without wildcards that matches nothing is a WatchdogNotFound error.'
    }
    Examples    = @(
        @{
            Title   = 'Show the running watchdogs and their drop counters'
            Code    = 'Get-ExoIpWatchdog | ForEach-Object { $_.Name; $_.Counters.DroppedByReason() }'
            Remarks = 'Counters are live and thread-safe.'
        }
    )
    Inputs      = 'Objects with a Name property (by property name).'
    Outputs     = 'ExoIp.PowerShell.Output.WatchdogInfo.'
    Notes       = 'ErrorId WatchdogNotFound.'
    RelatedLinks = @('Start-ExoIpWatchdog', 'Get-ExoIpPeer', 'Set-ExoIpWatchdog', 'Stop-ExoIpWatchdog')
}
