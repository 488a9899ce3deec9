#requires -Version 7.4
<#
.SYNOPSIS
    What an -AsJob watchdog costs a pwsh that imported the module, in its first seconds and once idle, for one or
    more builds of the module side by side (e.g. with and without ReadyToRun).
.DESCRIPTION
    Per trial and per module build, all at once so that every build meets the same machine: a cluster of three
    nodes on loopback against its own emulator, node 1 a pwsh that imports that build and runs
    Start-ExoIpWatchdog -AsJob (1 s adverts), nodes 2 and 3 native exoip; beside it a pwsh that only imports the
    same build and sleeps. Each pwsh marks its own CPU time (all threads) and RSS/PSS (smaps_rollup) once the
    module is imported, -EarlySeconds later (the job's pwsh starts the watchdog in that window), and over an idle
    window of -IdleSeconds from -IdleFromSeconds after the import. "Adds" is the job's pwsh minus the imported one.
    Needs ./build.ps1 -Task Build (the emulator) and -Task Native (the native peers).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-ModuleStartup.ps1 -ModulePath out/jit/ExoIp.psd1,out/r2r/ExoIp.psd1
#>
[CmdletBinding()]
param(
    # The module manifests to compare (each a built module folder's ExoIp.psd1).
    [Parameter(Mandatory)] [string[]] $ModulePath,
    [ValidateRange(1, 20)] [int] $Trials = 3,
    [int] $EarlySeconds = 30,
    [int] $IdleFromSeconds = 60,
    [int] $IdleSeconds = 30
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $PSScriptRoot 'Footprint.ps1')
$manifests = @(Resolve-PathList $ModulePath)   # @(): one path would come back a string
$logs = Join-Path $root 'out/bench/module-startup'
New-Item -ItemType Directory -Force -Path $logs | Out-Null

# Run in each measured pwsh: prints "mark <name> <CPU ms> <RSS KiB> <PSS KiB>" from the process itself at each
# point (the CPU of all its threads; memory from smaps_rollup), so that pwsh's own start-up, slow on a loaded
# machine, is outside every window.
$markFunction = 'function Mark([string] $Name) { $process = [Diagnostics.Process]::GetCurrentProcess(); ' +
    '$rollup = [IO.File]::ReadAllText(''/proc/self/smaps_rollup''); ' +
    '$kib = foreach ($field in ''Rss'', ''Pss'') { [regex]::Match($rollup, "(?m)^${field}:\s+(\d+) kB").Groups[1].Value }; ' +
    '[Console]::WriteLine("mark $Name $([long]$process.TotalProcessorTime.TotalMilliseconds) $($kib -join '' '')") }; '

function Start-Variant([string] $Manifest, [int] $Index, [int] $Trial, [int] $Port) {
    # One build's cluster (node 1 the -AsJob pwsh, nodes 2-3 native) and its imported-only pwsh; both mark
    # the same points: imported, then -EarlySeconds later, then the idle window's start and end.
    $directory = Join-Path $logs "trial-$Trial-build-$Index"
    $cluster = New-TestCluster -LogDirectory $directory -Interval 1 -Port $Port -ElasticIp "198.51.100.$(90 + $Index)" `
        -Nodes @(1..3 | ForEach-Object { @{ Address = "127.0.$(40 + $Index).$_"; Priority = 10 * $_; Native = $_ -gt 1 } })
    Start-TestClusterEmulator $cluster
    $node = $cluster.Nodes[0]
    $peers = @($cluster.Nodes | Select-Object -Skip 1 | ForEach-Object { "'$($_.Address)'" }) -join ','
    $marks = "Mark imported; Start-Sleep -Seconds $EarlySeconds; Mark early; Start-Sleep -Seconds $($IdleFromSeconds - $EarlySeconds); " +
        "Mark idle; Start-Sleep -Seconds $IdleSeconds; Mark done; Start-Sleep -Seconds 100000"
    $job = $markFunction + "Import-Module '$Manifest'; " +
        "`$secret = ConvertTo-SecureString '$($cluster.Secret)' -AsPlainText -Force; " +
        "`$null = Start-ExoIpWatchdog -AsJob -ElasticIp $($cluster.ElasticIp) -InstanceId $($node.Id) -BindAddress '$($node.Address):$Port' " +
        "-Peer $peers -Priority 10 -Interval 1 -ApiKey $($cluster.Key) -ApiSecret `$secret -ApiEndpoint '$($cluster.Emulator.ApiEndpoint)'; " +
        $marks
    foreach ($peer in $cluster.Nodes | Select-Object -Skip 1) { $null = Start-TestNode $cluster $peer }
    [pscustomobject]@{
        Manifest = $Manifest; Cluster = $cluster
        JobLog = Join-Path $directory 'job.log'; ImportedLog = Join-Path $directory 'imported.log'
        Job      = Start-PwshProcess -Script $job -LogPath (Join-Path $directory 'job.log')
        Imported = Start-PwshProcess -Script ($markFunction + "Import-Module '$Manifest'; " + $marks) -LogPath (Join-Path $directory 'imported.log')
    }
}

function Read-Marks([string] $LogPath) {
    # The marks a measured pwsh printed, by name.
    $marks = @{}
    foreach ($line in Get-Content $LogPath -ErrorAction Ignore) {
        $fields = -split $line
        if ($fields.Count -eq 5 -and $fields[0] -eq 'mark') {
            $marks[$fields[1]] = [pscustomobject]@{ CpuMs = [long]$fields[2]; RssMiB = [long]$fields[3] / 1024; PssMiB = [long]$fields[4] / 1024 }
        }
    }
    $marks
}

function Get-Window($Marks, [string] $From, [string] $To, [int] $Seconds) {
    # CPU % of one core between two marks, and the memory at the second.
    [pscustomobject]@{ CpuPercent = ($Marks[$To].CpuMs - $Marks[$From].CpuMs) / 10 / $Seconds; RssMiB = $Marks[$To].RssMiB; PssMiB = $Marks[$To].PssMiB }
}

$rows = [Collections.Generic.List[object]]::new()
for ($trial = 1; $trial -le $Trials; $trial++) {
    Write-Host "Trial $trial of $($Trials): $($manifests.Count) builds side by side"
    $port = Get-FreeUdpPort '127.0.41.1'
    $variants = @()
    try {
        for ($i = 0; $i -lt $manifests.Count; $i++) { $variants += Start-Variant $manifests[$i] ($i + 1) $trial $port }
        Wait-Until -TimeoutSeconds ($IdleFromSeconds + $IdleSeconds + 120) -PollMilliseconds 1000 -Because 'every measured pwsh marked its last point' {
            -not ($variants | Where-Object { -not (Read-Marks $_.JobLog).done -or -not (Read-Marks $_.ImportedLog).done })
        }
        foreach ($variant in $variants) {
            $job = Read-Marks $variant.JobLog
            $imported = Read-Marks $variant.ImportedLog
            $rows.Add([pscustomobject]@{
                    Trial = $trial; Build = $variant.Manifest
                    PeerRoles = @($variant.Cluster.Nodes | Select-Object -Skip 1 | ForEach-Object { Get-TestNodeRole $_ }) -join '/'
                    JobEarly = Get-Window $job imported early $EarlySeconds; ImportedEarly = Get-Window $imported imported early $EarlySeconds
                    JobIdle = Get-Window $job idle done $IdleSeconds; ImportedIdle = Get-Window $imported idle done $IdleSeconds
                    JobImportMs = $job.imported.CpuMs; ImportedImportMs = $imported.imported.CpuMs
                })
        }
    }
    finally {
        foreach ($variant in $variants) {
            Stop-TestProcess $variant.Job
            Stop-TestProcess $variant.Imported
            Stop-TestCluster $variant.Cluster
        }
    }
}

$rows | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $logs 'results.json')
"| build | pwsh start + import: CPU time | job pwsh, first $EarlySeconds s after the import: CPU | RSS then | imported-only pwsh, same window: CPU, RSS | the job adds, first $EarlySeconds s: CPU, RSS, PSS | the job adds, idle ($IdleFromSeconds–$($IdleFromSeconds + $IdleSeconds) s): CPU, RSS, PSS |"
'|---|---|---|---|---|---|---|'
foreach ($group in $rows | Group-Object Build) {
    $r = $group.Group
    $name = Split-Path (Split-Path $group.Name) -Leaf
    "| $name | $(Format-Range ($r.ImportedImportMs | ForEach-Object { $_ / 1000 }) 'N2') s | $(Format-Range $r.JobEarly.CpuPercent 'N1') % | $(Format-Range $r.JobEarly.RssMiB 'N0') MiB | " +
    "$(Format-Range $r.ImportedEarly.CpuPercent 'N1') %, $(Format-Range $r.ImportedEarly.RssMiB 'N0') MiB | " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobEarly.CpuPercent - $_.ImportedEarly.CpuPercent }) 'N1') %, " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobEarly.RssMiB - $_.ImportedEarly.RssMiB }) 'N1') MiB, " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobEarly.PssMiB - $_.ImportedEarly.PssMiB }) 'N1') MiB | " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobIdle.CpuPercent - $_.ImportedIdle.CpuPercent }) 'N2') %, " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobIdle.RssMiB - $_.ImportedIdle.RssMiB }) 'N1') MiB, " +
    "+$(Format-Range ($r | ForEach-Object { $_.JobIdle.PssMiB - $_.ImportedIdle.PssMiB }) 'N1') MiB |"
}
"Peers' roles (they must be backups of the job's master): $(@($rows | ForEach-Object PeerRoles | Sort-Object -Unique) -join ', ')"
exit 0
