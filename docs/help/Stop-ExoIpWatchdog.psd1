@{
    Synopsis    = 'Stops running watchdogs gracefully.'
    Description = 'Stops watchdogs running in this process and waits for them. A master first advertises the worst priority so the best backup takes over, waits until the API shows that backup holding the Elastic IP, then detaches itself: there is no moment without a holder. With no live peer it detaches at once. -KeepElasticIp leaves the Elastic IP attached, for a planned restart. A stop is bounded in time whatever the API does. Its confirm impact is Medium, as Stop-Job''s: it does not prompt at the default $ConfirmPreference.'
    Parameters  = @{
        Name          = 'Watchdog names; wildcards allowed; Tab completes the running ones. Default: all running watchdogs.'
        KeepElasticIp = 'Leaves the Elastic IP attached to this node (a planned restart) and makes no API call.'
    }
    Examples    = @(
        @{
            Title   = 'Stop every watchdog of this process'
            Code    = 'Stop-ExoIpWatchdog'
            Remarks = 'Masters hand the Elastic IP over before they let go.'
        }
        @{
            Title   = 'Restart without moving the Elastic IP'
            Code    = 'Stop-ExoIpWatchdog -Name 198.51.100.50 -KeepElasticIp'
            Remarks = 'Start the watchdog again within the dead time and nothing changes hands.'
        }
    )
    Inputs      = 'Objects with a Name property, such as Get-ExoIpWatchdog output (by property name).'
    Outputs     = 'None.'
    Notes       = 'ErrorId WatchdogNotFound. Stop-Job on a watchdog job does the same as Stop-ExoIpWatchdog without -KeepElasticIp.'
    RelatedLinks = @('Start-ExoIpWatchdog', 'Get-ExoIpWatchdog')
}
