# The footprint of an idle watchdog, per host, measured the honest way: the first seconds after the start (when
# .NET's tiered JIT is still compiling) apart from the idle cost after a warm-up. Dot-sourced by Invoke-Bench.ps1
# after TestCluster.ps1 and ClusterTrials.ps1 (Get-ProcessSample).

function Start-PwshProcess {
    # A pwsh process running -Script, output to -LogPath; its process object.
    param([Parameter(Mandatory)] [string] $Script, [Parameter(Mandatory)] [string] $LogPath, [hashtable] $Environment = @{})
    $command = Get-PwshCommand
    $start = [Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $start.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string]$Environment[$name] }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $null = Copy-StreamToFile $process.StandardOutput $LogPath
    $null = Copy-StreamToFile $process.StandardError "$LogPath.err"
    $process
}

function Measure-Footprint {
    <#
    .SYNOPSIS
        Starts, at once: a cluster of three native exoip nodes, a cluster of three exoip.ps1 nodes (one pwsh each),
        a pwsh running Start-ExoIpWatchdog -AsJob as one node of a third cluster (its two peers native), a pwsh
        that imported the module and sleeps, and a bare sleeping pwsh; all at -Interval adverts, every watchdog
        with two live peers. Reads each process's CPU time and resident memory from /proc: over the first
        -EarlySeconds, and over -WindowSeconds after -WarmupSeconds (sampled every 5 s: mean and max).
    #>
    param([Parameter(Mandatory)] [string] $LogDirectory, [int] $WarmupSeconds = 90, [int] $WindowSeconds = 60, [int] $EarlySeconds = 30, [double] $Interval = 1)
    Write-Host "Footprint: $EarlySeconds s after the start, then idle over $WindowSeconds s after a $WarmupSeconds s warm-up"
    New-Item -ItemType Directory -Force -Path $LogDirectory | Out-Null
    $ticksPerSecond = [double](& getconf CLK_TCK)
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
        $started = [Diagnostics.Stopwatch]::StartNew()
        $processes = [ordered]@{}
        foreach ($node in $native.Nodes) { $processes["native exoip, $($node.Name)"] = (Start-TestNode $native $node).Process }
        foreach ($node in $script.Nodes) { $processes["exoip.ps1 in pwsh, $($node.Name)"] = (Start-TestNode $script $node).Process }
        foreach ($node in $job.Nodes | Select-Object -Skip 1) { $null = Start-TestNode $job $node }
        $processes['pwsh with Start-ExoIpWatchdog -AsJob'] = Start-PwshProcess -Script $jobScript -LogPath (Join-Path $LogDirectory 'job.log')
        $processes['pwsh with the module imported, sleeping'] = Start-PwshProcess -Script "Import-Module '$manifest'; Start-Sleep -Seconds 100000" -LogPath (Join-Path $LogDirectory 'imported.log')
        $processes['bare pwsh, sleeping'] = Start-PwshProcess -Script 'Start-Sleep -Seconds 100000' -LogPath (Join-Path $LogDirectory 'bare.log')
        $extra = @($processes.Values)
        $started.Restart()

        function Read-All { $processes.Values | ForEach-Object { Get-ProcessSample $_.Id } }
        Start-Sleep -Seconds $EarlySeconds
        $early = @(Read-All)
        Start-Sleep -Milliseconds ([math]::Max(0, $WarmupSeconds * 1000 - $started.ElapsedMilliseconds))
        $windowStart = @(Read-All)
        $rss = [Collections.Generic.List[object]]::new()
        $rss.Add($windowStart)
        while ($started.Elapsed.TotalSeconds -lt $WarmupSeconds + $WindowSeconds) {
            Start-Sleep -Seconds 5
            $rss.Add(@(Read-All))
        }
        $windowEnd = $rss[$rss.Count - 1]
        $names = @($processes.Keys)
        $rows = for ($i = 0; $i -lt $names.Count; $i++) {
            $node = @($native.Nodes + $script.Nodes | Where-Object { $processes[$names[$i]] -eq $_.Process })[0]
            $elapsed = ($windowEnd[$i].At - $windowStart[$i].At) / [Diagnostics.Stopwatch]::Frequency
            $samples = @($rss | ForEach-Object { $_[$i].RssKiB })
            [pscustomobject]@{
                Process          = $names[$i]
                Role             = if ($node) { Get-TestNodeRole $node } elseif ($names[$i] -like '*AsJob*') { 'Master' } else { '' }
                EarlyCpuPercent  = [math]::Round(100 * $early[$i].Ticks / $ticksPerSecond / $EarlySeconds, 3)
                EarlyResidentMiB = [math]::Round($early[$i].RssKiB / 1024, 1)
                IdleCpuPercent   = [math]::Round(100 * ($windowEnd[$i].Ticks - $windowStart[$i].Ticks) / $ticksPerSecond / $elapsed, 3)
                IdleResidentMiB  = [math]::Round(($samples | Measure-Object -Average).Average / 1024, 1)
                IdleResidentMaxMiB = [math]::Round(($samples | Measure-Object -Maximum).Maximum / 1024, 1)
            }
        }
        $failures = @($clusters | ForEach-Object { $_.Nodes } | Where-Object Process | ForEach-Object { Get-TestNodeFailure $_ })
        [pscustomobject]@{
            IntervalSeconds = $Interval; EarlySeconds = $EarlySeconds; WarmupSeconds = $WarmupSeconds; WindowSeconds = $WindowSeconds
            NativeBytes = (Get-Item (Get-NativeExoip)).Length
            Rows = @($rows); NodeFailures = $failures
        }
    }
    finally {
        foreach ($process in $extra) { Stop-TestProcess $process }
        foreach ($cluster in $clusters) { Stop-TestCluster $cluster }
    }
}
