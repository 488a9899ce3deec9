#requires -Version 7.2
<#
.SYNOPSIS
    The seeded fault campaign's real-process tier: native `exoip -W` nodes against the emulator, faults drawn from
    -Seed, and the simulation's checker over the emulator's holder history.
.DESCRIPTION
    Starts the emulator and -Nodes native watchdogs (0.2 s adverts, dead ratio 3) on loopback addresses drawn from
    the seed, all members of one Instance Pool of the emulator and taking their peers from it
    (IF_EXOSCALE_INSTANCE_POOL), then, until the last quarter of -Minutes, injects one fault at a time at seeded
    instants. The faults:
      - Kill: SIGKILL, and a restart 0.2-5.2 s later.
      - Pause: SIGSTOP, SIGCONT 0.2-5.2 s later.
      - Api5xx: the API answering 503 to every call (an emulator fault rule at rate 1) for 0.2-5.2 s.
      - ApiSlow: every attach and detach operation 1-3 s long for 0.2-5.2 s.
      - PriorityFlip: SIGUSR1 and SIGUSR2 within a tenth of a second.
      - Isolate: a two-way partition of one node from the others (policy routing, see
        tests/pester/PolicyRouting.ps1); it still reaches the API.
      - OneWayPartition: one way only, the node's adverts to the others dropped, or theirs to it.
        Partitions last 0.3-1.2 s (around the dead time, 0.6 s), mostly 1-10 s, and sometimes 31-40 s (beyond a
        reconciliation, 30 s) when the run has room for it before its quiet quarter.
      - LeaveGroup: the node taken out of the pool (the emulator's control API) while it keeps running, and put back
        2-15 s later; within it, by the seed, nothing else, a SIGKILL and restart of that node (a restarted node lists
        its pool at once), or an Isolate of it (its peers list the pool once it falls silent), so that the listing
        which shows it out can come within the fault.
    The schedule (kinds, targets, durations, instants from the start, the parameters) comes from -Seed, -Minutes
    and -Nodes alone: -ScheduleOnly prints it and starts nothing. When the machine lags, a fault starts late rather
    than overlapping the previous one; the run log keeps both the planned and the actual instants.
    The last quarter is quiet, so the checker sees the cluster settle. It then writes a run log (the emulator's
    holder history, what it knew of each node, the role each node's events announced, the faults) and checks it
    with `ExoIp.Simulation --check-run`, which prints the violations and ends with
    "campaign (real processes): M minutes, F faults, V violations". Exit 1 on any violation.
    Partitions need root and the ip tool (Linux policy routing: the `local` rule is parked behind the partition
    rules for the run, and put back in a finally block whatever happens, after every rule the campaign added is
    removed); only the campaign's own node addresses are ever blackholed, never the emulator's. Without them the
    partitions of the schedule are skipped with a warning (the rest of the schedule is unchanged).
    Needs `./build.ps1 -Task Build` and `-Task Native` first.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Campaign.ps1 -Minutes 30 -Seed 7
.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Campaign.ps1 -Minutes 3 -Seed 5 -ScheduleOnly
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
    [string] $LogDirectory = (Join-Path ([IO.Path]::GetTempPath()) "exoip-campaign-$Seed-$PID"),
    # Prints the seed's schedule and starts nothing.
    [switch] $ScheduleOnly
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $root 'tests/pester/PolicyRouting.ps1')

# Everything the schedule is made of comes from this one stream, drawn in a fixed order before anything starts;
# nothing else draws from it. (The emulator's fault rules are drawn from it too: the one rule the campaign adds,
# Api5xx's, fires at rate 1, so the emulator's own Random.Shared, which only decides rules of a lower rate, never
# decides anything here.)
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

# SIGINT, SIGTERM and SIGHUP end the run through its finally block (partitions healed, nodes and emulator stopped):
# the handler only notes the signal, and every wait of the run polls it. A second signal ends the process at once.
Add-Type -TypeDefinition @'
using System.Collections.Generic;
using System.Runtime.InteropServices;
public static class CampaignInterrupt
{
    private static readonly List<PosixSignalRegistration> Registrations = new();
    public static volatile string Signal;
    public static void Register()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (Signal is not null) return;
                Signal = context.Signal.ToString();
                context.Cancel = true;
            }));
    }
}
'@

function Assert-NotInterrupted {
    if ([CampaignInterrupt]::Signal) { throw "Interrupted by $([CampaignInterrupt]::Signal): healing the partitions and stopping the cluster." }
}

function Wait-Seconds([double] $Seconds) {
    $until = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ($true) {
        Assert-NotInterrupted
        $left = ($until - [DateTime]::UtcNow).TotalMilliseconds
        if ($left -le 0) { return }
        Start-Sleep -Milliseconds ([int][math]::Min($left, 100))
    }
}

# Until an instant (at once when it has passed).
function Wait-Instant([DateTimeOffset] $Time) { Wait-Seconds ($Time - (Get-Now)).TotalSeconds }

function Round([double] $Value) { [math]::Round($Value, 3) }

$firstAddress = 20 + $random.Next(200)
$members = for ($i = 0; $i -lt $Nodes; $i++) {
    @{ Address = "127.0.0.$($firstAddress + $i)"; Priority = 10 * ($i + 1); Native = $true; Id = (New-SeededId) }
}
$poolId = New-SeededId
$poolName = 'campaign-pool'

# ---- The schedule, from the seed alone ----

$quietAt = $Minutes * 60 * 0.75
$kinds = 'Kill', 'Pause', 'Api5xx', 'ApiSlow', 'PriorityFlip', 'Isolate', 'OneWayPartition', 'LeaveGroup'

function Get-PartitionSeconds([double] $Room) {
    # Around the dead time (0.6 s), mostly 1-10 s, sometimes beyond a reconciliation (30 s) when the run has room
    # for it before its quiet quarter. Both numbers are drawn whatever the class, so the stream stays aligned.
    $class = $random.NextDouble()
    $r = $random.NextDouble()
    if ($class -lt 0.2) { return 0.3 + 0.9 * $r }
    if ($class -lt 0.88 -or $Room -lt 42) { return 1 + 9 * $r }
    31 + 9 * $r
}

$schedule = [Collections.Generic.List[object]]::new()
$at = 0.0
while ($true) {
    $at += 2 + 6 * $random.NextDouble()
    $planned = [ordered]@{ at = (Round $at); kind = $kinds[$random.Next($kinds.Count)]; target = $random.Next($Nodes) }
    switch ($planned.kind) {
        'PriorityFlip' { $planned.seconds = 0.1 }
        'ApiSlow' {
            $planned.seconds = Round (0.2 + 5 * $random.NextDouble())
            $planned.delayMilliseconds = 1000 + $random.Next(2000)
        }
        'Isolate' { $planned.seconds = Round (Get-PartitionSeconds ($quietAt - $at)) }
        'OneWayPartition' {
            # from: the node's datagrams to the others are dropped (they stop hearing it); to: theirs to it.
            $planned.direction = $random.Next(2) -eq 0 ? 'from' : 'to'
            $planned.seconds = Round (Get-PartitionSeconds ($quietAt - $at))
        }
        'LeaveGroup' {
            $seconds = 2 + 13 * $random.NextDouble()
            $companion = $random.Next(3)
            $after = 0.3 + $seconds / 2 * $random.NextDouble()
            $r = $random.NextDouble()
            $planned.seconds = Round $seconds
            # Something that makes a node list its pool within the fault (else nobody would before a peer refresh, 5 min).
            $planned.companion = switch ($companion) {
                1 { [ordered]@{ kind = 'Kill'; after = (Round $after); seconds = (Round (0.2 + ($seconds - $after - 0.5) * $r)) } }
                2 { [ordered]@{ kind = 'Isolate'; after = (Round $after); seconds = (Round (0.5 + ($seconds - $after - 0.7) * $r)) } }
                default { $null }
            }
        }
        default { $planned.seconds = Round (0.2 + 5 * $random.NextDouble()) }
    }
    # Room for a restart after a kill, and a little for every fault's own calls.
    $span = $planned.seconds + ($planned.kind -eq 'Kill' ? 1.5 : 0.3)
    if ($at + $span -gt $quietAt) { break }
    $schedule.Add($planned)
    $at += $span
}

function Format-Planned($Planned) {
    $text = '{0,8:0.000} s  {1} of node {2} for {3:0.000} s' -f $Planned.at, $Planned.kind, $Planned.target, $Planned.seconds
    if ($Planned.Contains('direction')) { $text += " ($($Planned.direction) it)" }
    if ($Planned.Contains('delayMilliseconds')) { $text += " (operations $($Planned.delayMilliseconds) ms)" }
    if ($Planned.Contains('companion') -and $Planned.companion) {
        $text += ' with {0} {1:0.000} s in for {2:0.000} s' -f $Planned.companion.kind, $Planned.companion.after, $Planned.companion.seconds
    }
    $text
}

if ($ScheduleOnly) {
    "seed $Seed, $Minutes minutes, $Nodes nodes at 127.0.0.$firstAddress-$($firstAddress + $Nodes - 1): $($schedule.Count) faults"
    $schedule | ForEach-Object { Format-Planned $_ }
    exit 0
}

# ---- What the run log says: running and membership as they changed, eligibility from both ----

$facts = [Collections.Generic.List[object]]::new()
$faults = [Collections.Generic.List[object]]::new()
# Each node's process starting or ending, and its pool membership as the API lists it, in the order they were learnt.
$changes = [Collections.Generic.List[object]]::new()

function Set-Running([int] $Node, [bool] $Running, [DateTimeOffset] $Time = (Get-Now)) {
    $changes.Add([pscustomobject]@{ Time = $Time; Node = $Node; What = 'running'; Value = $Running; Order = $changes.Count })
}

function Set-Member([int] $Node, [bool] $Member, [DateTimeOffset] $Time) {
    $changes.Add([pscustomobject]@{ Time = $Time; Node = $Node; What = 'member'; Value = $Member; Order = $changes.Count })
}

# A fresh process (a start, or a restart after a kill) has announced nothing yet: its old process's last role must not
# carry over (the checker would read "announced Master" from a dead process's hook call as the new one's, I5).
function Start-CampaignNode([int] $Index) {
    Start-TestNode $cluster $cluster.Nodes[$Index] | Out-Null
    $time = Get-Now
    Set-Running $Index $true $time
    $facts.Add([ordered]@{ time = (Format-Instant $time); node = $Index; running = $null; eligible = $null; announced = 'Starting' })
}

function Add-Fault([string] $Kind, [int] $Target, [DateTimeOffset] $Start, [DateTimeOffset] $End, $Planned, [hashtable] $More = @{}) {
    $record = [ordered]@{ kind = $Kind; target = $Target; start = (Format-Instant $Start); end = (Format-Instant $End); planned = $Planned }
    foreach ($key in $More.Keys) { $record[$key] = $More[$key] }
    $faults.Add($record)
}

# Eligibility as the checker reads it (the contract's, NodeSlot.ComputeEligible): running and a member of the pool as
# the API lists it; a partition, the API's 503s or slowness change neither here (a partitioned node still runs).
function Add-EligibilityFacts {
    $running = [bool[]]::new($Nodes)
    $member = [bool[]]::new($Nodes)
    $eligible = [bool[]]::new($Nodes)
    for ($i = 0; $i -lt $Nodes; $i++) { $member[$i] = $true }
    foreach ($change in $changes | Sort-Object Time, Order) {
        $i = $change.Node
        if ($change.What -eq 'running') { $running[$i] = $change.Value } else { $member[$i] = $change.Value }
        $now = $running[$i] -and $member[$i]
        $fact = [ordered]@{ time = (Format-Instant $change.Time); node = $i; running = $null; eligible = $null; announced = $null }
        if ($change.What -eq 'running') { $fact.running = $change.Value }
        if ($now -ne $eligible[$i]) { $fact.eligible = $now; $eligible[$i] = $now }
        if ($null -ne $fact.running -or $null -ne $fact.eligible) { $facts.Add($fact) }
    }
}

# When a node taken out of the pool is out of it for the contract: from the first listing of the pool's members read
# after its removal (SimWorld.MembersListed), by any node, since no watchdog can know sooner. The emulator's request
# log (GET /_emulator/requests) has every API request with its arrival time, to the millisecond; a listing is a
# list-instances of the pool (manager-id), answered 200. No campaign fault slows a GET down or overlaps the
# membership fault, so a listing reads the pool within a millisecond or so of its arrival. The removal applied during
# the control call that started at $From: a listing that arrived before it read the pool before the removal, one
# that arrived after the call returned read it after; only one that arrived during the call (a few milliseconds) is
# ambiguous, and is counted (the node then counts as out that much early at most), with a warning. Null when no
# listing came before $To (the rejoin): the node was never out as the API lists it.
function Find-MembersListing([DateTimeOffset] $From, [DateTimeOffset] $Called, [DateTimeOffset] $To) {
    # The log keeps whole milliseconds: from the millisecond the call started in.
    $since = $From.AddTicks(-($From.Ticks % [TimeSpan]::TicksPerMillisecond))
    $requests = @(Invoke-Emulator $cluster.Emulator GET "requests?since=$([uri]::EscapeDataString((Format-Instant $since)))" | ForEach-Object { $_ })
    $listing = $requests |
        Where-Object { $_.method -eq 'GET' -and $_.path -eq '/v2/instance' -and $_.query -match "manager-id=$poolId" -and $_.status -eq 200 } |
        ForEach-Object { [DateTimeOffset]$_.time } | Where-Object { $_ -ge $since -and $_ -lt $To } | Sort-Object | Select-Object -First 1
    if ($listing -and $listing -lt $Called) { Write-Warning "a listing of the pool arrived at $(Format-Instant $listing), during the removal's control call: counted as showing it" }
    $listing
}

# ---- Partitions: only between the campaign's own node addresses ----

$addresses = @($members | ForEach-Object Address)
$partitioning = $false
$canPartition = Test-PolicyRouting
if (-not $canPartition -and @($schedule | Where-Object kind -In 'Isolate', 'OneWayPartition').Count -gt 0) {
    Write-Warning 'Partitions need Linux, root and the ip tool: the schedule''s partitions are skipped.'
}

function Add-NodePartition([int] $Index, [string] $Direction) {
    # from: the node's datagrams to the others dropped; to: theirs to it; both: two ways.
    $address = $addresses[$Index]
    $others = @($addresses | Where-Object { $_ -ne $address })
    foreach ($blackholed in @($address) + $others) {
        if ($blackholed -notin $addresses -or $blackholed -eq $cluster.Emulator.ApiEndpoint.Host) { throw "Refusing to blackhole ${blackholed}: not one of the campaign's node addresses." }
    }
    if ($Direction -in 'from', 'both') { Add-Partition -From $address -To $others }
    if ($Direction -in 'to', 'both') { Add-Partition -From $others -To $address }
}

$cluster = New-TestCluster -Nodes $members -LogDirectory $LogDirectory -Interval $interval -DeadRatio $deadRatio `
    -Environment @{ IF_EXOSCALE_PEERS = ''; IF_EXOSCALE_INSTANCE_POOL = $poolName }
$code = 2
[CampaignInterrupt]::Register()
try {
    Start-TestClusterEmulator $cluster
    Invoke-Emulator $cluster.Emulator POST instance-pools @{ id = $poolId; name = $poolName } | Out-Null
    foreach ($node in $cluster.Nodes) { Invoke-Emulator $cluster.Emulator PUT "instances/$($node.Id)/instance-pool" @{ id = $poolId } | Out-Null }
    if ($canPartition) {
        # Set before the call: the finally block puts the local rule back even if this fails half-way.
        $partitioning = $true
        Enable-Partitioning
    }
    $started = Get-Now
    for ($i = 0; $i -lt $Nodes; $i++) { Start-CampaignNode $i }
    $end = $started.AddMinutes($Minutes)
    $latest = 0.0
    foreach ($planned in $schedule) {
        Wait-Instant $started.AddSeconds($planned.at)
        $index = $planned.target
        $node = $cluster.Nodes[$index]
        $kind = $planned.kind
        $start = Get-Now
        $latest = [math]::Max($latest, ($start - $started).TotalSeconds - $planned.at)
        $more = @{}
        switch ($kind) {
            'Kill' {
                Send-Signal $node.Process KILL
                Set-Running $index $false
                Wait-Instant $start.AddSeconds($planned.seconds)
                Start-CampaignNode $index
            }
            'Pause' {
                Send-Signal $node.Process STOP
                Set-Running $index $false
                Wait-Instant $start.AddSeconds($planned.seconds)
                Send-Signal $node.Process CONT
                Set-Running $index $true
            }
            'Api5xx' {
                # The API refusing every call (rate 1: every request, so nothing is left to the emulator's own random).
                $rule = Invoke-Emulator $cluster.Emulator POST faults @{ pathPattern = '^/v2/'; statusCode = 503; rate = 1 }
                Wait-Instant $start.AddSeconds($planned.seconds)
                Invoke-Emulator $cluster.Emulator DELETE "faults/$($rule.id)" | Out-Null
                $index = -2
            }
            'ApiSlow' {
                Invoke-Emulator $cluster.Emulator PUT operation-delay @{ milliseconds = $planned.delayMilliseconds } | Out-Null
                # The checker's A in this window: an operation takes that much longer.
                $more.operationDelayMilliseconds = $planned.delayMilliseconds
                Wait-Instant $start.AddSeconds($planned.seconds)
                Invoke-Emulator $cluster.Emulator PUT operation-delay @{ milliseconds = 0 } | Out-Null
                $index = -2
            }
            'PriorityFlip' {
                # Back and forth within one API action.
                Send-Signal $node.Process USR1
                Wait-Seconds 0.1
                Send-Signal $node.Process USR2
            }
            { $_ -in 'Isolate', 'OneWayPartition' } {
                if (-not $canPartition) { $kind = $null; break }
                $direction = $kind -eq 'Isolate' ? 'both' : $planned.direction
                Add-NodePartition $index $direction
                $start = Get-Now
                Wait-Instant $start.AddSeconds($planned.seconds)
                Remove-Partition
                $more.direction = $direction
            }
            'LeaveGroup' {
                # Out of the pool while it keeps running, and back.
                $removing = Get-Now
                Invoke-Emulator $cluster.Emulator PUT "instances/$($node.Id)/instance-pool" @{ id = $null } | Out-Null
                $removed = Get-Now
                $companion = $planned.companion
                if ($companion -and ($companion.kind -eq 'Kill' -or $canPartition)) {
                    Wait-Instant $start.AddSeconds($companion.after)
                    $companionStart = Get-Now
                    if ($companion.kind -eq 'Kill') {
                        Send-Signal $node.Process KILL
                        Set-Running $index $false
                        Wait-Instant $companionStart.AddSeconds($companion.seconds)
                        Start-CampaignNode $index
                        $companionMore = @{}
                    }
                    else {
                        Add-NodePartition $index both
                        Wait-Instant $companionStart.AddSeconds($companion.seconds)
                        Remove-Partition
                        $companionMore = @{ direction = 'both' }
                    }
                    Add-Fault $companion.kind $index $companionStart (Get-Now) (Round ($planned.at + $companion.after)) $companionMore
                }
                Wait-Instant $start.AddSeconds($planned.seconds)
                Invoke-Emulator $cluster.Emulator PUT "instances/$($node.Id)/instance-pool" @{ id = $poolId } | Out-Null
                # Back in it at once, as the contract has it (NodeSlot.Member): from when the call returned.
                $back = Get-Now
                $listed = Find-MembersListing $removing $removed $back
                if ($listed) {
                    Set-Member $index $false $listed
                    Set-Member $index $true $back
                }
                $start = $removing
                $more.firstListing = $listed ? (Format-Instant $listed) : $null
            }
        }
        if ($kind) { Add-Fault $kind $index $start (Get-Now) $planned.at $more }
    }
    if ($latest -gt 0.5) { Write-Warning ("a fault started up to {0:0.0} s after its planned instant (the machine lagged)" -f $latest) }
    Wait-Instant $end

    for ($i = 0; $i -lt $Nodes; $i++) {
        foreach ($event in Read-TestNodeEvent $cluster.Nodes[$i] -Kind StateChanged) {
            if ($event.Message -match '-> (?<role>\w+):') {
                $facts.Add([ordered]@{ time = (Format-Instant $event.Time); node = $i; running = $null; eligible = $null; announced = $Matches.role })
            }
        }
    }
    Add-EligibilityFacts
    $history = @(Get-HolderHistory $cluster.Emulator $cluster.ElasticIp | ForEach-Object {
            [ordered]@{ time = (Format-Instant $_.Time); instanceId = $_.InstanceId; action = $_.Action } })
    $run = [ordered]@{
        settings  = [ordered]@{
            # A: the check, the PUT, the operation and its polls on loopback, at most half a second unslowed.
            intervalSeconds = $interval; deadRatio = $deadRatio; skewSeconds = 0.1; reconcileSeconds = 30; apiTimeoutSeconds = 30; actionSeconds = 0.5
        }
        seed      = $Seed
        startedAt = Format-Instant $started
        endedAt   = Format-Instant $end
        # The address and the pool are for the reader of the log (the checker reads the ids and priorities).
        nodes     = @($cluster.Nodes | ForEach-Object { [ordered]@{ instanceId = $_.Id; finalPriority = $_.Priority; address = $_.Address } })
        pool      = [ordered]@{ id = $poolId; name = $poolName }
        history   = $history
        facts     = @($facts | Sort-Object -Stable { $_.time })  # two role changes in one millisecond keep their order
        faults    = @($faults | Sort-Object -Stable { $_.start })
        schedule  = @($schedule)
    }
    $log = Join-Path $LogDirectory 'run.json'
    $run | ConvertTo-Json -Depth 6 | Set-Content $log
    Write-Host "seed $Seed, run log $log"
    Write-Host ('faults by kind: ' + ((@($faults | Group-Object { $_.kind } | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" })) -join ', '))
    & dotnet run --project (Join-Path $root 'tests/ExoIp.Simulation') -c $Configuration --no-build -- --check-run $log
    $code = $LASTEXITCODE
}
finally {
    try {
        # Healed first, whatever happened: the campaign's rules, then the local rule back at priority 0.
        if ($partitioning) { Disable-Partitioning }
    }
    finally {
        Stop-TestCluster $cluster
    }
}
exit $code
