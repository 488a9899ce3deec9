@{
    Synopsis    = 'Stops emulators started with Start-ExoIpEmulator.'
    Description = 'Stops ExoIp emulator processes that Start-ExoIpEmulator started in this PowerShell process: the ones given, or, with no argument, all of them. It refuses any other process id, so it can never stop an unrelated process. The end of the PowerShell process stops them too.'
    Parameters  = @{
        ProcessId = "The emulators' process ids. Binds by property name from Start-ExoIpEmulator's output; Tab completes the running ones. Default: every emulator this session started (Stop-ExoIpEmulator alone stops them all, without a prompt)."
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
