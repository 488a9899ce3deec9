<#
.SYNOPSIS
    Runs the Pester suite against the built module (./ExoIp.psd1 at the repository root) and writes
    a summary (passed, failed, skipped) as JSON for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Filter,
    # The build configuration the tests use the outputs of (the fault matrix's flood sender).
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$env:EXOIP_TEST_CONFIGURATION = $Configuration
Import-Module $PesterManifest -Force

$files = Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object { -not $Filter -or $_.Name -match $Filter }
$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $config

@{
    Passed  = $result.PassedCount
    # A failed BeforeAll fails its block's tests without running them; count those too.
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content $SummaryPath
exit ([int]($result.Result -ne 'Passed'))
