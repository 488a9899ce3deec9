# The module as the PowerShell Gallery would take it: published with PSResourceGet to a local file repository,
# installed from there into a clean pwsh (its own HOME, so its own module path and repository list), imported,
# and a cmdlet run.
BeforeAll {
    . "$PSScriptRoot/TestCluster.ps1"
    $script:module = (Resolve-Path "$PSScriptRoot/../../out/ExoIp").Path
    $script:manifest = Import-PowerShellDataFile (Join-Path $module 'ExoIp.psd1')
}

Describe 'The module on a PSResourceGet repository' {
    It 'has the metadata the Gallery shows' {
        $data = $manifest.PrivateData.PSData
        $data.ProjectUri | Should -Match '^https://'
        $data.LicenseUri | Should -Match '^https://'
        $data.ReleaseNotes | Should -Match ([regex]::Escape($manifest.ModuleVersion))
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS') { $data.Tags | Should -Contain $tag }
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
    }

    It 'publishes, installs into a clean pwsh, imports and runs a cmdlet' {
        $cleanHome = Join-Path $TestDrive 'home'
        $repository = Join-Path $TestDrive 'repository'
        $stage = Join-Path $TestDrive 'stage/ExoIp'
        # .NET names the data folder only when it exists (else "", and PSResourceGet would write in the current directory).
        New-Item -ItemType Directory -Force -Path (Join-Path $cleanHome '.local/share'), (Join-Path $cleanHome '.config'), $repository, (Split-Path $stage) | Out-Null
        Copy-Item -Recurse $module $stage
        $script = @'
param($Stage, $Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name exoip-test -Uri $Repository -Trusted
Publish-PSResource -Path $Stage -Repository exoip-test
Install-PSResource -Name ExoIp -Repository exoip-test -Scope CurrentUser -TrustRepository
Import-Module ExoIp
$module = Get-Module ExoIp
"installed $($module.Version) at $($module.ModuleBase)"
$bytes = ConvertTo-ExoIpAdvertisement -Priority 10 -ElasticIp 198.51.100.50 -Identity ([guid]::NewGuid())
"advert $($bytes.Length) bytes"
exit 0
'@
        Set-Content (Join-Path $TestDrive 'gallery.ps1') $script
        [string[]] $pwsh = Get-PwshCommand
        $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $TestDrive 'gallery.ps1'), $stage, $repository)) {
            $start.ArgumentList.Add($argument)
        }
        # A clean pwsh: its own home (module path, repositories); the dotnet tool cache stays the machine's.
        $start.Environment['HOME'] = $cleanHome
        $start.Environment['XDG_DATA_HOME'] = Join-Path $cleanHome '.local/share'
        $start.Environment['XDG_CONFIG_HOME'] = Join-Path $cleanHome '.config'
        $start.Environment['PSModulePath'] = ''
        $start.Environment['NUGET_PACKAGES'] = [Environment]::GetEnvironmentVariable('NUGET_PACKAGES') ?? (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages')
        $start.Environment['DOTNET_CLI_HOME'] = [Environment]::GetFolderPath('UserProfile')
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit(300000) | Should -BeTrue
        $process.ExitCode | Should -Be 0 -Because $errors.Result
        Get-ChildItem $repository -Filter 'ExoIp.*.nupkg' | Should -HaveCount 1
        $output.Result | Should -Match "installed $([regex]::Escape($manifest.ModuleVersion)) at $([regex]::Escape($cleanHome))"
        $output.Result | Should -Match 'advert 24 bytes'
    }
}
