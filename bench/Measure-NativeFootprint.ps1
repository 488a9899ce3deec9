#requires -Version 7.4
<#
.SYNOPSIS
    The idle memory of one or more builds of the native exoip side by side: file size, RSS, PSS, and which
    of OpenSSL and ICU each maps. For trying build options (bench/RESULTS.md, "Native executable size").
.DESCRIPTION
    Per build, all at once so that every build meets the same machine: a cluster of three native nodes on loopback
    (1 s adverts, each with two live peers) against its own emulator. After -WarmupSeconds, samples every node
    every 5 s over -WindowSeconds with Footprint.ps1's Get-FootprintSample (RSS and PSS from smaps_rollup; CPU is
    Invoke-Bench.ps1 -FootprintOnly's job, over longer windows). The three nodes of a build share its file, as three watchdogs of one host would not:
    PSS counts a third of the file's pages for each, so compare PSS between builds, not with one process alone.
    Needs ./build.ps1 -Task Build (the emulator).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-NativeFootprint.ps1 -Executable out/native/exoip,/tmp/other/exoip
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $Executable,
    [int] $WarmupSeconds = 90,
    [int] $WindowSeconds = 30
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $PSScriptRoot 'Footprint.ps1')
$script:ClockTicks = [double](& getconf CLK_TCK)   # Get-FootprintSample's CPU needs it, though only memory is shown
$files = Resolve-PathList $Executable
$logs = Join-Path $root 'out/bench/native-footprint'
New-Item -ItemType Directory -Force -Path $logs | Out-Null

$port = Get-FreeUdpPort '127.0.51.1'
$clusters = for ($i = 0; $i -lt $files.Count; $i++) {
    New-TestCluster -LogDirectory (Join-Path $logs "build-$($i + 1)") -Interval 1 -Port $port -ElasticIp "198.51.100.$(110 + $i)" `
        -Nodes @(1..3 | ForEach-Object { @{ Address = "127.0.$(51 + $i).$_"; Priority = 10 * $_; Native = $true; Executable = $files[$i] } })
}
try {
    foreach ($cluster in $clusters) { Start-TestClusterEmulator $cluster }
    foreach ($cluster in $clusters) { foreach ($node in $cluster.Nodes) { $null = Start-TestNode $cluster $node } }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    function Read-All { foreach ($cluster in $clusters) { foreach ($node in $cluster.Nodes) { Get-FootprintSample @($node.Process.Id) } } }
    Start-Sleep -Seconds $WarmupSeconds
    $samples = [Collections.Generic.List[object]]::new()
    $samples.Add(@(Read-All))
    do {
        Start-Sleep -Seconds 5
        $samples.Add(@(Read-All))
    } while ($clock.Elapsed.TotalSeconds -lt $WarmupSeconds + $WindowSeconds)
    $last = $samples[$samples.Count - 1]
    "| build | file | RSS | PSS | threads | maps OpenSSL / ICU | roles |"
    '|---|---|---|---|---|---|---|'
    for ($c = 0; $c -lt $clusters.Count; $c++) {
        $nodes = @($clusters[$c].Nodes)
        $figures = for ($n = 0; $n -lt 3; $n++) {
            $k = 3 * $c + $n
            $maps = Get-Content "/proc/$($nodes[$n].Process.Id)/maps" -Raw
            [pscustomobject]@{
                RssMiB     = ($samples | ForEach-Object { $_[$k].RssKiB } | Measure-Object -Average).Average / 1024
                PssMiB     = ($samples | ForEach-Object { $_[$k].PssKiB } | Measure-Object -Average).Average / 1024
                Threads    = $last[$k].Threads
                Libraries  = "$($maps -match 'libssl|libcrypto' ? 'yes' : 'no') / $($maps -match 'libicu' ? 'yes' : 'no')"
                Role       = Get-TestNodeRole $nodes[$n]
            }
        }
        "| $($files[$c]) | $(((Get-Item $files[$c]).Length / 1MB).ToString('N2')) MiB | $(Format-Range $figures.RssMiB 'N1') MiB | $(Format-Range $figures.PssMiB 'N1') MiB | " +
        "$(Format-Range $figures.Threads 'N0') | $(@($figures.Libraries | Sort-Object -Unique) -join ', ') | $($figures.Role -join '/') |"
    }
    $failures = @($clusters | ForEach-Object { $_.Nodes } | ForEach-Object { Get-TestNodeFailure $_ })
    if ($failures) { Write-Warning "Nodes reported errors:`n$($failures -join "`n")"; exit 1 }
}
finally {
    foreach ($cluster in $clusters) { Stop-TestCluster $cluster }
}
exit 0
