# The cluster measurements of the benchmark: failovers, planned handovers, a slow API, an idle node's footprint.
# Dot-sourced by Invoke-Bench.ps1 after tests/pester/TestCluster.ps1. Every figure comes from the emulator's
# holder history (millisecond times of each attach and detach as it applied) and the nodes' own event lines.

function Start-BenchCluster {
    <#
    .SYNOPSIS
        Three watchdog processes (priorities 1, 2, 3: the first is the preferred master) on 127.0.2.1-3 against
        a fresh emulator, optionally slowed down; returns once the first node alone holds the Elastic IP.
    #>
    param(
        [Parameter(Mandatory)] [string] $LogDirectory,
        [double] $Interval = 1,
        [int] $DeadRatio = 3,
        [int] $ApiLatencyMs = 0,
        [int] $OperationDelayMs = 0,
        [double] $SettleTimeoutSeconds = 60,
        [hashtable] $Environment = @{},
        # Variables of one node's own (a health check of its own service): given the node, returns a hashtable.
        [scriptblock] $NodeEnvironment
    )
    $cluster = New-TestCluster -LogDirectory $LogDirectory -Interval $Interval -DeadRatio $DeadRatio -Environment $Environment.Clone() -Nodes @(
        @{ Address = '127.0.2.1'; Priority = 1 }, @{ Address = '127.0.2.2'; Priority = 2 }, @{ Address = '127.0.2.3'; Priority = 3 })
    Start-TestClusterEmulator $cluster
    try {
        if ($ApiLatencyMs) { Invoke-Emulator $cluster.Emulator POST faults @{ pathPattern = '^/v2/'; latency = $ApiLatencyMs } | Out-Null }
        if ($OperationDelayMs) { Invoke-Emulator $cluster.Emulator PUT operation-delay @{ milliseconds = $OperationDelayMs } | Out-Null }
        foreach ($node in $cluster.Nodes) {
            # Start-TestNode reads the cluster's variables as it starts a node, so the node's own go in just before.
            if ($NodeEnvironment) { (& $NodeEnvironment $node).GetEnumerator() | ForEach-Object { $cluster.Environment[$_.Key] = $_.Value } }
            Start-TestNode $cluster $node | Out-Null
        }
        Wait-ClusterSettled $cluster -TimeoutSeconds $SettleTimeoutSeconds
    }
    catch {
        Stop-TestCluster $cluster
        throw
    }
    $cluster
}

function Wait-ClusterSettled {
    # The preferred master alone holds the Elastic IP and says it is master; the others say they are backups.
    param([Parameter(Mandatory)] $Cluster, [double] $TimeoutSeconds = 60)
    Wait-SoleHolder $Cluster $Cluster.Nodes[0] -TimeoutSeconds $TimeoutSeconds
    Wait-Until -TimeoutSeconds $TimeoutSeconds -Because 'every node has taken its role' {
        (Get-TestNodeRole $Cluster.Nodes[0]) -eq 'Master' -and
        @($Cluster.Nodes | Select-Object -Skip 1 | Where-Object { (Get-TestNodeRole $_) -ne 'Backup' }).Count -eq 0
    }
}

function Get-Milliseconds([DateTimeOffset] $From, $To) {
    # Milliseconds from one moment to another, or null when the second never came (no such event).
    if ($null -eq $To) { return $null }
    [math]::Round(([DateTimeOffset]$To - $From).TotalMilliseconds, 1)
}

function Measure-MasterLoss {
    <#
    .SYNOPSIS
        One trial: the master gets SIGKILL (a crash) or SIGTERM (a planned stop); waits until the second node
        alone holds the Elastic IP. Times are from the signal: the successor's PeerDown and its becoming master
        (its events), its attach and the old master's detach as the API applied them (the emulator's history);
        plus the longest stretches with no holder and with two.
    #>
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] [ValidateSet('KILL', 'TERM')] [string] $Signal)
    $master, $successor = $Cluster.Nodes[0], $Cluster.Nodes[1]
    $start = [DateTimeOffset]::UtcNow
    # Process.Kill is SIGKILL with no helper process in between, so the start time is exact.
    if ($Signal -eq 'KILL') { $master.Process.Kill() } else { Send-Signal $master.Process TERM }
    Wait-SoleHolder $Cluster $successor -TimeoutSeconds 30
    if (-not $master.Process.WaitForExit(30000)) { throw "$($master.Name) did not exit after SIGTERM." }
    # The successor's event for its attach may reach its log a moment after the API applied it.
    Wait-Until -TimeoutSeconds 10 -Because "$($successor.Name) logs its attach" {
        Read-TestNodeEvent $successor -Kind ApiAction -Match '^Attach .*: done' -Since $start
    }
    $end = [DateTimeOffset]::UtcNow

    $peerDown = Read-TestNodeEvent $successor -Kind PeerDown -Match ([regex]::Escape($master.Address) + ' ') -Since $start | Select-Object -First 1
    $trial = [ordered]@{ Signal = $Signal; At = $start; DetectionMs = Get-Milliseconds $start $peerDown.Time }
    [pscustomobject]($trial + (Get-HandoverFigures $Cluster $master $successor $start $end))
}

function Get-HandoverFigures {
    # What every trial that takes the Elastic IP from the master reports, in ms from its start: the successor's
    # becoming master (its event), its attach and the master's detach as the API applied them (the emulator's
    # history), the longest stretches with no holder and with two, and the trial's timeline.
    param($Cluster, $Master, $Successor, [DateTimeOffset] $From, [DateTimeOffset] $To)
    $history = @(Get-HolderHistory $Cluster.Emulator $Cluster.ElasticIp -Since $From)
    $attach = $history | Where-Object { $_.InstanceId -eq $Successor.Id -and $_.Action -eq 'attach' } | Select-Object -First 1
    $detach = $history | Where-Object { $_.InstanceId -eq $Master.Id -and $_.Action -eq 'detach' } | Select-Object -First 1
    $promoted = Read-TestNodeEvent $Successor -Kind StateChanged -Match '-> Master' -Since $From | Select-Object -First 1
    $stats = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $From -To $To
    [ordered]@{
        BecameMasterMs   = Get-Milliseconds $From $promoted.Time
        NewHolderMs      = Get-Milliseconds $From $attach.Time
        OldReleasedMs    = Get-Milliseconds $From $detach.Time
        WithoutHolderMs  = $stats.LongestWithoutHolder.TotalMilliseconds
        SeveralHoldersMs = $stats.LongestWithSeveralHolders.TotalMilliseconds
        Timeline         = @(Get-TrialTimeline $Cluster $From $To)
    }
}

function Measure-MasterReturn {
    <#
    .SYNOPSIS
        The preferred master, stopped or killed before, starts again and takes the Elastic IP back (a planned
        handover); waits until it alone holds it. Reports the longest stretches with no holder and with two.
    #>
    param([Parameter(Mandatory)] $Cluster)
    $node = $Cluster.Nodes[0]
    $start = [DateTimeOffset]::UtcNow
    Start-TestNode $Cluster $node | Out-Null
    Wait-ClusterSettled $Cluster -TimeoutSeconds 60
    $end = [DateTimeOffset]::UtcNow
    $started = Read-TestNodeEvent $node -Kind Started -CurrentStart | Select-Object -First 1
    $attach = Get-HolderHistory $Cluster.Emulator $Cluster.ElasticIp -Since $start |
        Where-Object { $_.InstanceId -eq $node.Id -and $_.Action -eq 'attach' } | Select-Object -First 1
    $stats = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $start -To $end
    [pscustomobject]@{
        At                 = $start
        AttachAfterStartMs = Get-Milliseconds $started.Time $attach.Time
        WithoutHolderMs    = $stats.LongestWithoutHolder.TotalMilliseconds
        SeveralHoldersMs   = $stats.LongestWithSeveralHolders.TotalMilliseconds
    }
}

function Get-TrialTimeline {
    # What a trial's picture shows: every node's events and every holder change between two moments.
    param($Cluster, [DateTimeOffset] $From, [DateTimeOffset] $To)
    foreach ($node in $Cluster.Nodes) {
        Read-TestNodeEvent $node -Since $From | Where-Object { $_.Time -le $To -and $_.Kind -in 'PeerDown', 'StateChanged', 'ApiAction', 'Stopped' } |
            ForEach-Object { [pscustomobject]@{ Node = $node.Name; AtMs = Get-Milliseconds $From $_.Time; Kind = $_.Kind; Message = $_.Message } }
    }
    foreach ($change in Get-HolderHistory $Cluster.Emulator $Cluster.ElasticIp -Since $From) {
        $node = $Cluster.Nodes | Where-Object Id -EQ $change.InstanceId
        [pscustomobject]@{ Node = $node.Name; AtMs = Get-Milliseconds $From $change.Time; Kind = 'Holder'; Message = $change.Action }
    }
}

function Invoke-FailoverSetting {
    <#
    .SYNOPSIS
        One setting of the failover table: a cluster, then -KillTrials SIGKILLs and -TermTrials SIGTERMs of the master
        in turn, each followed by the preferred master's return.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $LogDirectory,
        [double] $Interval = 1,
        [int] $DeadRatio = 3,
        [int] $ApiLatencyMs = 0,
        [int] $KillTrials = 10,
        [int] $TermTrials = 0,
        [hashtable] $Environment = @{}
    )
    Write-Host "Failover, $Name ($Interval s x $DeadRatio, API latency $ApiLatencyMs ms): $KillTrials kills, $TermTrials stops"
    $cluster = Start-BenchCluster -LogDirectory $LogDirectory -Interval $Interval -DeadRatio $DeadRatio -ApiLatencyMs $ApiLatencyMs -Environment $Environment
    $signals = @('KILL') * $KillTrials + @('TERM') * $TermTrials
    $losses = [Collections.Generic.List[object]]::new()
    $returns = [Collections.Generic.List[object]]::new()
    try {
        foreach ($signal in $signals) {
            $loss = Measure-MasterLoss $cluster $signal
            $losses.Add($loss)
            $return = Measure-MasterReturn $cluster
            $returns.Add($return)
            Write-Host ("  {0}: detected {1} ms, new holder {2} ms, old released {3} ms; return: {4} ms without, {5} ms with two" -f
                $signal, ($loss.DetectionMs ?? '–'), $loss.NewHolderMs, $loss.OldReleasedMs, $return.WithoutHolderMs, $return.SeveralHoldersMs)
        }
        $failures = @($cluster.Nodes | ForEach-Object { Get-TestNodeFailure $_ })
    }
    finally {
        Stop-TestCluster $cluster
    }
    [pscustomobject]@{
        Name = $Name; IntervalSeconds = $Interval; DeadRatio = $DeadRatio; ApiLatencyMs = $ApiLatencyMs
        FloorMs = $Interval * $DeadRatio * 1000
        Nodes = @($cluster.Nodes.Name); Losses = $losses.ToArray(); Returns = $returns.ToArray(); NodeFailures = $failures
    }
}

function Measure-SlowApi {
    <#
    .SYNOPSIS
        A healthy cluster whose attach and detach operations stay pending -OperationMs (the original's "API
        operations taking 4 s", under which it never settled): once the preferred master holds the Elastic IP,
        watches for -Seconds and counts holder changes, role changes and peers declared dead. The first
        -FootprintSeconds of the window also measure each node's idle footprint (none with 0; Footprint.ps1
        measures it after a warm-up).
    #>
    param([Parameter(Mandatory)] [string] $LogDirectory, [int] $Seconds = 60, [int] $OperationMs = 4000, [int] $FootprintSeconds = 30)
    Write-Host "Slow API: operations take $OperationMs ms, watching $Seconds s"
    $begin = [DateTimeOffset]::UtcNow
    $cluster = Start-BenchCluster -LogDirectory $LogDirectory -OperationDelayMs $OperationMs -SettleTimeoutSeconds 120
    try {
        $settled = [DateTimeOffset]::UtcNow
        $footprint = if ($FootprintSeconds -gt 0) { Measure-IdleFootprint $cluster -Seconds $FootprintSeconds }
        Start-Sleep -Milliseconds ([math]::Max(0, ($settled.AddSeconds($Seconds) - [DateTimeOffset]::UtcNow).TotalMilliseconds))
        $end = [DateTimeOffset]::UtcNow
        $stats = Get-HolderStats $cluster.Emulator $cluster.ElasticIp -From $settled -To $end
        $events = $cluster.Nodes | ForEach-Object { Read-TestNodeEvent $_ -Since $settled }
        [pscustomobject]@{
            OperationMs     = $OperationMs
            WindowSeconds   = $Seconds
            SettleSeconds   = [math]::Round(($settled - $begin).TotalSeconds, 1)
            HolderChanges   = $stats.Changes
            WithoutHolderMs = $stats.LongestWithoutHolder.TotalMilliseconds
            RoleChanges     = @($events | Where-Object Kind -EQ 'StateChanged').Count
            FalseDeaths     = @($events | Where-Object Kind -EQ 'PeerDown').Count
            HoldersAtEnd    = $stats.HoldersNow.Count
            Footprint       = $footprint
            NodeFailures    = @($cluster.Nodes | ForEach-Object { Get-TestNodeFailure $_ })
        }
    }
    finally {
        Stop-TestCluster $cluster
    }
}

function Get-ProcessSample([int] $ProcessId) {
    # CPU time (user + system, clock ticks) and resident memory of a process, from /proc.
    $stat = Get-Content "/proc/$ProcessId/stat" -Raw
    # Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    $rss = (Select-String -Path "/proc/$ProcessId/status" -Pattern '^VmRSS:\s+(\d+) kB').Matches[0].Groups[1].Value
    [pscustomobject]@{ At = [Diagnostics.Stopwatch]::GetTimestamp(); Ticks = [long]$fields[11] + [long]$fields[12]; RssKiB = [long]$rss }
}

function Measure-IdleFootprint {
    <#
    .SYNOPSIS
        CPU (% of one core) and resident memory of each node of a settled cluster over -Seconds, and the API
        requests the idle cluster made meanwhile.
    #>
    param([Parameter(Mandatory)] $Cluster, [int] $Seconds = 30)
    Write-Host "Idle footprint over $Seconds s"
    $ticksPerSecond = [double](& getconf CLK_TCK)
    $since = [DateTimeOffset]::UtcNow
    $before = $Cluster.Nodes | ForEach-Object { Get-ProcessSample $_.Process.Id }
    Start-Sleep -Seconds $Seconds
    $after = $Cluster.Nodes | ForEach-Object { Get-ProcessSample $_.Process.Id }
    # API requests (the log also holds metadata ones, which nodes given their instance id never make).
    $requests = @(Invoke-Emulator $Cluster.Emulator GET "requests?since=$([uri]::EscapeDataString($since.ToString('O')))" |
        ForEach-Object { $_ } | Where-Object path -Like '/v2/*')
    $nodes = for ($i = 0; $i -lt $Cluster.Nodes.Count; $i++) {
        $elapsed = ($after[$i].At - $before[$i].At) / [Diagnostics.Stopwatch]::Frequency
        [pscustomobject]@{
            Node          = $Cluster.Nodes[$i].Name
            Role          = Get-TestNodeRole $Cluster.Nodes[$i]
            CpuPercent    = [math]::Round(100 * ($after[$i].Ticks - $before[$i].Ticks) / $ticksPerSecond / $elapsed, 2)
            ResidentMiB   = [math]::Round($after[$i].RssKiB / 1024, 1)
        }
    }
    [pscustomobject]@{ WindowSeconds = $Seconds; IntervalSeconds = $Cluster.Interval; ApiRequests = $requests.Count; Nodes = @($nodes) }
}

# ---- Service-aware failover: each node's health check probes a service of its own, which the trials kill ----

function Get-FreeTcpPort([string] $Address) {
    # A port the OS finds free on one node's address; every node's service listens on it on its own address.
    $listener = [Net.Sockets.TcpListener]::new([ipaddress]$Address, 0)
    try { $listener.Start(); $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-BenchService {
    <#
    .SYNOPSIS
        Starts (or starts again) a node's service, `ExoIp.Bench service`, a process of its own; returns once it
        listens, with the moment it began to (its own clock: this machine's) in the service's ListeningAt.
    #>
    param([Parameter(Mandatory)] $Service, [double] $TimeoutSeconds = 30)
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $Service.Tool, 'service', '--listen', $Service.EndPoint) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $Service.Runs.Add($process)
    $Service.Process = $process
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([timespan]::FromSeconds($TimeoutSeconds)) -or $line.Result -notmatch '^Listening on \S+ since (?<since>\S+)\.$') {
        $problem = $process.HasExited ? $process.StandardError.ReadToEnd().Trim() : "no 'Listening' line in $TimeoutSeconds s"
        throw "The service on $($Service.EndPoint) did not start: $problem"
    }
    $Service.ListeningAt = [DateTimeOffset]::Parse($Matches.since, [Globalization.CultureInfo]::InvariantCulture)
    $Service
}

function Stop-BenchService($Service) {
    foreach ($run in $Service.Runs) { Stop-TestProcess $run }
}

function Measure-ServiceLoss {
    <#
    .SYNOPSIS
        One trial: SIGKILL of the master's service (its watchdog stays up); waits until the second node alone
        holds the Elastic IP and the master says it is in Fault. Times are from the kill: the master's
        HealthChanged (unhealthy) and its Fault role, the successor's becoming master (their events), the
        successor's attach and the master's detach as the API applied them (the emulator's history); plus the
        longest stretches with no holder and with two.
    #>
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Service)
    $master, $successor = $Cluster.Nodes[0], $Cluster.Nodes[1]
    $start = [DateTimeOffset]::UtcNow
    $Service.Process.Kill()
    Wait-SoleHolder $Cluster $successor -TimeoutSeconds 30
    Wait-Until -TimeoutSeconds 10 -Because "$($master.Name) is in Fault and $($successor.Name) logs its attach" {
        (Get-TestNodeRole $master) -eq 'Fault' -and (Read-TestNodeEvent $successor -Kind ApiAction -Match '^Attach .*: done' -Since $start)
    }
    $end = [DateTimeOffset]::UtcNow
    if ($master.Process.HasExited) { throw "$($master.Name)'s watchdog exited when its service was killed." }

    $unhealthy = Read-TestNodeEvent $master -Kind HealthChanged -Match '^Unhealthy' -Since $start | Select-Object -First 1
    $fault = Read-TestNodeEvent $master -Kind StateChanged -Match '-> Fault' -Since $start | Select-Object -First 1
    $figures = Get-HandoverFigures $Cluster $master $successor $start $end
    $trial = [ordered]@{
        At              = $start
        UnhealthyMs     = Get-Milliseconds $start $unhealthy.Time
        FaultMs         = Get-Milliseconds $start $fault.Time
        # One API operation: the successor's attach, from its decision to the API applying it.
        ApiOperationMs  = $null -eq $figures.BecameMasterMs -or $null -eq $figures.NewHolderMs ? $null : [math]::Round($figures.NewHolderMs - $figures.BecameMasterMs, 1)
        # Make-before-break: the successor holds it alone once both the attach and the detach applied.
        SoleHolderMs    = $null -eq $figures.NewHolderMs -or $null -eq $figures.OldReleasedMs ? $null : [math]::Max($figures.NewHolderMs, $figures.OldReleasedMs)
    }
    [pscustomobject]($trial + $figures)
}

function Measure-ServiceReturn {
    <#
    .SYNOPSIS
        The master's service starts again; waits until the master, healthy after rise passed rounds, alone holds
        the Elastic IP again (default preemption). Times are from the moment the service listens.
    #>
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Service)
    $master = $Cluster.Nodes[0]
    $trialStart = [DateTimeOffset]::UtcNow
    Start-BenchService $Service | Out-Null
    $start = $Service.ListeningAt
    Wait-ClusterSettled $Cluster -TimeoutSeconds 60
    $end = [DateTimeOffset]::UtcNow
    $healthy = Read-TestNodeEvent $master -Kind HealthChanged -Match '^Healthy' -Since $trialStart | Select-Object -First 1
    $history = @(Get-HolderHistory $Cluster.Emulator $Cluster.ElasticIp -Since $trialStart)
    $attach = $history | Where-Object { $_.InstanceId -eq $master.Id -and $_.Action -eq 'attach' } | Select-Object -First 1
    $stats = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $trialStart -To $end
    [pscustomobject]@{
        At               = $start
        HealthyMs        = Get-Milliseconds $start $healthy.Time
        AttachMs         = Get-Milliseconds $start $attach.Time
        WithoutHolderMs  = $stats.LongestWithoutHolder.TotalMilliseconds
        SeveralHoldersMs = $stats.LongestWithSeveralHolders.TotalMilliseconds
    }
}

function Invoke-ServiceFailoverSetting {
    <#
    .SYNOPSIS
        The service-aware failover row: three nodes whose tcp health check probes a service of their own
        (`ExoIp.Bench service` on the node's address), then -Trials SIGKILLs of the master's service, each
        followed by its restart and the master's return.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $LogDirectory,
        [Parameter(Mandatory)] [string] $Tool,
        [double] $Interval = 0.1,
        [int] $DeadRatio = 3,
        [double] $CheckInterval = 0.2,
        [int] $Fall = 3,
        [int] $Rise = 2,
        [int] $Trials = 10
    )
    Write-Host "Service-aware failover, $Name (adverts $Interval s x $DeadRatio, checks $CheckInterval s, fall $Fall, rise $Rise): $Trials service kills"
    $addresses = '127.0.2.1', '127.0.2.2', '127.0.2.3'
    $port = Get-FreeTcpPort $addresses[0]
    $services = foreach ($address in $addresses) {
        [pscustomobject]@{ Tool = $Tool; EndPoint = "${address}:$port"; Process = $null; Runs = [Collections.Generic.List[object]]::new(); ListeningAt = $null }
    }
    $invariant = [Globalization.CultureInfo]::InvariantCulture
    $checks = @{
        IF_HEALTH_CHECK_INTERVAL = $CheckInterval.ToString($invariant); IF_HEALTH_CHECK_FALL = $Fall; IF_HEALTH_CHECK_RISE = $Rise
    }
    $losses = [Collections.Generic.List[object]]::new()
    $returns = [Collections.Generic.List[object]]::new()
    $cluster = $null
    try {
        $services | ForEach-Object { Start-BenchService $_ } | Out-Null
        $cluster = Start-BenchCluster -LogDirectory $LogDirectory -Interval $Interval -DeadRatio $DeadRatio -Environment $checks `
            -NodeEnvironment { param($node) @{ IF_HEALTH_CHECK = "tcp://$($node.Address):$port" } }.GetNewClosure()
        for ($i = 0; $i -lt $Trials; $i++) {
            $loss = Measure-ServiceLoss $cluster $services[0]
            $losses.Add($loss)
            $return = Measure-ServiceReturn $cluster $services[0]
            $returns.Add($return)
            Write-Host ("  service kill: unhealthy {0} ms, backup attached {1} ms, alone {2} ms, {3} ms without a holder; return: attached {4} ms after the service listens, {5} ms without a holder" -f
                ($loss.UnhealthyMs ?? '–'), $loss.NewHolderMs, $loss.SoleHolderMs, $loss.WithoutHolderMs, $return.AttachMs, $return.WithoutHolderMs)
        }
        $failures = @($cluster.Nodes | ForEach-Object { Get-TestNodeFailure $_ })
    }
    finally {
        if ($cluster) { Stop-TestCluster $cluster }
        $services | ForEach-Object { Stop-BenchService $_ }
    }
    [pscustomobject]@{
        Name = $Name; IntervalSeconds = $Interval; DeadRatio = $DeadRatio; CheckIntervalSeconds = $CheckInterval; Fall = $Fall; Rise = $Rise
        Nodes = @($cluster.Nodes.Name); Losses = $losses.ToArray(); Returns = $returns.ToArray(); NodeFailures = $failures
    }
}
