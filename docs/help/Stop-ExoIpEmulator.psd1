@{
    Synopsis    = 'Stops an emulator started with Start-ExoIpEmulator.'
    Description = 'Stops an ExoIp emulator process that Start-ExoIpEmulator started in this PowerShell process. It refuses any other process id, so it can never stop an unrelated process.'
    Parameters  = @{
        ProcessId = "The emulator's process id. Binds by property name from Start-ExoIpEmulator's output."
    }
    Examples    = @(
        @{
            Title   = 'Start and stop an emulator'
            Code    = 'Start-ExoIpEmulator | Stop-ExoIpEmulator'
            Remarks = 'ProcessId binds from the pipeline.'
        }
    )
    Inputs      = 'Objects with a ProcessId property, such as Start-ExoIpEmulator output.'
    Outputs     = 'None.'
    Notes       = 'ErrorId EmulatorNotFound when no emulator with that id was started in this session.'
    RelatedLinks = @('Start-ExoIpEmulator')
}
