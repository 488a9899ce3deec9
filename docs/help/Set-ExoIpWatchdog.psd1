@{
    Synopsis    = 'Changes the priority of a running watchdog.'
    Description = 'Sets a running watchdog''s priority, or changes it by a delta (-1 is what SIGUSR1 does, +1 what SIGUSR2 does), within 0-255. The next advertisement carries it; when mastership should move, it moves make-before-break: the new master attaches before the old one detaches. Use it to drain a node before maintenance: raise its value above the others and wait until Get-ExoIpWatchdog says it is Backup.'
    Parameters  = @{
        AuthKeyFile = 'Swaps the advert keys of running keyed watchdogs: one or two key files, the first signing from the next advert on, both accepted from the next datagram on. The three steps of a rotation are in the README (Authenticated adverts). A watchdog started without a key gets the error WatchdogWithoutKey; key file errors are as for Start-ExoIpWatchdog.'
        Name          = 'Watchdog names; wildcards allowed; Tab completes the running ones. Default: all running watchdogs.'
        Priority      = 'The new priority, 0-255; lower wins.'
        PriorityDelta = 'A change to the priority; the result is kept within 0-255.'
        PassThru      = 'Emits the watchdog''s state after the change.'
    }
    Examples    = @(
        @{
            Title   = 'Make this node the least preferred'
            Code    = 'Set-ExoIpWatchdog -Name 198.51.100.50 -Priority 250 -PassThru'
            Remarks = 'A better live peer takes the Elastic IP over before this node lets go of it.'
        }
        @{
            Title   = 'Do what SIGUSR1 does'
            Code    = 'Set-ExoIpWatchdog -PriorityDelta -1'
            Remarks = 'Every running watchdog of the process becomes one step more important.'
        }
    )
    Inputs      = 'Objects with a Name property (by property name).'
    Outputs     = 'ExoIp.PowerShell.Output.WatchdogInfo with -PassThru; nothing otherwise.'
    Notes       = 'ErrorId WatchdogNotFound.'
    RelatedLinks = @('Start-ExoIpWatchdog', 'Get-ExoIpWatchdog')
}
