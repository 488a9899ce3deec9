#requires -Version 7.4
<#
.SYNOPSIS
    The idle footprint of one or more builds of the native exoip side by side: file size, RSS, PSS, threads (and
    what each is), system calls per second, idle CPU, and which of OpenSSL and ICU each maps. For trying build
    options (bench/RESULTS.md, "Native executable size") and changes to the idle loop.
.DESCRIPTION
    Per build, all at once so that every build meets the same machine: a cluster of three native nodes on loopback
    (1 s adverts, each with two live peers) against its own emulator. After -WarmupSeconds, samples every node
    every 5 s over -WindowSeconds with Footprint.ps1's Get-FootprintSample (RSS and PSS from smaps_rollup, CPU from
    each thread's schedstat), then counts each node's system calls with `strace -c -f` over -StraceSeconds (after
    the CPU window: tracing slows every call it counts; strace is installed with apt-get when missing, 0 skips
    it). Threads are listed by name (/proc/PID/task/*/comm) at the end of the window. The three nodes of a build
    share its file, as three watchdogs of one host would not: PSS counts a third of the file's pages for each, so
    compare PSS between builds, not with one process alone. On a shared machine the counts (threads, system
    calls) are what to trust; compare CPU only between builds of the same run.
    Needs ./build.ps1 -Task Build (the emulator).
    The RSS growth column is the last sample's RSS less the first's: with -WindowSeconds 3600, whether an idle node's
    memory grows over an hour (issue 19's goal).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-NativeFootprint.ps1 -Executable out/native/exoip,/tmp/other/exoip
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-NativeFootprint.ps1 -Executable out/native/exoip -WindowSeconds 3600 -StraceSeconds 0
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $Executable,
    [int] $WarmupSeconds = 90,
    [int] $WindowSeconds = 30,
    [int] $StraceSeconds = 20
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $PSScriptRoot 'Footprint.ps1')
$script:ClockTicks = [double](& getconf CLK_TCK)   # Get-FootprintSample's CPU
$straceMissing = if ($StraceSeconds -gt 0) { Install-BenchPackage strace strace } else { 'not asked for (-StraceSeconds 0)' }
if ($straceMissing) { Write-Warning "No system call counts: $straceMissing" }
$files = @(Resolve-PathList $Executable)   # @(): one path would come back a string, and $files[0] its first character

function Get-ThreadName([int] $ProcessId) {
    # Each thread's name, as the kernel keeps it (15 characters at most), sorted.
    @(Get-ChildItem "/proc/$ProcessId/task" -Directory -ErrorAction Ignore | ForEach-Object { (Get-Content "$($_.FullName)/comm" -ErrorAction Ignore) }) | Sort-Object
}
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
    $first = $samples[0]
    $last = $samples[$samples.Count - 1]
    $threadNames = @(foreach ($cluster in $clusters) { foreach ($node in $cluster.Nodes) { ,@(Get-ThreadName $node.Process.Id) } })
    $syscalls = @{}
    if (-not $straceMissing) {
        $trees = @{}
        $k = 0
        foreach ($cluster in $clusters) { foreach ($node in $cluster.Nodes) { $trees["$k"] = @($node.Process.Id); $k++ } }
        $syscalls = Measure-Syscalls -Trees $trees -LogDirectory $logs -Seconds $StraceSeconds
    }
    "Idle after $WarmupSeconds s, CPU and memory over $WindowSeconds s, system calls over $StraceSeconds s (load average $((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')):"
    ''
    "| build | file | RSS | RSS growth | PSS | threads | system calls / s | idle CPU, % of one core | maps OpenSSL / ICU | roles |"
    '|---|---|---|---|---|---|---|---|---|---|'
    for ($c = 0; $c -lt $clusters.Count; $c++) {
        $nodes = @($clusters[$c].Nodes)
        $figures = for ($n = 0; $n -lt 3; $n++) {
            $k = 3 * $c + $n
            $maps = Get-Content "/proc/$($nodes[$n].Process.Id)/maps" -Raw
            [pscustomobject]@{
                RssMiB     = ($samples | ForEach-Object { $_[$k].RssKiB } | Measure-Object -Average).Average / 1024
                GrowthMiB  = ($last[$k].RssKiB - $first[$k].RssKiB) / 1024
                PssMiB     = ($samples | ForEach-Object { $_[$k].PssKiB } | Measure-Object -Average).Average / 1024
                Threads    = $last[$k].Threads
                Syscalls   = if ($syscalls["$k"]) { $syscalls["$k"].PerSecond } else { $null }
                Cpu        = 100 * ($last[$k].CpuNs - $first[$k].CpuNs) / 1e9 / (($last[$k].At - $first[$k].At) / [Diagnostics.Stopwatch]::Frequency)
                Libraries  = "$($maps -match 'libssl|libcrypto' ? 'yes' : 'no') / $($maps -match 'libicu' ? 'yes' : 'no')"
                Role       = Get-TestNodeRole $nodes[$n]
            }
        }
        "| $($files[$c]) | $(((Get-Item $files[$c]).Length / 1MB).ToString('N2')) MiB | $(Format-Range $figures.RssMiB 'N1') MiB | $(Format-Range $figures.GrowthMiB 'N1') MiB | $(Format-Range $figures.PssMiB 'N1') MiB | " +
        "$(Format-Range $figures.Threads 'N0') | $($straceMissing ? 'not counted' : (Format-Range $figures.Syscalls 'N1')) | $(Format-Range $figures.Cpu 'N3') % | " +
        "$(@($figures.Libraries | Sort-Object -Unique) -join ', ') | $($figures.Role -join '/') |"
    }
    ''
    for ($c = 0; $c -lt $clusters.Count; $c++) {
        "Threads of $($files[$c]) (per node, by name):"
        for ($n = 0; $n -lt 3; $n++) {
            $k = 3 * $c + $n
            $calls = if ($syscalls["$k"]) { "; system calls / s $($syscalls["$k"].PerSecond): $($syscalls["$k"].Top)" } else { '' }
            "- node $($n + 1): $(@($threadNames[$k] | Group-Object | ForEach-Object { $_.Count -gt 1 ? "$($_.Name) ×$($_.Count)" : $_.Name }) -join ', ')$calls"
        }
    }
    $failures = @($clusters | ForEach-Object { $_.Nodes } | ForEach-Object { Get-TestNodeFailure $_ })
    if ($failures) { Write-Warning "Nodes reported errors:`n$($failures -join "`n")"; exit 1 }
}
finally {
    foreach ($cluster in $clusters) { Stop-TestCluster $cluster }
}
exit 0
