#requires -Version 7.2
<#
.SYNOPSIS
    The seeded fault campaign's real-process tier: native `exoip -W` nodes against the emulator, faults drawn from
    -Seed, and the simulation's checker over the emulator's holder history.
.DESCRIPTION
    Starts the emulator and -Nodes native watchdogs (0.2 s adverts, dead ratio 3) on loopback addresses drawn from
    the seed, then, until the last quarter of -Minutes, injects one fault at a time at seeded instants: SIGKILL and
    a restart, SIGSTOP/SIGCONT, the API answering 503 to every call, slow operations, SIGUSR1 and SIGUSR2 within
    a tenth of a second. The last quarter is quiet, so the checker sees the cluster settle. It then writes a run
    log (the emulator's holder history, what it knew of each node, the role each node's events announced, the
    faults) and checks it with `ExoIp.Simulation --check-run`, which prints the violations and ends with
    "campaign (real processes): M minutes, F faults, V violations". Exit 1 on any violation.
    Partitions (policy routing) are not part of it: they change the machine's routing for everyone on it.
    Needs `./build.ps1 -Task Build` and `-Task Native` first.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Campaign.ps1 -Minutes 30 -Seed 7
#>
[CmdletBinding()]
param(
    [ValidateRange(0.5, 1440)]
    [double] $Minutes = 30,
    [int] $Seed = 1,
    [ValidateRange(2, 5)]
    [int] $Nodes = 3,
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string] $LogDirectory = (Join-Path ([IO.Path]::GetTempPath()) "exoip-campaign-$Seed-$PID")
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')

$random = [Random]::new($Seed)
$interval = 0.2
$deadRatio = 3

function New-SeededId {
    $bytes = [byte[]]::new(16)
    $random.NextBytes($bytes)
    $bytes[7] = ($bytes[7] -band 0x0F) -bor 0x40
    $bytes[8] = ($bytes[8] -band 0x3F) -bor 0x80
    [guid]::new($bytes).ToString()
}

function Get-Now { [DateTimeOffset]::UtcNow }

# Instants go into the run log as ISO 8601 text (ConvertTo-Json would write a DateTimeOffset's properties).
function Format-Instant([DateTimeOffset] $Time) { $Time.ToString('O', [Globalization.CultureInfo]::InvariantCulture) }

$facts = [Collections.Generic.List[object]]::new()
$faults = [Collections.Generic.List[object]]::new()

function Add-Fact([int] $Node, $Running, $Eligible, [string] $Announced, $Time = (Get-Now)) {
    $facts.Add([ordered]@{ time = (Format-Instant $Time); node = $Node; running = $Running; eligible = $Eligible; announced = ($Announced ? $Announced : $null) })
}

function Wait-Seconds([double] $Seconds) { Start-Sleep -Milliseconds ([int]($Seconds * 1000)) }

$firstAddress = 20 + $random.Next(200)
$members = for ($i = 0; $i -lt $Nodes; $i++) {
    @{ Address = "127.0.0.$($firstAddress + $i)"; Priority = 10 * ($i + 1); Native = $true; Id = (New-SeededId) }
}
$cluster = New-TestCluster -Nodes $members -LogDirectory $LogDirectory -Interval $interval -DeadRatio $deadRatio
try {
    Start-TestClusterEmulator $cluster
    $started = Get-Now
    for ($i = 0; $i -lt $Nodes; $i++) {
        Start-TestNode $cluster $cluster.Nodes[$i] | Out-Null
        Add-Fact $i $true $true
    }
    $quietFrom = $started.AddMinutes($Minutes * 0.75)
    $end = $started.AddMinutes($Minutes)
    $kinds = 'Kill', 'Pause', 'Api5xx', 'ApiSlow', 'PriorityFlip'
    while ((Get-Now).AddSeconds(8) -lt $quietFrom) {
        Wait-Seconds (2 + 6 * $random.NextDouble())
        $index = $random.Next($Nodes)
        $node = $cluster.Nodes[$index]
        $kind = $kinds[$random.Next($kinds.Count)]
        # Around the dead time (0.6 s) and beyond it.
        $duration = 0.2 + 5 * $random.NextDouble()
        $start = Get-Now
        switch ($kind) {
            'Kill' {
                Send-Signal $node.Process KILL
                Add-Fact $index $false $false
                Wait-Seconds $duration
                Start-TestNode $cluster $node | Out-Null
                Add-Fact $index $true $true
            }
            'Pause' {
                Send-Signal $node.Process STOP
                Add-Fact $index $false $false
                Wait-Seconds $duration
                Send-Signal $node.Process CONT
                Add-Fact $index $true $true
            }
            'Api5xx' {
                # The API refusing every call: no node can move the Elastic IP, so none is eligible to take it.
                $rule = Invoke-Emulator $cluster.Emulator POST faults @{ pathPattern = '^/v2/'; statusCode = 503 }
                Wait-Seconds $duration
                Invoke-Emulator $cluster.Emulator DELETE "faults/$($rule.id)" | Out-Null
                $index = -2
            }
            'ApiSlow' {
                Invoke-Emulator $cluster.Emulator PUT operation-delay @{ milliseconds = 1000 + $random.Next(2000) } | Out-Null
                Wait-Seconds $duration
                Invoke-Emulator $cluster.Emulator PUT operation-delay @{ milliseconds = 0 } | Out-Null
                $index = -2
            }
            'PriorityFlip' {
                # Back and forth within one API action.
                Send-Signal $node.Process USR1
                Wait-Seconds 0.1
                Send-Signal $node.Process USR2
            }
        }
        $faults.Add([ordered]@{ kind = $kind; target = $index; start = (Format-Instant $start); end = (Format-Instant (Get-Now)) })
    }
    while ((Get-Now) -lt $end) { Wait-Seconds 1 }

    for ($i = 0; $i -lt $Nodes; $i++) {
        foreach ($event in Read-TestNodeEvent $cluster.Nodes[$i] -Kind StateChanged) {
            if ($event.Message -match '-> (?<role>\w+):') { Add-Fact $i $null $null $Matches.role $event.Time }
        }
    }
    $history = @(Get-HolderHistory $cluster.Emulator $cluster.ElasticIp | ForEach-Object {
            [ordered]@{ time = (Format-Instant $_.Time); instanceId = $_.InstanceId; action = $_.Action } })
    $run = [ordered]@{
        settings  = [ordered]@{
            # A: the check, the PUT, the operation and its polls on loopback, at most half a second unslowed.
            intervalSeconds = $interval; deadRatio = $deadRatio; skewSeconds = 0.1; reconcileSeconds = 30; apiTimeoutSeconds = 30; actionSeconds = 0.5
        }
        startedAt = Format-Instant $started
        endedAt   = Format-Instant $end
        nodes     = @($cluster.Nodes | ForEach-Object { [ordered]@{ instanceId = $_.Id; finalPriority = $_.Priority } })
        history   = $history
        facts     = @($facts | Sort-Object { $_.time })
        faults    = @($faults)
    }
    $log = Join-Path $LogDirectory 'run.json'
    $run | ConvertTo-Json -Depth 6 | Set-Content $log
    Write-Host "seed $Seed, run log $log"
    & dotnet run --project (Join-Path $root 'tests/ExoIp.Simulation') -c $Configuration --no-build -- --check-run $log
    $code = $LASTEXITCODE
}
finally {
    Stop-TestCluster $cluster
}
exit $code
