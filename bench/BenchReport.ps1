# Turns the benchmark's results into figures: distributions, the Markdown tables of bench/README.md, and the
# failover timeline picture (SVG, written here: no external tool). Dot-sourced by Invoke-Bench.ps1.

$script:Invariant = [Globalization.CultureInfo]::InvariantCulture

# The original exoip 0.4.3's figures, measured on another run (3 nodes on loopback, legacy-API fake), for comparison.
$script:Original = [ordered]@{
    source                = 'exoip 0.4.3 built from source, 3 nodes on loopback against a legacy-API fake; measured on another run, not by this script'
    failoverMedianMs      = 2900
    failoverMinMs         = 2180
    failoverMaxMs         = 3590
    plannedStopGapMs      = @(3000, 3800)
    returningMasterGapMs  = @(2100, 2950)
    slowApi               = 'never settled: 20 holder changes in 45 s, no holder for 24 of 42 s'
    idleCpuPercent        = 0.1
    idleResidentMiB       = 7
}

function Get-Distribution {
    # N, min, median, 95th percentile (nearest rank) and max of the values that are not null; null when none is.
    param([object[]] $Values)
    $sorted = @($Values | Where-Object { $null -ne $_ } | ForEach-Object { [double]$_ } | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $n = $sorted.Count
    $median = $n % 2 ? $sorted[($n - 1) / 2] : ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
    [pscustomobject]@{ N = $n; Min = $sorted[0]; Median = $median; P95 = $sorted[[math]::Ceiling(0.95 * $n) - 1]; Max = $sorted[-1] }
}

function Get-FailoverSummary {
    # A setting's trials as distributions, each timing also as a ratio to interval x dead ratio.
    param([Parameter(Mandatory)] $Setting)
    $kills = @($Setting.Losses | Where-Object Signal -EQ 'KILL')
    $stops = @($Setting.Losses | Where-Object Signal -EQ 'TERM')
    $ratioTo = { param($d, $floorMs) if ($d) { [pscustomobject]@{ Median = $d.Median / $floorMs; P95 = $d.P95 / $floorMs } } }
    $ratio = { param($d) & $ratioTo $d $Setting.FloorMs }
    $detection = Get-Distribution $kills.DetectionMs
    $newHolder = Get-Distribution $kills.NewHolderMs
    $oldReleased = Get-Distribution $kills.OldReleasedMs
    # A returning node's start-up hold-off: the dead time and a skew of 100 ms.
    $holdOffMs = $Setting.FloorMs + 100
    $returnHolds = Get-Distribution $Setting.Returns.AttachAfterStartMs
    [pscustomobject]@{
        Name = $Setting.Name; FloorMs = $Setting.FloorMs; Kills = $kills.Count; Stops = $stops.Count; Returns = @($Setting.Returns).Count
        DetectionMs = $detection; DetectionRatio = & $ratio $detection
        NewHolderMs = $newHolder; NewHolderRatio = & $ratio $newHolder
        OldReleasedMs = $oldReleased; OldReleasedRatio = & $ratio $oldReleased
        StopWithoutHolderMs = Get-Distribution $stops.WithoutHolderMs
        StopSeveralHoldersMs = Get-Distribution $stops.SeveralHoldersMs
        StopNewHolderMs = Get-Distribution $stops.NewHolderMs
        ReturnWithoutHolderMs = Get-Distribution $Setting.Returns.WithoutHolderMs
        ReturnSeveralHoldersMs = Get-Distribution $Setting.Returns.SeveralHoldersMs
        HoldOffMs = $holdOffMs; ReturnHoldsMs = $returnHolds; ReturnHoldsRatio = & $ratioTo $returnHolds $holdOffMs
    }
}

function Get-ServiceFailoverSummary {
    <#
    .SYNOPSIS
        The service-aware failover's trials as distributions. The floor of a handover is fall x check interval
        (the failed rounds it takes to turn unhealthy) plus one API operation (the successor's attach, from its
        decision to the API applying it: the median of the trials); the return's is rise x check interval.
    #>
    param([Parameter(Mandatory)] $Setting)
    $apiOperation = Get-Distribution $Setting.Losses.ApiOperationMs
    $floor = $Setting.Fall * $Setting.CheckIntervalSeconds * 1000 + ($apiOperation ? $apiOperation.Median : 0)
    $returnFloor = $Setting.Rise * $Setting.CheckIntervalSeconds * 1000
    $ratio = { param($d, $f) if ($d) { [pscustomobject]@{ Median = $d.Median / $f; P95 = $d.P95 / $f } } }
    $unhealthy = Get-Distribution $Setting.Losses.UnhealthyMs
    $newHolder = Get-Distribution $Setting.Losses.NewHolderMs
    $soleHolder = Get-Distribution $Setting.Losses.SoleHolderMs
    $healthy = Get-Distribution $Setting.Returns.HealthyMs
    $returned = Get-Distribution $Setting.Returns.AttachMs
    [pscustomobject]@{
        Name = $Setting.Name; IntervalSeconds = $Setting.IntervalSeconds; DeadRatio = $Setting.DeadRatio
        CheckIntervalSeconds = $Setting.CheckIntervalSeconds; Fall = $Setting.Fall; Rise = $Setting.Rise
        Trials = @($Setting.Losses).Count; Returns = @($Setting.Returns).Count
        FloorMs = $floor; ApiOperationMs = $apiOperation
        UnhealthyMs = $unhealthy; UnhealthyRatio = & $ratio $unhealthy $floor
        NewHolderMs = $newHolder; NewHolderRatio = & $ratio $newHolder $floor
        SoleHolderMs = $soleHolder; SoleHolderRatio = & $ratio $soleHolder $floor
        WithoutHolderMs = Get-Distribution $Setting.Losses.WithoutHolderMs
        SeveralHoldersMs = Get-Distribution $Setting.Losses.SeveralHoldersMs
        ReturnFloorMs = $returnFloor
        ReturnHealthyMs = $healthy; ReturnHealthyRatio = & $ratio $healthy $returnFloor
        ReturnAttachMs = $returned; ReturnAttachRatio = & $ratio $returned $returnFloor
        ReturnWithoutHolderMs = Get-Distribution $Setting.Returns.WithoutHolderMs
        ReturnSeveralHoldersMs = Get-Distribution $Setting.Returns.SeveralHoldersMs
    }
}

function Get-MachineInfo {
    # What the figures came from: cores, CPU model, memory, and how loaded the machine was at the start.
    $model = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value
    $memory = [long](Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+) kB').Matches.Groups[1].Value
    [ordered]@{
        nproc       = [int](& nproc)
        cpuModel    = $model
        memoryGiB   = [math]::Round($memory / 1MB, 1)
        loadAverage = (Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' '
        os          = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        dotnet      = [Environment]::Version.ToString()
        pwsh        = $PSVersionTable.PSVersion.ToString()
    }
}

function Format-Seconds($Milliseconds, [int] $Digits = 2) {
    if ($null -eq $Milliseconds) { return '–' }
    ([double]$Milliseconds / 1000).ToString("F$Digits", $script:Invariant) + ' s'
}

function Format-Number($Value, [string] $Format = 'F1') {
    if ($null -eq $Value) { return '–' }
    ([double]$Value).ToString($Format, $script:Invariant)
}

function Format-Timing($Distribution, $Ratio) {
    # "median / p95 (ratio median / ratio p95)"
    if (-not $Distribution) { return '–' }
    '{0} / {1} ({2}× / {3}×)' -f (Format-Seconds $Distribution.Median), (Format-Seconds $Distribution.P95),
        (Format-Number $Ratio.Median 'F2'), (Format-Number $Ratio.P95 'F2')
}

function Format-Worst($Distribution) {
    if (-not $Distribution) { return '–' }
    '{0} (of {1})' -f (Format-Seconds $Distribution.Max 3), $Distribution.N
}

function ConvertTo-BenchMarkdown {
    # The README section: the machine, then one table per measurement, the original's figures beside ours.
    param([Parameter(Mandatory)] $Results)
    $m = $Results.machine
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add("Latest run: $($Results.startedAt) ($($Results.quick ? 'quick' : 'full'), $(Format-Number $Results.durationSeconds 'F0') s), on $($m.nproc) × $($m.cpuModel) (nproc $($m.nproc)), $($m.memoryGiB) GiB RAM, $($m.os), .NET $($m.dotnet), pwsh $($m.pwsh). Load average at the start: $($m.loadAverage): **the machine was shared with other builds and tests, so every timing below is from a loaded machine.**")
    $lines.Add('')
    $lines.Add('### Unplanned failover: SIGKILL of the master (3 nodes, times from the kill)')
    $lines.Add('')
    $lines.Add('Each cell: median / p95, and in brackets the same as a ratio to the floor, interval × dead ratio.')
    $lines.Add('')
    $lines.Add('| setting | floor | trials | detection (PeerDown on the successor) | new master holds the EIP | old master no longer holds it |')
    $lines.Add('|---|---|---|---|---|---|')
    foreach ($s in $Results.failover) {
        $lines.Add("| $($s.Name) | $(Format-Seconds $s.FloorMs 1) | $($s.Kills) | $(Format-Timing $s.DetectionMs $s.DetectionRatio) | $(Format-Timing $s.NewHolderMs $s.NewHolderRatio) | $(Format-Timing $s.OldReleasedMs $s.OldReleasedRatio) |")
    }
    $o = $script:Original
    $lines.Add("| *original exoip 0.4.3, 1 s × 3, instant API (measured on another run)* | 3.0 s | 10 | – | $(Format-Seconds $o.failoverMedianMs) median (min $(Format-Seconds $o.failoverMinMs), max $(Format-Seconds $o.failoverMaxMs)) | – |")
    $lines.Add('')
    $lines.Add('### Planned handovers: longest moment with no holder / with two holders (worst trial)')
    $lines.Add('')
    $lines.Add('| setting | SIGTERM of the master: no holder | SIGTERM: two holders | preferred master returning: no holder | returning: two holders |')
    $lines.Add('|---|---|---|---|---|')
    foreach ($s in $Results.failover) {
        $lines.Add("| $($s.Name) | $(Format-Worst $s.StopWithoutHolderMs) | $(Format-Worst $s.StopSeveralHoldersMs) | $(Format-Worst $s.ReturnWithoutHolderMs) | $(Format-Worst $s.ReturnSeveralHoldersMs) |")
    }
    $lines.Add("| *original exoip 0.4.3, 1 s × 3 (measured on another run)* | $(Format-Seconds $o.plannedStopGapMs[0] 1)–$(Format-Seconds $o.plannedStopGapMs[1] 1) | – | $(Format-Seconds $o.returningMasterGapMs[0] 1)–$(Format-Seconds $o.returningMasterGapMs[1] 2) | – |")
    $lines.Add('')
    $lines.Add('### The preferred master returning: from its start (its Started event) to its attach applied')
    $lines.Add('')
    $lines.Add('Each cell: median / p95, and in brackets the ratio to its start-up hold-off (interval × dead ratio + 0.1 s), which a node that hears every peer ends sooner.')
    $lines.Add('')
    $lines.Add('| setting | hold-off | returns | holds the EIP again |')
    $lines.Add('|---|---|---|---|')
    foreach ($s in $Results.failover) {
        $lines.Add("| $($s.Name) | $(Format-Seconds $s.HoldOffMs 1) | $($s.Returns) | $(Format-Timing $s.ReturnHoldsMs $s.ReturnHoldsRatio) |")
    }
    $lines.Add('')
    if ($Results.serviceFailover) {
        $s = $Results.serviceFailover
        $lines.Add("### Service-aware failover: SIGKILL of the master's service, its watchdog up (3 nodes, times from the kill)")
        $lines.Add('')
        $lines.Add("Each node's tcp health check probes a service of its own; adverts $(Format-Number $s.IntervalSeconds 'G') s × $($s.DeadRatio), checks every $(Format-Number $s.CheckIntervalSeconds 'G') s, fall $($s.Fall), rise $($s.Rise). Each cell: median / p95, and in brackets the ratio to the floor, fall × check interval + one API operation (the successor's attach from its decision to the API applying it: $(Format-Seconds $s.ApiOperationMs.Median 3) median, $(Format-Seconds $s.ApiOperationMs.P95 3) p95).")
        $lines.Add('')
        $lines.Add('| setting | floor | trials | master unhealthy (its HealthChanged) | EIP on the backup (its attach applied) | backup alone holds it (the master''s detach applied) | no holder (worst trial) | two holders (worst trial) |')
        $lines.Add('|---|---|---|---|---|---|---|---|')
        $lines.Add("| $($s.Name) | $(Format-Seconds $s.FloorMs 2) | $($s.Trials) | $(Format-Timing $s.UnhealthyMs $s.UnhealthyRatio) | $(Format-Timing $s.NewHolderMs $s.NewHolderRatio) | $(Format-Timing $s.SoleHolderMs $s.SoleHolderRatio) | $(Format-Worst $s.WithoutHolderMs) | $(Format-Worst $s.SeveralHoldersMs) |")
        $lines.Add('')
        $lines.Add('The service back (times from the moment it listens again; in brackets the ratio to rise × check interval): the master takes the Elastic IP back.')
        $lines.Add('')
        $lines.Add('| floor | master healthy again | master holds the EIP | no holder (worst trial) | two holders (worst trial) |')
        $lines.Add('|---|---|---|---|---|')
        $lines.Add("| $(Format-Seconds $s.ReturnFloorMs 2) | $(Format-Timing $s.ReturnHealthyMs $s.ReturnHealthyRatio) | $(Format-Timing $s.ReturnAttachMs $s.ReturnAttachRatio) | $(Format-Worst $s.ReturnWithoutHolderMs) | $(Format-Worst $s.ReturnSeveralHoldersMs) |")
        $lines.Add('')
    }
    if ($Results.slowApi) {
        $slow = $Results.slowApi
        $lines.Add("### Slow API: attach and detach operations take $(Format-Seconds $slow.OperationMs 0), healthy cluster (1 s × 3) watched for $($slow.WindowSeconds) s")
        $lines.Add('')
        $lines.Add('| | holder changes | role changes | peers declared dead | holders at the end |')
        $lines.Add('|---|---|---|---|---|')
        $lines.Add("| ExoIp (settled $(Format-Number $slow.SettleSeconds) s after the start) | $($slow.HolderChanges) | $($slow.RoleChanges) | $($slow.FalseDeaths) | $($slow.HoldersAtEnd) |")
        $lines.Add("| *original exoip 0.4.3, 4 s operations (measured on another run)* | $($o.slowApi) | | | |")
        $lines.Add('')
    }
    if ($Results.footprint) {
        $lines.Add('<!-- footprint:begin -->')
        $lines.Add((ConvertTo-FootprintMarkdown $Results.footprint $Results.peers))
        $lines.Add('<!-- footprint:end -->')
        $lines.Add('')
    }
    if ($Results.peers) {
        $p = $Results.peers
        $lines.Add("### $($p.nodes) peers in one process, $($p.intervalMs) ms adverts × $($p.deadRatio), watched for $($p.windowSeconds) s")
        $lines.Add('')
        $lines.Add('| false deaths | holder changes | adverts sent / accepted | API calls | CPU, % of one core (whole process) | resident memory (whole process) | per engine |')
        $lines.Add('|---|---|---|---|---|---|---|')
        $lines.Add("| $($p.falseDeaths) | $($p.holderChanges) | $($p.advertisementsSent) / $($p.advertisementsAccepted) | $($p.apiCalls) | $(Format-Number $p.cpuPercentOfOneCore) % | $(Format-Number $p.residentMiB 'F0') MiB | $(Format-Number ($p.residentKiBPerEngine / 1024) 'F2') MiB |")
        $lines.Add('')
    }
    if ($Results.micro) {
        $lines.Add("### Hot path (BenchmarkDotNet 0.15.8, in process$($Results.micro.quick ? ', quick job' : ''))")
        $lines.Add('')
        $lines.Add('| benchmark | mean | median | p95 | per second, one core | allocated |')
        $lines.Add('|---|---|---|---|---|---|')
        foreach ($b in $Results.micro.benchmarks) {
            $lines.Add("| $($b.name) | $(Format-Number $b.meanNs) ns | $(Format-Number $b.medianNs) ns | $(Format-Number $b.p95Ns) ns | $(Format-Number ($b.operationsPerSecond / 1e6) 'F1') M | $($b.allocatedBytesPerOperation) B |")
        }
        $lines.Add('')
    }
    $lines -join "`n"
}

function ConvertTo-FootprintMarkdown {
    # The footprint section (its own function: -FootprintOnly rewrites just this part of RESULTS.md), with the
    # 50-engine row when -Peers is given.
    param([Parameter(Mandatory)] $f, $Peers)
    $o = $script:Original
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add("### Footprint: $($f.IntervalSeconds) s adverts, each watchdog with two live peers")
    $lines.Add('')
    $lines.Add("CPU is % of one core from the kernel's per-thread run time (/proc/<pid>/task/*/schedstat, plus the ticks of threads that exited): over the first $($f.EarlySeconds) s from the start, and idle over $($f.WindowSeconds) s after a $($f.WarmupSeconds) s warm-up. Memory over the idle window from smaps_rollup, sampled every 5 s: RSS mean / max (growth over the window), PSS mean. System calls per second from ``strace -c -f`` over $($f.StraceSeconds) s after the window (with the three most frequent). A process tree counts whole (keepalived: parent + VRRP child).")
    foreach ($reason in $f.Missing) { $lines.Add(''); $lines.Add("Not measured: $reason.") }
    $lines.Add('')
    $lines.Add('| process | role | first s: CPU | idle: CPU | idle: RSS (mean / max, growth) | idle: PSS | threads | system calls / s (most frequent) | file |')
    $lines.Add('|---|---|---|---|---|---|---|---|---|')
    foreach ($r in $f.Rows) {
        $calls = if ($null -ne $r.SyscallsPerSecond) { "$(Format-Number $r.SyscallsPerSecond 'F1') ($($r.TopSyscalls))" } else { 'no strace' }
        $file = if ($r.FileBytes) { "$(Format-Number ($r.FileBytes / 1MB) 'F2') MiB" } else { '' }
        $lines.Add("| $($r.Process) | $($r.Role) | $(Format-Number $r.EarlyCpuPercent 'F3') % | $(Format-Number $r.IdleCpuPercent 'F3') % | $(Format-Number $r.IdleResidentMiB) / $(Format-Number $r.IdleResidentMaxMiB) MiB ($(Format-Number $r.IdleResidentGrowthMiB) MiB) | $(Format-Number $r.IdleProportionalMiB) MiB | $($r.Threads) | $calls | $file |")
    }
    if ($Peers) {
        $lines.Add("| $($Peers.nodes) engines in one process (ExoIp.Bench peers), $($Peers.intervalMs) ms × $($Peers.deadRatio), over $($Peers.windowSeconds) s | $($Peers.falseDeaths) false deaths | | $(Format-Number $Peers.cpuPercentOfOneCore) % | $(Format-Number $Peers.residentMiB 'F0') MiB | | | | |")
    }
    $lines.Add("| *original exoip 0.4.3 (measured on another run)* | | | $($o.idleCpuPercent) % | $($o.idleResidentMiB) MiB | | | | |")
    $job = $f.Rows | Where-Object Process -Like '*AsJob*'
    $imported = $f.Rows | Where-Object Process -Like '*module imported*'
    $bare = $f.Rows | Where-Object Process -Like 'bare pwsh*'
    if ($job -and $imported -and $bare) {
        $lines.Add('')
        $lines.Add("What an -AsJob watchdog adds to a pwsh that already imported the module: idle $(Format-Number ($job.IdleCpuPercent - $imported.IdleCpuPercent) 'F3') % CPU, $(Format-Number ($job.IdleResidentMiB - $imported.IdleResidentMiB)) MiB RSS, $(Format-Number ($job.IdleProportionalMiB - $imported.IdleProportionalMiB)) MiB PSS; in the first $($f.EarlySeconds) s $(Format-Number ($job.EarlyCpuPercent - $imported.EarlyCpuPercent) 'F2') % CPU. Importing the module adds $(Format-Number ($imported.IdleResidentMiB - $bare.IdleResidentMiB)) MiB to a bare pwsh.")
    }
    $lines.Add('')
    $lines -join "`n"
}

function ConvertTo-TimelineSvg {
    <#
    .SYNOPSIS
        One failover as a picture: a lane per node with its holding of the Elastic IP (as the API applied it) and
        its events, time in ms from the signal, and the floor (interval x dead ratio) marked.
    #>
    param([Parameter(Mandatory)] $Trial, [Parameter(Mandatory)] [double] $FloorMs, [Parameter(Mandatory)] [string[]] $Nodes, [string] $Title)
    $left, $top, $width = 150, 50, 900
    # Room in each lane for the bar and one label line per event of the busiest lane.
    $busiest = ($Trial.Timeline | Where-Object Kind -NE 'Holder' | Group-Object Node | Measure-Object Count -Maximum).Maximum
    $laneHeight = 50 + 11 * [math]::Max(1, $busiest)
    $end = [math]::Max($FloorMs, ($Trial.Timeline | Measure-Object AtMs -Maximum).Maximum) * 1.15
    $start = -0.1 * $end
    $x = { param($ms) $left + ($ms - $start) / ($end - $start) * ($width - $left - 20) }
    $f = { param($v) ([double]$v).ToString('F1', $script:Invariant) }
    $height = $top + $laneHeight * $Nodes.Count + 50
    $svg = [Text.StringBuilder]::new()
    [void]$svg.AppendLine("<svg xmlns=`"http://www.w3.org/2000/svg`" width=`"$width`" height=`"$height`" font-family=`"sans-serif`" font-size=`"11`">")
    [void]$svg.AppendLine("<rect width=`"$width`" height=`"$height`" fill=`"white`"/>")
    [void]$svg.AppendLine("<text x=`"10`" y=`"20`" font-size=`"14`" font-weight=`"bold`">$([Security.SecurityElement]::Escape($Title))</text>")
    # Time axis: a tick every step, and the signal and the floor as vertical lines.
    $step = $end -gt 2000 ? 500 : 100
    $axisY = $top + $laneHeight * $Nodes.Count + 10
    for ([long] $t = [math]::Ceiling($start / $step) * $step; $t -le $end; $t += $step) {
        $tx = & $f (& $x $t)
        [void]$svg.AppendLine("<line x1=`"$tx`" y1=`"$top`" x2=`"$tx`" y2=`"$axisY`" stroke=`"#eee`"/><text x=`"$tx`" y=`"$($axisY + 14)`" text-anchor=`"middle`" fill=`"#555`">$t ms</text>")
    }
    $zero, $floor = (& $f (& $x 0)), (& $f (& $x $FloorMs))
    [void]$svg.AppendLine("<line x1=`"$zero`" y1=`"$($top - 10)`" x2=`"$zero`" y2=`"$axisY`" stroke=`"#c00`" stroke-width=`"2`"/><text x=`"$zero`" y=`"$($top - 14)`" fill=`"#c00`" text-anchor=`"middle`">SIG$($Trial.Signal)</text>")
    [void]$svg.AppendLine("<line x1=`"$floor`" y1=`"$($top - 10)`" x2=`"$floor`" y2=`"$axisY`" stroke=`"#888`" stroke-dasharray=`"4 3`"/><text x=`"$floor`" y=`"$($top - 14)`" fill=`"#555`" text-anchor=`"middle`">interval × dead ratio</text>")
    $markers = @{ PeerDown = '#d97706'; StateChanged = '#2563eb'; ApiAction = '#7c3aed'; Stopped = '#000' }
    for ($i = 0; $i -lt $Nodes.Count; $i++) {
        $node = $Nodes[$i]
        $y = $top + $laneHeight * $i
        [void]$svg.AppendLine("<text x=`"10`" y=`"$($y + 24)`">$node</text>")
        # Holding: from the first attach (or the start, for the master) to the first detach (or the end).
        $changes = @($Trial.Timeline | Where-Object { $_.Node -eq $node -and $_.Kind -eq 'Holder' } | Sort-Object AtMs)
        $heldAtStart = $i -eq 0
        $from = $heldAtStart ? $start : ($changes | Where-Object Message -EQ 'attach' | Select-Object -First 1).AtMs
        if ($null -ne $from) {
            $detach = ($changes | Where-Object { $_.Message -eq 'detach' -and $_.AtMs -ge $from } | Select-Object -First 1).AtMs
            $to = $detach ?? $end
            [void]$svg.AppendLine("<rect x=`"$(& $f (& $x $from))`" y=`"$($y + 12)`" width=`"$(& $f ((& $x $to) - (& $x $from)))`" height=`"18`" fill=`"#16a34a`" opacity=`"0.75`"><title>holds the Elastic IP</title></rect>")
        }
        $events = @($Trial.Timeline | Where-Object { $_.Node -eq $node -and $_.Kind -ne 'Holder' } | Sort-Object AtMs)
        for ($j = 0; $j -lt $events.Count; $j++) {
            $e = $events[$j]
            $ex = & $f (& $x $e.AtMs)
            # What happened in a word or two: the action (Attach, Detach, Check), the new role, or the kind.
            $what = switch ($e.Kind) {
                'ApiAction' { ($e.Message -split ' ')[0] }
                'StateChanged' { if ($e.Message -match '-> (\w+):') { "→ $($Matches[1])" } else { $e.Kind } }
                default { $e.Kind }
            }
            $label = [Security.SecurityElement]::Escape("$what +$([math]::Round($e.AtMs)) ms")
            [void]$svg.AppendLine("<circle cx=`"$ex`" cy=`"$($y + 40)`" r=`"4`" fill=`"$($markers[$e.Kind])`"><title>$([Security.SecurityElement]::Escape("$($e.Kind): $($e.Message)"))</title></circle>")
            [void]$svg.AppendLine("<text x=`"$ex`" y=`"$($y + 56 + 11 * $j)`" font-size=`"9`" fill=`"$($markers[$e.Kind])`">$label</text>")
        }
    }
    [void]$svg.AppendLine("<text x=`"10`" y=`"$($height - 8)`" fill=`"#555`">green: holds the Elastic IP (as the API applied it); orange: PeerDown; blue: role change; violet: API action done</text>")
    [void]$svg.AppendLine('</svg>')
    $svg.ToString()
}
