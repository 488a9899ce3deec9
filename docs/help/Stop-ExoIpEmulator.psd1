@{
    Synopsis    = 'Stops emulators started with Start-ExoIpEmulator.'
    Description = 'Stops ExoIp emulator processes that Start-ExoIpEmulator started in this PowerShell process: the ones given, or, with no argument, all of them. It refuses any other process id, so it can never stop an unrelated process. The end of the PowerShell process stops them too.'
    Parameters  = @{
        ProcessId = "The emulators' process ids. Binds by property name from Start-ExoIpEmulator's output; Tab completes the running ones. Default: every emulator this session started."
    }
    Examples    = @(
        @{
            Title   = 'Start and stop an emulator'
            Code    = 'Start-ExoIpEmulator | Stop-ExoIpEmulator'
            Remarks = 'ProcessId binds from the pipeline.'
        }
        @{
            Title   = 'Stop every emulator this session started'
            Code    = 'Stop-ExoIpEmulator'
            Remarks = 'No prompt for a ProcessId: with none given, all of this session''s emulators stop.'
        }
    )
    Inputs      = 'Objects with a ProcessId property, such as Start-ExoIpEmulator output.'
    Outputs     = 'None.'
    Notes       = 'ErrorId EmulatorNotFound when no emulator with that id was started in this session.'
    RelatedLinks = @('Start-ExoIpEmulator')
}
