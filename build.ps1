#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks ExoIp.
.DESCRIPTION
    Build   : compiles the solution and lays the module out in out/ExoIp, which ./ExoIp.psd1 loads.
    Test    : Build, then the xunit tests, then Pester against the built module in a fresh pwsh;
              ends with one line "N passed, N failed, N skipped" and exits 1 on any failure.
    Package : Build, then a self-contained module folder out/package/ExoIp/<version> and a zip of it.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the Pester files whose name matches (e.g. 'Codec'); xunit runs in full unless -SkipUnit.
    [string] $PesterFilter,
    [switch] $SkipUnit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'ExoIp'
$PesterVersion = '5.7.1'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $root 'ExoIp.psd1')).ModuleVersion
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'exoip.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ExoIp.PowerShell/ExoIp.PowerShell.csproj'),
        '-c', $Configuration, '-o', $moduleOut, '--no-build', '--nologo', '-v', 'quiet')
    Copy-Item -Path (Join-Path $root 'module/*') -Destination $moduleOut -Recurse -Force
    # Only what a module needs at run time; symbols stay for stack traces in bug reports.
    Get-ChildItem $moduleOut -Filter '*.deps.json' | Remove-Item
    Write-Host "Built ExoIp $(Get-ModuleVersion) into $moduleOut"
}

function Get-Pester {
    $tools = Join-Path $root '.tools'
    $manifest = Join-Path $tools "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        # To the host: the function's output must be the manifest path alone.
        Invoke-Native dotnet @('package', 'download', "Pester@$PesterVersion", '-o', $tools) | Out-Host
    }
    $manifest
}

function Get-PwshLauncher {
    # pwsh as a local dotnet tool has no apphost in $PSHOME; pwsh.dll under dotnet works everywhere.
    $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $apphost) { return @($apphost) }
    @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-UnitTests {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    & dotnet test (Join-Path $root 'exoip.sln') -c $Configuration --no-build --nologo `
        --logger 'trx' --results-directory $results | Out-Host
    # One file per test project: the logger's default names never collide (a fixed LogFileName would).
    $trx = @(Get-ChildItem $results -Filter *.trx -Recurse)
    if (-not $trx) { throw 'The xunit run wrote no results.' }
    foreach ($file in $trx) {
        $counters = ([xml](Get-Content $file.FullName -Raw)).TestRun.ResultSummary.Counters
        [pscustomobject]@{
            Passed  = [int]$counters.passed
            Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout
            Skipped = [int]$counters.total - [int]$counters.executed + [int]$counters.notExecuted
        }
    }
}

function Invoke-PesterTests {
    $summary = Join-Path $out 'test-results/pester.json'
    New-Item -ItemType Directory -Force -Path (Split-Path $summary) | Out-Null
    [string[]] $launcher = Get-PwshLauncher
    $runner = Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', (Get-Pester), '-SummaryPath', $summary)
    if ($PesterFilter) { $arguments += @('-Filter', $PesterFilter) }
    & $launcher[0] @($launcher | Select-Object -Skip 1) @arguments | Out-Host
    if (-not (Test-Path $summary)) { throw "Pester did not finish (exit code $LASTEXITCODE)." }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    $runs = @()
    if (-not $SkipUnit) { $runs += Invoke-UnitTests }
    $runs += Invoke-PesterTests
    $passed = ($runs | Measure-Object Passed -Sum).Sum
    $failed = ($runs | Measure-Object Failed -Sum).Sum
    $skipped = ($runs | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    $version = Get-ModuleVersion
    $target = Join-Path $out "package/ExoIp/$version"
    if (Test-Path (Join-Path $out 'package')) { Remove-Item (Join-Path $out 'package') -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $target | Out-Null
    Copy-Item -Path (Join-Path $moduleOut '*') -Destination $target -Recurse
    # The root manifest points into out/ExoIp; the packaged one sits beside its files.
    (Get-Content (Join-Path $root 'ExoIp.psd1') -Raw) -replace "'out/ExoIp/", "'" |
        Set-Content (Join-Path $target 'ExoIp.psd1') -NoNewline
    $zip = Join-Path $out "ExoIp-$version.zip"
    Compress-Archive -Path (Join-Path $out 'package/ExoIp') -DestinationPath $zip -Force
    Write-Host "Packaged $target and $zip"
}

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}
finally {
    Pop-Location
}
