@{
    Synopsis    = 'Starts the bundled Exoscale API v2 emulator on a loopback port.'
    Description = @'
Starts ExoIp's Exoscale API v2 emulator as a child process and returns where it listens. The emulator serves the slice of the API that ExoIp uses (elastic IPs, instances, security groups, operations, zones), verifies EXO2-HMAC-SHA256 signatures like the real service, serves instance metadata, and has an unsigned control API under /_emulator/ for seeding, fault injection (error rates, 429 with Retry-After, latency, hangs) and for asking who holds an Elastic IP and since when.

Use it to try ExoIp without an Exoscale account and to test your own automation with Pester. It needs the .NET 10 runtime with ASP.NET Core, which pwsh 7.6 brings. Stop it with Stop-ExoIpEmulator.
'@
    Parameters  = @{
        SeedPath       = 'A JSON seed file: zone, credentials, security groups, Elastic IPs and instances (see the README). Without one the emulator starts empty; seed it through its control API.'
        Port           = 'The TCP port; 0 (the default) picks a free one.'
        Address        = 'The loopback address to listen on (default 127.0.0.1).'
        Zone           = 'The zone the emulator serves (default ch-gva-2).'
        OperationDelay = 'Seconds each attach or detach operation stays pending before it succeeds (default 0).'
    }
    Examples    = @(
        @{
            Title   = 'Start an empty emulator, look at it, stop it'
            Code    = @'
$emulator = Start-ExoIpEmulator
Invoke-RestMethod ($emulator.ControlEndpoint.AbsoluteUri + 'state')
$emulator | Stop-ExoIpEmulator
'@
            Remarks = 'The control API answers without a signature.'
        }
        @{
            Title   = 'Try Add-ExoElasticIp against the example seed'
            Code    = @'
$emulator = Start-ExoIpEmulator -SeedPath (Join-Path (Get-Module ExoIp).ModuleBase 'emulator/seed.example.json') -OperationDelay 0.2
$api = @{
    ApiEndpoint = $emulator.ApiEndpoint
    ApiKey      = 'EXOemulatorkey000000000000'
    ApiSecret   = ConvertTo-SecureString 'emulator-secret-not-a-real-one' -AsPlainText -Force
}
Add-ExoElasticIp 198.51.100.50 -InstanceId 7c1d3a52-9e84-4b0f-a6d2-3f5b8c9e0a21 @api -PassThru
Invoke-RestMethod ($emulator.ControlEndpoint.AbsoluteUri + 'holders/198.51.100.50')
$emulator | Stop-ExoIpEmulator
'@
            Remarks = 'The example seed ships with the module: two instances, a security group and an Elastic IP held by node-1. Afterwards both instances hold it: attaching does not detach elsewhere.'
        }
    )
    Inputs      = 'None.'
    Outputs     = 'ExoIp.PowerShell.Output.EmulatorInstance: ProcessId, Url, ApiEndpoint, ControlEndpoint, Zone.'
    Notes       = 'ErrorId EmulatorStartFailed when the emulator cannot start (no .NET 10 runtime, port in use, unreadable seed).'
    RelatedLinks = @('Stop-ExoIpEmulator', 'about_ExoIp')
}
