# Module manifest for ExoIp. At the repository root it loads the build output under out/ExoIp
# (run ./build.ps1 -Task Build first): ./build.ps1 writes a copy of this manifest there with the paths
# made local and the assembly as its root module, and this one loads that copy, so the module's base is
# out/ExoIp, where Get-Help looks for the cmdlet help and about_ExoIp (en-US/).
@{
    RootModule           = 'out/ExoIp/ExoIp.psd1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6f0f4c8e-2f5a-4d3b-9a71-3c2de3a1b7e4'
    Author               = 'ExoIp contributors'
    CompanyName          = 'ExoIp contributors'
    Copyright            = '(c) ExoIp contributors. Apache-2.0.'
    Description          = 'High availability for Exoscale Elastic IPs: a watchdog that keeps an Elastic IP on exactly one live host of a group, over Exoscale API v2.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('out/ExoIp/ExoIp.format.ps1xml')
    CmdletsToExport      = @(
        'Add-ExoElasticIp', 'Remove-ExoElasticIp'
        'Start-ExoIpWatchdog', 'Get-ExoIpWatchdog', 'Set-ExoIpWatchdog', 'Stop-ExoIpWatchdog', 'Get-ExoIpPeer'
        'Start-ExoIpEmulator', 'Stop-ExoIpEmulator'
        'ConvertFrom-ExoIpAdvertisement', 'ConvertTo-ExoIpAdvertisement', 'New-ExoIpAuthKey'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        # What the PowerShell Gallery shows and searches. PSEdition_* and the platforms are tags because they are
        # true: the assembly is netstandard2.0 (pwsh 7 and Windows PowerShell 5.1), tested on Linux.
        PSData = @{
            Tags         = @('Exoscale', 'ElasticIP', 'HighAvailability', 'Failover', 'Keepalived', 'VRRP',
                'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/exoscale/exoip'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = '0.1.0: the watchdog (Start-ExoIpWatchdog, exoip -W) with health checks, notify hooks, preemption control, signed adverts and Prometheus metrics; the native exoip executable with a Debian package, systemd units (Type=notify, watchdog, reload), exoip -S and a Pacemaker agent.'
        }
    }
}
