# The footprint of an idle watchdog, per host, measured the honest way: the first seconds after the start (when
# .NET's tiered JIT is still compiling) apart from the idle cost after a warm-up, beside keepalived and a bare
# sleeping process as the floor. Dot-sourced by Invoke-Bench.ps1 after TestCluster.ps1 and ClusterTrials.ps1.

function Install-BenchPackage {
    # Makes sure a Debian package's command is there (apt-get as root); the reason it is not, or null.
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $Package)
    if (Get-Command $Command -ErrorAction Ignore) { return $null }
    if ((& id -u) -ne '0') { return "$Package is not installed and this is not root" }
    Write-Host "Installing $Package (apt-get)"
    # Other jobs on the machine may hold apt's lock for a while: wait for it rather than fail.
    & apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends $Package *> $null
    if ($LASTEXITCODE -ne 0) {
        & apt-get -o DPkg::Lock::Timeout=300 update *> $null
        & apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends $Package *> $null
    }
    if (Get-Command $Command -ErrorAction Ignore) { return $null }
    "apt-get install $Package failed"
}

function Start-PwshProcess {
    # A pwsh process running -Script, output to -LogPath; its process object.
    param([Parameter(Mandatory)] [string] $Script, [Parameter(Mandatory)] [string] $LogPath, [hashtable] $Environment = @{})
    $command = Get-PwshCommand
    Start-LoggedProcess -FilePath $command[0] -Arguments (@($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) `
        -LogPath $LogPath -Environment $Environment
}

function Start-LoggedProcess {
    # A process with its output copied to -LogPath (and its errors to -LogPath.err) as it comes.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $Arguments = @(), [Parameter(Mandatory)] [string] $LogPath, [hashtable] $Environment = @{})
    $start = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string]$Environment[$name] }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $null = Copy-StreamToFile $process.StandardOutput $LogPath
    $null = Copy-StreamToFile $process.StandardError "$LogPath.err"
    $process
}

function Get-ProcessTree([int] $ProcessId) {
    # A process and its descendants (keepalived's VRRP child), from /proc/<pid>/task/*/children.
    $ProcessId
    foreach ($children in Get-ChildItem "/proc/$ProcessId/task/*/children" -ErrorAction Ignore) {
        foreach ($child in (Get-Content $children.FullName -Raw -ErrorAction Ignore) -split '\s+' | Where-Object { $_ }) { Get-ProcessTree ([int]$child) }
    }
}

function Get-FootprintSample {
    <#
    .SYNOPSIS
        One process tree's figures from /proc: CPU time in ns, RSS and PSS in KiB (smaps_rollup), and threads.
        CPU is each live thread's schedstat (the kernel's exact run time), plus what threads that already exited
        ran: for a thread an earlier sample saw, its last schedstat; for one no sample saw, the clock ticks the
        process's stat keeps for it. (Counting every exited thread in ticks made a window in which a pool worker
        exited come out negative: its run time went from exact to rounded to 10 ms.)
    #>
    param([Parameter(Mandatory)] [int[]] $ProcessIds)
    $nsPerTick = 1e9 / $script:ClockTicks
    if ($null -eq $script:SeenThreads) { $script:SeenThreads = @{} }
    $cpu = 0.0; $rss = 0; $pss = 0; $threads = 0
    foreach ($id in $ProcessIds) {
        # Per process: the threads seen alive (id -> last ns and ticks) and those seen and since gone.
        $seen = $script:SeenThreads["$id"]
        if ($null -eq $seen) { $seen = $script:SeenThreads["$id"] = @{ Live = @{}; GoneNs = 0.0; GoneTicks = 0L } }
        $live = @{}
        $threadTicks = 0
        $tasks = try { @([IO.DirectoryInfo]::new("/proc/$id/task").GetDirectories()) } catch { @() }
        foreach ($task in $tasks) {
            $schedstat = Read-ProcFile "$($task.FullName)/schedstat"
            $stat = Read-ProcFile "$($task.FullName)/stat"
            if (-not $schedstat -or -not $stat) { continue }
            $ns = [double]$schedstat.Split(' ')[0]
            $ticks = Get-StatTicks $stat
            $live[$task.Name] = @{ Ns = $ns; Ticks = $ticks }
            $cpu += $ns
            $threadTicks += $ticks
            $threads++
        }
        foreach ($thread in @($seen.Live.Keys)) {
            if ($live.ContainsKey($thread)) { continue }
            $seen.GoneNs += $seen.Live[$thread].Ns
            $seen.GoneTicks += $seen.Live[$thread].Ticks
        }
        $seen.Live = $live
        $cpu += $seen.GoneNs
        $processStat = Read-ProcFile "/proc/$id/stat"
        if ($processStat) { $cpu += [math]::Max(0, (Get-StatTicks $processStat) - $threadTicks - $seen.GoneTicks) * $nsPerTick }
        $rollup = Read-ProcFile "/proc/$id/smaps_rollup"
        if ($rollup -match '(?m)^Rss:\s+(\d+) kB') { $rss += [long]$Matches[1] }
        if ($rollup -match '(?m)^Pss:\s+(\d+) kB') { $pss += [long]$Matches[1] }
    }
    [pscustomobject]@{ At = [Diagnostics.Stopwatch]::GetTimestamp(); CpuNs = $cpu; RssKiB = $rss; PssKiB = $pss; Threads = $threads }
}

# The paths a script was given, resolved: -File passes a list as one comma-separated string.
function Resolve-PathList([string[]] $Paths) {
    @($Paths | ForEach-Object { $_ -split ',' } | ForEach-Object { (Resolve-Path $_).Path })
}

function Format-Range([double[]] $Values, [string] $Format) {
    # "low–high" of some figures in a .NET number format, or one figure when both ends print alike.
    $low = ($Values | Measure-Object -Minimum).Minimum
    $high = ($Values | Measure-Object -Maximum).Maximum
    if ($low.ToString($Format) -eq $high.ToString($Format)) { $low.ToString($Format) } else { "$($low.ToString($Format))–$($high.ToString($Format))" }
}

function Read-ProcFile([string] $Path) {
    # A /proc file's text, or null once its process or thread is gone (Get-Content is too slow for a sample a thread).
    try { [IO.File]::ReadAllText($Path) } catch { $null }
}

function Get-StatTicks([string] $Stat) {
    # utime + stime of a /proc stat line (fields 14 and 15; the command name before them may hold spaces).
    $fields = $Stat.Substring($Stat.LastIndexOf(')') + 2).Split(' ')
    [long]$fields[11] + [long]$fields[12]
}

function Measure-Syscalls {
    <#
    .SYNOPSIS
        System calls per second of each process tree: `strace -c -f` attached to every process of each, all at
        once, for -Seconds (after the CPU window: tracing slows every call it counts). Per tree: calls per
        second and the three most frequent calls.
    #>
    param([Parameter(Mandatory)] [hashtable] $Trees, [Parameter(Mandatory)] [string] $LogDirectory, [int] $Seconds = 20)
    $tracers = foreach ($name in $Trees.Keys) {
        foreach ($id in $Trees[$name]) {
            $file = Join-Path $LogDirectory ("strace-$id.txt")
            [pscustomobject]@{ Name = $name; File = $file; Process = Start-LoggedProcess -FilePath 'strace' -Arguments @('-c', '-f', '-q', '-o', $file, '-p', "$id") -LogPath "$file.log" }
        }
    }
    Start-Sleep -Seconds $Seconds
    foreach ($tracer in $tracers) { & kill -INT $tracer.Process.Id }
    foreach ($tracer in $tracers) { if (-not $tracer.Process.WaitForExit(10000)) { $tracer.Process.Kill() } }
    $counts = @{}
    foreach ($tracer in $tracers) {
        if (-not $counts[$tracer.Name]) { $counts[$tracer.Name] = @{} }
        # strace -c's table: % time, seconds, usecs/call, calls, [errors,] syscall.
        foreach ($line in Get-Content $tracer.File -ErrorAction Ignore) {
            $cells = -split $line
            if ($cells.Count -lt 5 -or $cells[0] -notmatch '^[\d.]+$' -or $cells[-1] -eq 'total') { continue }
            $counts[$tracer.Name][$cells[-1]] += [long]$cells[3]
        }
    }
    $result = @{}
    foreach ($name in $Trees.Keys) {
        $calls = $counts[$name] ?? @{}
        $total = ($calls.Values | Measure-Object -Sum).Sum
        $top = @($calls.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First 3 | ForEach-Object { "$($_.Key) $([math]::Round($_.Value / $Seconds, 1))" }) -join ', '
        $result[$name] = [pscustomobject]@{ PerSecond = [math]::Round($total / $Seconds, 1); Top = $top }
    }
    $result
}

$script:KeepalivedNetwork = 'exoipka'

function Start-KeepalivedCluster {
    <#
    .SYNOPSIS
        Three keepalived instances, as three hosts: each in a network namespace of its own (exoipka1-3, address
        10.211.0.1-3 on a veth into a bridge in exoipka0; keepalived refuses a loopback interface and binds its
        sockets to its interface), VRRP over unicast to the two others, -Interval adverts, priorities 150/140/130,
        no virtual address. Each runs as parent + VRRP child with its own configuration and pid files under
        -LogDirectory. Their process objects (the parents). The machine's own network is not touched.
    #>
    param([Parameter(Mandatory)] [string] $LogDirectory, [int] $Interval = 1)
    Stop-KeepalivedNetwork
    $bridge = "$($script:KeepalivedNetwork)0"
    & ip netns add $bridge
    & ip -n $bridge link add br0 type bridge
    & ip -n $bridge link set br0 up
    $addresses = 1..3 | ForEach-Object { "10.211.0.$_" }
    for ($i = 1; $i -le 3; $i++) {
        $namespace = "$($script:KeepalivedNetwork)$i"
        & ip netns add $namespace
        & ip link add "kav$i" netns $namespace type veth peer name "kab$i" netns $bridge
        & ip -n $bridge link set "kab$i" master br0
        & ip -n $bridge link set "kab$i" up
        & ip -n $namespace addr add "$($addresses[$i - 1])/24" dev "kav$i"
        & ip -n $namespace link set "kav$i" up
        & ip -n $namespace link set lo up
    }
    for ($i = 1; $i -le 3; $i++) {
        $config = Join-Path $LogDirectory "keepalived-$i.conf"
        $peers = ($addresses | Where-Object { $_ -ne $addresses[$i - 1] } | ForEach-Object { "        $_" }) -join "`n"
        @"
global_defs {
    router_id exoip_bench_$i
    enable_script_security
}
vrrp_instance exoip_bench {
    state BACKUP
    interface kav$i
    virtual_router_id 81
    priority $(160 - 10 * $i)
    advert_int $Interval
    unicast_src_ip $($addresses[$i - 1])
    unicast_peer {
$peers
    }
}
"@ | Set-Content $config
        $pidFile = { param($kind) Join-Path $LogDirectory "keepalived-$i-$kind.pid" }
        # ip netns exec runs keepalived in place (exec): the process is keepalived's parent.
        Start-LoggedProcess -FilePath 'ip' -LogPath (Join-Path $LogDirectory "keepalived-$i.log") -Arguments @(
            'netns', 'exec', "$($script:KeepalivedNetwork)$i", 'keepalived', '--dont-fork', '--log-console', '--vrrp', '--use-file', $config,
            '--config-id', "exoip_bench_$i", '--pid', (& $pidFile 'main'), '--vrrp_pid', (& $pidFile 'vrrp'))
    }
}

function Stop-KeepalivedNetwork {
    # Removes the namespaces (their veths and the bridge go with them).
    foreach ($i in 0..3) { & ip netns del "$($script:KeepalivedNetwork)$i" 2>$null }
}

function Get-KeepalivedRole([string] $LogPath) {
    # The last state keepalived logged ("Entering MASTER STATE" and the like; --log-console writes to stderr).
    $states = Select-String -Path "$LogPath.err" -Pattern 'Entering (\w+) STATE' -ErrorAction Ignore
    if ($states) { (Get-Culture).TextInfo.ToTitleCase($states[-1].Matches[0].Groups[1].Value.ToLowerInvariant()) } else { '' }
}

function Measure-Footprint {
    <#
    .SYNOPSIS
        Starts, at once: three native exoip nodes, three exoip.ps1 nodes (one pwsh each), a pwsh running
        Start-ExoIpWatchdog -AsJob as one node of a third cluster (its two peers native), a pwsh that imported the
        module and sleeps, a bare sleeping pwsh, three keepalived instances (each in a network namespace), the floors
        (bench/ExoIp.Floor: the same I/O in C, in .NET, in .NET with the API's GET) and a bare `sleep`; every watchdog at
        -Interval adverts with two live peers. Reads each from /proc: CPU over the first -EarlySeconds, and over
        -WindowSeconds after -WarmupSeconds (memory sampled every 5 s); then system calls with strace over
        -StraceSeconds.
    #>
    param([Parameter(Mandatory)] [string] $LogDirectory, [int] $WarmupSeconds = 90, [int] $WindowSeconds = 60, [int] $EarlySeconds = 30,
        [int] $StraceSeconds = 20, [double] $Interval = 1)
    Write-Host "Footprint: $EarlySeconds s after the start, then idle over $WindowSeconds s after a $WarmupSeconds s warm-up, then strace over $StraceSeconds s"
    New-Item -ItemType Directory -Force -Path $LogDirectory | Out-Null
    $script:ClockTicks = [double](& getconf CLK_TCK)
    $missing = [ordered]@{ strace = Install-BenchPackage strace strace; keepalived = Install-BenchPackage keepalived keepalived }
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../ExoIp.psd1')).Path
    $port = Get-FreeUdpPort '127.0.8.1'
    $native = New-TestCluster -LogDirectory (Join-Path $LogDirectory 'native') -Interval $Interval -Port $port -ElasticIp '198.51.100.81' `
        -Nodes @(1..3 | ForEach-Object { @{ Address = "127.0.8.$_"; Priority = 10 * $_; Native = $true } })
    $script = New-TestCluster -LogDirectory (Join-Path $LogDirectory 'script') -Interval $Interval -Port $port -ElasticIp '198.51.100.82' `
        -Nodes @(1..3 | ForEach-Object { @{ Address = "127.0.9.$_"; Priority = 10 * $_ } })
    $job = New-TestCluster -LogDirectory (Join-Path $LogDirectory 'job') -Interval $Interval -Port $port -ElasticIp '198.51.100.83' `
        -Nodes @(1..3 | ForEach-Object { @{ Address = "127.0.10.$_"; Priority = 10 * $_; Native = $_ -gt 1 } })
    $clusters = @($native, $script, $job)
    $extra = @()
    try {
        foreach ($cluster in $clusters) { Start-TestClusterEmulator $cluster }
        $jobNode = $job.Nodes[0]
        $jobPeers = @($job.Nodes | Select-Object -Skip 1 | ForEach-Object { "'$($_.Address)'" }) -join ','
        $jobScript = "Import-Module '$manifest'; " +
            "`$secret = ConvertTo-SecureString '$($job.Secret)' -AsPlainText -Force; " +
            "`$null = Start-ExoIpWatchdog -AsJob -ElasticIp $($job.ElasticIp) -InstanceId $($jobNode.Id) -BindAddress '$($jobNode.Address):$port' " +
            "-Peer $jobPeers -Priority 10 -Interval $Interval -ApiKey $($job.Key) -ApiSecret `$secret -ApiEndpoint '$($job.Emulator.ApiEndpoint)'; " +
            'Start-Sleep -Seconds 100000'
        # Each row: its process, how to read its role, and the file it runs (its size is a column).
        $rows = [ordered]@{}
        $nativeFile = Get-NativeExoip
        foreach ($node in $native.Nodes) { $rows["native exoip, $($node.Name)"] = @{ Process = (Start-TestNode $native $node).Process; Node = $node; File = $nativeFile } }
        foreach ($node in $script.Nodes) { $rows["exoip.ps1 in pwsh, $($node.Name)"] = @{ Process = (Start-TestNode $script $node).Process; Node = $node } }
        foreach ($node in $job.Nodes | Select-Object -Skip 1) { $null = Start-TestNode $job $node }
        $rows['pwsh with Start-ExoIpWatchdog -AsJob'] = @{ Process = Start-PwshProcess -Script $jobScript -LogPath (Join-Path $LogDirectory 'job.log'); Role = 'Master' }
        $rows['pwsh with the module imported, sleeping'] = @{ Process = Start-PwshProcess -Script "Import-Module '$manifest'; Start-Sleep -Seconds 100000" -LogPath (Join-Path $LogDirectory 'imported.log') }
        $rows['bare pwsh, sleeping'] = @{ Process = Start-PwshProcess -Script 'Start-Sleep -Seconds 100000' -LogPath (Join-Path $LogDirectory 'bare.log') }
        if (-not $missing.keepalived) {
            $keepalived = @(Start-KeepalivedCluster -LogDirectory $LogDirectory -Interval $Interval)
            $keepalivedFile = (Get-Command keepalived).Source
            for ($i = 0; $i -lt 3; $i++) {
                $rows["keepalived $((& keepalived --version 2>&1 | Select-Object -First 1) -replace '^Keepalived v(\S+).*', '$1'), 10.211.0.$($i + 1) (parent + VRRP child)"] =
                    @{ Process = $keepalived[$i]; Log = Join-Path $LogDirectory "keepalived-$($i + 1).log"; File = $keepalivedFile }
            }
        }
        # The floors: the same input and output as one watchdog (two live peers), as little code as can do it. Three
        # of each, so each has its peers; the first is measured.
        $floorDirectory = Join-Path $PSScriptRoot '../out/floor'
        $floors = [ordered]@{
            'floor: the same I/O in C (one thread)' = @{ File = 'exoip-floor-c'; Network = '127.0.11'; Arguments = @() }
            'floor: the same I/O in .NET Native AOT (one thread)' = @{ File = 'exoip-floor'; Network = '127.0.12'; Arguments = @() }
            'floor: .NET Native AOT, and an HTTP GET every 30 s' = @{ File = 'exoip-floor'; Network = '127.0.13'; Arguments = @('--api', $native.Emulator.ApiEndpoint) }
        }
        foreach ($name in $floors.Keys) {
            $floor = $floors[$name]
            $file = Join-Path $floorDirectory $floor.File
            if (-not (Test-Path $file)) { throw "$file is missing: ./build.ps1 -Task Bench builds the floors." }
            $file = (Resolve-Path $file).Path
            $addresses = 1..3 | ForEach-Object { "$($floor.Network).$_" }
            for ($i = 0; $i -lt 3; $i++) {
                $arguments = $floor.Arguments + @("$Interval", $addresses[$i], "$port") + @($addresses | Where-Object { $_ -ne $addresses[$i] })
                $process = Start-LoggedProcess -FilePath $file -Arguments $arguments -LogPath (Join-Path $LogDirectory "$($floor.File)-$($floor.Network)-$($i + 1).log")
                if ($i -eq 0) { $rows[$name] = @{ Process = $process; File = $file } } else { $extra += $process }
            }
        }
        $sleepFile = (Get-Command sleep).Source
        $rows['sleep (the floor: a process that only sleeps)'] = @{ Process = Start-LoggedProcess -FilePath $sleepFile -Arguments @('100000') -LogPath (Join-Path $LogDirectory 'sleep.log'); File = $sleepFile }
        $extra += @($rows.Values | ForEach-Object Process)
        $started = [Diagnostics.Stopwatch]::StartNew()

        function Read-All { foreach ($row in $rows.Values) { Get-FootprintSample @(Get-ProcessTree $row.Process.Id) } }
        $atStart = @(Read-All)
        Start-Sleep -Milliseconds ([math]::Max(0, $EarlySeconds * 1000 - $started.ElapsedMilliseconds))
        $early = @(Read-All)
        Start-Sleep -Milliseconds ([math]::Max(0, $WarmupSeconds * 1000 - $started.ElapsedMilliseconds))
        $samples = [Collections.Generic.List[object]]::new()
        $samples.Add(@(Read-All))
        $windowEnds = $started.Elapsed.TotalSeconds + $WindowSeconds
        do {
            Start-Sleep -Seconds ([math]::Min(5, [math]::Max(0.1, $windowEnds - $started.Elapsed.TotalSeconds)))
            $samples.Add(@(Read-All))
        } while ($started.Elapsed.TotalSeconds -lt $windowEnds)
        $names = @($rows.Keys)
        $syscalls = if ($missing.strace) { @{} } else {
            $trees = @{}
            foreach ($name in $names) { $trees[$name] = @(Get-ProcessTree $rows[$name].Process.Id) }
            Measure-Syscalls -Trees $trees -LogDirectory $LogDirectory -Seconds $StraceSeconds
        }
        $windowStart = $samples[0]
        $windowEnd = $samples[$samples.Count - 1]
        $table = for ($i = 0; $i -lt $names.Count; $i++) {
            $row = $rows[$names[$i]]
            $elapsed = ($windowEnd[$i].At - $windowStart[$i].At) / [Diagnostics.Stopwatch]::Frequency
            $earlyElapsed = ($early[$i].At - $atStart[$i].At) / [Diagnostics.Stopwatch]::Frequency
            $rss = @($samples | ForEach-Object { $_[$i].RssKiB } | Measure-Object -Average -Maximum)
            $pss = @($samples | ForEach-Object { $_[$i].PssKiB } | Measure-Object -Average -Maximum)
            [pscustomobject]@{
                Process             = $names[$i]
                Role                = if ($row.Node) { Get-TestNodeRole $row.Node } elseif ($row.Log) { Get-KeepalivedRole $row.Log } else { $row.Role ?? '' }
                # From the start: the process's own CPU time is all of it (it began just before the first sample).
                EarlyCpuPercent     = [math]::Round(100 * $early[$i].CpuNs / 1e9 / ($earlyElapsed + 0.001), 4)
                EarlyResidentMiB    = [math]::Round($early[$i].RssKiB / 1024, 1)
                IdleCpuPercent      = [math]::Round(100 * ($windowEnd[$i].CpuNs - $windowStart[$i].CpuNs) / 1e9 / $elapsed, 4)
                IdleResidentMiB     = [math]::Round($rss[0].Average / 1024, 1)
                IdleResidentMaxMiB  = [math]::Round($rss[0].Maximum / 1024, 1)
                IdleResidentGrowthMiB = [math]::Round(($windowEnd[$i].RssKiB - $windowStart[$i].RssKiB) / 1024, 1)
                IdleProportionalMiB = [math]::Round($pss[0].Average / 1024, 1)
                Threads             = $windowEnd[$i].Threads
                SyscallsPerSecond   = $syscalls[$names[$i]]?.PerSecond
                TopSyscalls         = $syscalls[$names[$i]]?.Top
                FileBytes           = if ($row.File) { (Get-Item $row.File).Length } else { $null }
            }
        }
        $failures = @($clusters | ForEach-Object { $_.Nodes } | Where-Object Process | ForEach-Object { Get-TestNodeFailure $_ })
        [pscustomobject]@{
            IntervalSeconds = $Interval; EarlySeconds = $EarlySeconds; WarmupSeconds = $WarmupSeconds; WindowSeconds = $WindowSeconds
            StraceSeconds = $StraceSeconds; NativeBytes = (Get-Item $nativeFile).Length
            Missing = @($missing.Values | Where-Object { $_ })
            Rows = @($table); NodeFailures = $failures
        }
    }
    finally {
        foreach ($process in $extra) { Stop-TestProcess $process }
        foreach ($cluster in $clusters) { Stop-TestCluster $cluster }
        if (-not $missing.keepalived) { Stop-KeepalivedNetwork }
    }
}
