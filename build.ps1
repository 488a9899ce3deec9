#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks ExoIp.
.DESCRIPTION
    Build   : compiles the solution and lays the module out in out/ExoIp (with its manifest and the help
              generated from docs/help), which ./ExoIp.psd1 loads.
    Test    : Build and Native, then the xunit tests, then Pester against the built module in a fresh pwsh;
              ends with one line "N passed, N failed, N skipped" and exits 1 on any failure.
    Native  : the native exoip executable, out/native/exoip: Native AOT for linux-x64, one self-contained file;
              fails on any trim or AOT warning.
    Package : Build and Native, then a self-contained module folder out/package/ExoIp/<version>, a zip of it (with native/exoip),
              out/exoip-<version>-linux-x64.tar.gz holding the native executable alone, and the Debian package
              out/package/exoip_<version>_amd64.deb (dpkg-deb; build/New-DebianPackage.ps1).
    Demo    : Build, then an emulated API, three watchdog processes on 127.0.0.2-4, a SIGKILL of the
              master and the failover timeline.
    Bench   : Build, Native and the footprint floors (out/floor), then bench/Invoke-Bench.ps1 (-Quick for the short run) in a fresh pwsh; see bench/README.md.
    Campaign: the seeded fault campaign over the deterministic simulation (tests/ExoIp.Simulation): -Seeds N seeds
              (default 200) of -Minutes M simulated minutes (default 10), or -Seed S to replay one seed (with -Seeds,
              seeds S..S+N-1); ends with "campaign: N seeds, H simulated hours, F faults, V violations", exits 1 on any.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Campaign -Seeds 1000
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Campaign -Seed 4242
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Native', 'Test', 'Package', 'Demo', 'Bench', 'Campaign')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the Pester files whose name matches (e.g. 'Codec'); xunit runs in full unless -SkipUnit.
    [string] $PesterFilter,
    [switch] $SkipUnit,

    # Bench: the short run (under 2 minutes) instead of the full one (under 15); -FootprintOnly: the footprint alone.
    [switch] $Quick,
    [switch] $FootprintOnly,

    # Campaign: how many seeds, which seed to start from (alone: replay it), how many simulated minutes each.
    [ValidateRange(1, [int]::MaxValue)]
    [int] $Seeds,
    [long] $Seed,
    [ValidateRange(1, 1440)]
    [int] $Minutes = 10
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$seedGiven = $PSBoundParameters.ContainsKey('Seed')
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
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ExoIp.Emulator/ExoIp.Emulator.csproj'),
        '-c', $Configuration, '-o', (Join-Path $moduleOut 'emulator'), '--no-build', '--nologo', '-v', 'quiet')
    Copy-Item -Path (Join-Path $root 'module/*') -Destination $moduleOut -Recurse -Force
    # Only what a module needs at run time; symbols stay for stack traces in bug reports.
    Get-ChildItem $moduleOut -Filter '*.deps.json' | Remove-Item
    # out/ExoIp is the whole module (the exoip script imports it from there): the root manifest with
    # local paths and the assembly as root module.
    (Get-Content (Join-Path $root 'ExoIp.psd1') -Raw) -replace "'out/ExoIp/ExoIp.psd1'", "'ExoIp.PowerShell.dll'" -replace "'out/ExoIp/", "'" |
        Set-Content (Join-Path $moduleOut 'ExoIp.psd1') -NoNewline
    # The help generator imports the module, so it runs in a pwsh of its own: this one never loads the assembly.
    [string[]] $launcher = Get-PwshLauncher
    Invoke-Native $launcher[0] (@($launcher | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive',
            '-File', (Join-Path $root 'build/New-ExoIpHelp.ps1'), '-ManifestPath', (Join-Path $moduleOut 'ExoIp.psd1')))
    # exoip(8), from the command line's table like exoip -h: in the module, and for the Debian package.
    Invoke-Native $launcher[0] (@($launcher | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive',
            '-File', (Join-Path $root 'build/New-ExoIpManPage.ps1'), '-CoreAssembly', (Join-Path $moduleOut 'ExoIp.Core.dll'),
            '-Version', (Get-ModuleVersion), '-OutputPath', (Join-Path $moduleOut 'exoip.8')))
    Write-Host "Built ExoIp $(Get-ModuleVersion) into $moduleOut"
}

function Find-Clang {
    # Native AOT links with clang: `clang` on PATH, else the newest `clang-NN` (Debian installs clang-14 as that).
    if (Get-Command clang -CommandType Application -ErrorAction Ignore) { return 'clang' }
    $versioned = Get-Command 'clang-*' -CommandType Application -ErrorAction Ignore | Where-Object Name -Match '^clang-(\d+)$' |
        Sort-Object { [int]($_.Name.Substring(6)) } -Descending | Select-Object -First 1
    if ($versioned) { return $versioned.Name }
    throw 'Native AOT links with clang, and there is none on PATH (clang or clang-NN): on Debian, apt-get install clang zlib1g-dev.'
}

function Invoke-NativeBuild {
    $native = Join-Path $out 'native'
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ExoIp.Cli/ExoIp.Cli.csproj'), '-c', 'Release', '-r', 'linux-x64',
        "-p:CppCompilerAndLinker=$(Find-Clang)", '-o', $native, '--nologo', '-v', 'quiet')
    # One file is the product; the symbols stay in obj/ for whoever debugs a crash.
    Get-ChildItem $native -Exclude 'exoip' | Remove-Item -Recurse -Force
    Write-Host "Built $(Join-Path $native 'exoip') ($([math]::Round((Get-Item (Join-Path $native 'exoip')).Length / 1MB, 1)) MiB)"
}

function Get-Pester {
    $tools = Join-Path $root '.tools'
    $manifest = Join-Path $tools "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        # To the host: this function's output is the manifest path alone.
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
    # One results file per test project (a fixed file name would let the second overwrite the first).
    & dotnet test (Join-Path $root 'exoip.sln') -c $Configuration --no-build --nologo `
        --logger trx --results-directory $results | Out-Host
    $files = @(Get-ChildItem $results -Filter *.trx -Recurse)
    if ($files.Count -lt 2) { throw "The xunit run wrote $($files.Count) result file(s); expected one per test project." }
    $counters = $files | ForEach-Object { ([xml](Get-Content -LiteralPath $_.FullName -Raw)).TestRun.ResultSummary.Counters }
    [pscustomobject]@{
        Passed  = ($counters | ForEach-Object { [int]$_.passed } | Measure-Object -Sum).Sum
        Failed  = ($counters | ForEach-Object { [int]$_.failed + [int]$_.error + [int]$_.timeout } | Measure-Object -Sum).Sum
        Skipped = ($counters | ForEach-Object { [int]$_.total - [int]$_.executed + [int]$_.notExecuted } | Measure-Object -Sum).Sum
    }
}

function Invoke-PesterTests {
    $summary = Join-Path $out 'test-results/pester.json'
    New-Item -ItemType Directory -Force -Path (Split-Path $summary) | Out-Null
    [string[]] $launcher = Get-PwshLauncher
    $runner = Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', (Get-Pester), '-SummaryPath', $summary, '-Configuration', $Configuration)
    if ($PesterFilter) { $arguments += @('-Filter', $PesterFilter) }
    & $launcher[0] @($launcher | Select-Object -Skip 1) @arguments | Out-Host
    if (-not (Test-Path $summary)) { throw "Pester did not finish (exit code $LASTEXITCODE)." }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Install-TestTools {
    # The Linux route's tests use Debian's own tools: lintian and dpkg-dev (the package), systemd (systemd-analyze
    # verify), resource-agents (ocf-tester), man-db (exoip(8)), python3-yaml (cloud-init's YAML), faketime (a node whose
    # wall clock is off). Installed once, where missing.
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) { return }
    $missing = @(@{ lintian = 'lintian'; 'dpkg-shlibdeps' = 'dpkg-dev'; 'systemd-analyze' = 'systemd'; 'ocf-tester' = 'resource-agents'; man = 'man-db'; python3 = 'python3'; faketime = 'faketime' }.GetEnumerator() |
            Where-Object { -not (Get-Command $_.Key -ErrorAction Ignore) } | ForEach-Object Value)
    & python3 -c 'import yaml' 2>$null
    if ($LASTEXITCODE -ne 0) { $missing += 'python3-yaml' }
    if ($missing.Count -eq 0) { return }
    Install-DebianPackage $missing
}

function Install-DebianPackage([string[]] $Package) {
    # apt-get as root, else through sudo.
    $command, $prefix = if ((& id -u) -eq '0') { 'apt-get', @() } else { 'sudo', @('DEBIAN_FRONTEND=noninteractive', 'apt-get') }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Write-Host "Installing $($Package -join ', ') (apt-get)"
    Invoke-Native $command ($prefix + @('update', '-qq'))
    Invoke-Native $command ($prefix + @('install', '-y', '-qq') + $Package)
}

function Invoke-Test {
    Install-TestTools
    Invoke-Build
    Invoke-NativeBuild
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
    Invoke-NativeBuild
    New-Item -ItemType Directory -Force -Path (Join-Path $target 'native') | Out-Null
    Copy-Item (Join-Path $out 'native/exoip') (Join-Path $target 'native/exoip')
    $zip = Join-Path $out "ExoIp-$version.zip"
    Compress-Archive -Path (Join-Path $out 'package/ExoIp') -DestinationPath $zip -Force
    # The release file for hosts without PowerShell: the executable alone, as the original shipped.
    $tarball = Join-Path $out "exoip-$version-linux-x64.tar.gz"
    Invoke-Native tar @('-czf', $tarball, '-C', (Join-Path $out 'native'), 'exoip')
    # The Debian package: the executable, the units, /etc/default/exoip, exoip(8), the OCF agent.
    $deb = & (Join-Path $root 'build/New-DebianPackage.ps1') -Executable (Join-Path $out 'native/exoip') -ManPage (Join-Path $moduleOut 'exoip.8') `
        -Version $version -OutputDirectory (Join-Path $out 'package')
    Write-Host "Packaged $target, $zip, $tarball and $deb"
}

function Invoke-Demo {
    Invoke-Build
    [string[]] $launcher = Get-PwshLauncher
    & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $root 'build/Invoke-Demo.ps1') `
        -ModulePath (Join-Path $moduleOut 'ExoIp.psd1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-FloorBuild {
    # The footprint benchmark's floors (bench/ExoIp.Floor): the same idle input and output as a watchdog, in .NET
    # with exoip's Native AOT options and in C (OpenSSL's headers from libssl-dev), in out/floor.
    $floor = Join-Path $out 'floor'
    Invoke-Native dotnet @('publish', (Join-Path $root 'bench/ExoIp.Floor/ExoIp.Floor.csproj'), '-c', 'Release', '-r', 'linux-x64',
        "-p:CppCompilerAndLinker=$(Find-Clang)", '-o', $floor, '--nologo', '-v', 'quiet')
    Get-ChildItem $floor -Filter '*.dbg' | Remove-Item -Force
    if (-not (Test-Path '/usr/include/openssl/hmac.h')) { Install-DebianPackage 'libssl-dev' }
    Invoke-Native (Find-Clang) @('-O2', '-Wall', '-Wextra', '-Werror', '-o', (Join-Path $floor 'exoip-floor-c'),
        (Join-Path $root 'bench/ExoIp.Floor/floor.c'), '-lcrypto')
}

function Invoke-Bench {
    Invoke-Build
    Invoke-NativeBuild
    Invoke-FloorBuild
    [string[]] $launcher = Get-PwshLauncher
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'bench/Invoke-Bench.ps1'), '-Configuration', $Configuration)
    if ($Quick) { $arguments += '-Quick' }
    if ($FootprintOnly) { $arguments += '-FootprintOnly' }
    Invoke-Native $launcher[0] (@($launcher | Select-Object -Skip 1) + $arguments)
}

function Invoke-Campaign {
    $arguments = @('run', '--project', (Join-Path $root 'tests/ExoIp.Simulation'), '-c', $Configuration, '--', '--minutes', "$Minutes")
    if ($seedGiven) { $arguments += @('--seed', "$Seed") }
    if ($Seeds -gt 0) { $arguments += @('--seeds', "$Seeds") }
    elseif (-not $seedGiven) { $arguments += @('--seeds', '200') }
    & dotnet @arguments
    # 1: violations found (the campaign printed them); 2: a usage error. Either fails the task with its code.
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Native' { Invoke-NativeBuild }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Campaign' { Invoke-Campaign }
    }
}
finally {
    Pop-Location
}
