@{
    Synopsis    = 'Lists the watchdogs running in this PowerShell process.'
    Description = 'Shows each watchdog running in this process (started with -AsJob, in a thread job, or in the foreground of another runspace) with the facts exoip -S tells of a native one: its Elastic IP, status, role, priority, whether it holds the Elastic IP as far as the API last said, its health, its peers (Peers: each with Address, Alive, the Priority it last advertised, SinceLastAdvert and Master), its preemption (Preemption: NoPreempt, Delay, and Deferring while it advertises 254), its last API action and its last API error (LastApiAction, LastApiError: Action, Outcome, Age and Error), its Uptime, and counters of adverts, drops by reason, transitions and API calls. Format-Table shows the key facts; Format-List shows them all, the peers a line each and the counters as figures. Addresses are IPAddress objects (ElasticIp, BindAddress, with Port beside), InstanceId a string, durations TimeSpan. Watchdogs in other processes (Start-Job, services) are not visible; ask them with Get-ExoIpPeer in their own process or read their events.'
    Parameters  = @{
        Name = 'Watchdog names; wildcards allowed; Tab completes the running ones. Default: all. A name without wildcards that matches nothing is a WatchdogNotFound error.'
    }
    Examples    = @(
        @{
            Title   = 'Show the running watchdogs and their drop counters'
            Code    = 'Get-ExoIpWatchdog | ForEach-Object { $_.Name; $_.Counters.DroppedByReason() }'
            Remarks = 'Counters are live and thread-safe.'
        }
        @{
            Title   = 'Show everything exoip -S would tell of each watchdog'
            Code    = 'Get-ExoIpWatchdog | Format-List'
            Remarks = 'Each peer with the seconds since its last advert, the preemption, the last API action and error, and the uptime, as of the call.'
        }
        @{
            Title   = 'Find the peers that fell silent and the last API error'
            Code    = '$watchdog = Get-ExoIpWatchdog -Name 198.51.100.50; $watchdog.Peers | Where-Object { -not $_.Alive }; $watchdog.LastApiError'
            Remarks = 'LastApiError stays after later actions succeed; compare its Age with LastApiAction.Age to see whether the API has recovered.'
        }
    )
    Inputs      = 'Objects with a Name property (by property name).'
    Outputs     = 'ExoIp.PowerShell.Output.WatchdogInfo.'
    Notes       = 'ErrorId WatchdogNotFound.'
    RelatedLinks = @('Start-ExoIpWatchdog', 'Get-ExoIpPeer', 'Set-ExoIpWatchdog', 'Stop-ExoIpWatchdog')
}
