#requires -Version 7.4
<#
.SYNOPSIS
    The ExoIp benchmark: failover and handover timings of watchdog clusters on loopback against the emulator,
    service-aware failover (health checks), behaviour under a slow API, footprint, a 50-peer cluster, and
    hot-path micro-benchmarks.
.DESCRIPTION
    Runs against the built module (./build.ps1 -Task Build; ./build.ps1 -Task Bench builds first). Writes
    out/bench/results.json (every trial), out/bench/summary.md (the tables) and out/bench/failover-timeline.svg.
    A full run also writes the tables to bench/RESULTS.md and the picture to bench/failover-timeline.svg.
    A full run takes under 10 minutes on 2 cores, -Quick under 2.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Bench.ps1 -Quick
#>
[CmdletBinding()]
param(
    # Fewer trials and shorter windows, the fast setting only: for trying changes, not for the README.
    [switch] $Quick,
    # Only the footprint and the 50-engine row (about 5 minutes; with -Quick about 1.5): rewrites the footprint
    # section of bench/RESULTS.md (unless -Quick).
    [switch] $FootprintOnly,
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$out = Join-Path $root 'out/bench'
$tool = Join-Path $PSScriptRoot "ExoIp.Bench/bin/$Configuration/net10.0/ExoIp.Bench.dll"
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $PSScriptRoot 'ClusterTrials.ps1')
. (Join-Path $PSScriptRoot 'BenchReport.ps1')
. (Join-Path $PSScriptRoot 'Footprint.ps1')

# Trial counts and windows: the full run's fit 10 minutes on 2 cores (a trial at 1 s × 3 takes about 11 s,
# most of it the returning master's pwsh start-up and hold-off; a first full run took 6 minutes with 6 fewer
# trials); the quick run's fit 2.
$plan = if ($Quick) {
    @{
        MicroArguments = @('--quick'); PeerSeconds = 10; SlowApiSeconds = 15
        Footprint = @{ EarlySeconds = 10; WarmupSeconds = 20; WindowSeconds = 10; StraceSeconds = 5 }
        Settings = @(@{ Name = 'fast, 0.1 s × 3'; Interval = 0.1; KillTrials = 3; TermTrials = 1 })
        ServiceTrials = 3
    }
}
else {
    @{
        MicroArguments = @(); PeerSeconds = 60; SlowApiSeconds = 60
        # The idle cost once .NET's tiered JIT has settled (it takes about a minute), apart from the start.
        Footprint = @{ EarlySeconds = 30; WarmupSeconds = 90; WindowSeconds = 60; StraceSeconds = 20 }
        Settings = @(
            @{ Name = 'defaults, 1 s × 3'; Interval = 1; KillTrials = 10; TermTrials = 2 }
            @{ Name = 'fast, 0.1 s × 3'; Interval = 0.1; KillTrials = 15; TermTrials = 3 }
            @{ Name = 'defaults + 200 ms API latency'; Interval = 1; ApiLatencyMs = 200; KillTrials = 8; TermTrials = 2 }
        )
        # A service kill and its return take about 5 s at 0.2 s checks.
        ServiceTrials = 15
    }
}

function Invoke-BenchTool([string] $Command, [string[]] $Arguments) {
    $result = Join-Path $out "$Command.json"
    & dotnet $tool $Command --out $result @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "ExoIp.Bench $Command failed with exit code $LASTEXITCODE." }
    Get-Content $result -Raw | ConvertFrom-Json
}

if (-not (Test-Path $tool)) { throw "$tool is missing: run ./build.ps1 -Task Build -Configuration $Configuration first." }
if (Test-Path $out) { Remove-Item $out -Recurse -Force }
New-Item -ItemType Directory -Path $out | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$results = [ordered]@{
    startedAt = [DateTimeOffset]::UtcNow.ToString('yyyy-MM-dd HH:mm \U\T\C', [Globalization.CultureInfo]::InvariantCulture)
    quick     = [bool]$Quick
    machine   = Get-MachineInfo
    original  = $script:Original
}

if ($FootprintOnly) {
    $footprint = $plan.Footprint
    $results.footprint = Measure-Footprint -LogDirectory (Join-Path $out 'footprint') @footprint
    Write-Host '50 peers in one process'
    $results.peers = Invoke-BenchTool peers @('--nodes', '50', '--interval-ms', '100', '--seconds', "$($plan.PeerSeconds)")
    $results.durationSeconds = [math]::Round($clock.Elapsed.TotalSeconds)
    $results | ConvertTo-Json -Depth 8 | Set-Content (Join-Path $out 'results.json')
    $section = ConvertTo-FootprintMarkdown $results.footprint $results.peers
    Set-Content (Join-Path $out 'summary.md') $section
    if (-not $Quick) {
        $file = Join-Path $PSScriptRoot 'RESULTS.md'
        $stamp = "Footprint measured $($results.startedAt) on $($results.machine.nproc) × $($results.machine.cpuModel), load average at the start $($results.machine.loadAverage)."
        $text = (Get-Content $file -Raw) -replace '(?s)<!-- footprint:begin -->.*?<!-- footprint:end -->', { "<!-- footprint:begin -->`n$stamp`n`n$section`n<!-- footprint:end -->" }
        Set-Content $file $text -NoNewline
    }
    Write-Host $section
    if ($results.footprint.NodeFailures) { Write-Warning "Nodes reported errors:`n$($results.footprint.NodeFailures -join "`n")"; exit 1 }
    exit 0
}

Write-Host 'Micro-benchmarks'
$results.micro = Invoke-BenchTool micro $plan.MicroArguments
Write-Host '50 peers in one process'
$results.peers = Invoke-BenchTool peers @('--nodes', '50', '--interval-ms', '100', '--seconds', "$($plan.PeerSeconds)")

$settings = foreach ($setting in $plan.Settings) {
    $logs = Join-Path $out ("cluster-" + ($setting.Name -replace '[^a-z0-9]+', '-'))
    Invoke-FailoverSetting @setting -LogDirectory $logs
}
$results.failoverTrials = @($settings)
$results.failover = @($settings | ForEach-Object { Get-FailoverSummary $_ })

# Service-aware failover at the fast setting's adverts: 0.2 s tcp checks, fall 3, rise 2.
$service = Invoke-ServiceFailoverSetting -Name 'fast, 0.1 s × 3, checks 0.2 s' -LogDirectory (Join-Path $out 'cluster-service') -Tool $tool `
    -Interval 0.1 -CheckInterval 0.2 -Fall 3 -Rise 2 -Trials $plan.ServiceTrials
$results.serviceFailoverTrials = $service
$results.serviceFailover = Get-ServiceFailoverSummary $service

$slowLogs = Join-Path $out 'cluster-slow-api'
$results.slowApi = Measure-SlowApi -LogDirectory $slowLogs -Seconds $plan.SlowApiSeconds -FootprintSeconds 0
$footprint = $plan.Footprint
$results.footprint = Measure-Footprint -LogDirectory (Join-Path $out 'footprint') @footprint
$results.durationSeconds = [math]::Round($clock.Elapsed.TotalSeconds)

$results | ConvertTo-Json -Depth 8 | Set-Content (Join-Path $out 'results.json')
$markdown = ConvertTo-BenchMarkdown ([pscustomobject]$results)
Set-Content (Join-Path $out 'summary.md') $markdown
$first = $settings[0]
$median = $first.Losses | Where-Object Signal -EQ 'KILL' | Sort-Object NewHolderMs | Select-Object -Index ([math]::Floor((@($first.Losses | Where-Object Signal -EQ 'KILL').Count - 1) / 2))
$svg = ConvertTo-TimelineSvg -Trial $median -FloorMs $first.FloorMs -Nodes $first.Nodes -Title "ExoIp failover, $($first.Name): the median SIGKILL trial (new master holds after $(Format-Seconds $median.NewHolderMs))"
Set-Content (Join-Path $out 'failover-timeline.svg') $svg

if (-not $Quick) {
    # A full run's figures are the project's: bench/RESULTS.md (the README links it) and its picture. What was
    # measured by hand (from its heading to the end) is kept: it is history no run can measure again.
    $file = Join-Path $PSScriptRoot 'RESULTS.md'
    $byHand = '## Measured by hand'
    $text = (Test-Path $file) ? (Get-Content $file -Raw) : ''
    $at = $text.IndexOf("`n$byHand")
    $kept = $at -ge 0 ? "`n" + $text.Substring($at + 1).TrimEnd() + "`n" : ''
    Set-Content $file "# Benchmark results`n`nWritten by ``./build.ps1 -Task Bench`` (bench/Invoke-Bench.ps1); how each figure is measured: [README.md](README.md).`nA full run rewrites this file up to ""$byHand"", ``-FootprintOnly`` only the footprint section.`n`n$markdown`n`n![The median failover at the defaults](failover-timeline.svg)`n$kept"
    Copy-Item (Join-Path $out 'failover-timeline.svg') (Join-Path $PSScriptRoot 'failover-timeline.svg')
}
Write-Host $markdown
Write-Host "Done in $($results.durationSeconds) s: $out"
$failures = @($settings.NodeFailures) + @($service.NodeFailures) + @($results.slowApi.NodeFailures) + @($results.footprint.NodeFailures) | Where-Object { $_ }
if ($failures) {
    Write-Warning "Nodes reported errors:`n$($failures -join "`n")"
    exit 1
}
