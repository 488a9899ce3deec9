# The fault matrix: a 3-node cluster of watchdog processes (the exoip script, IF_* variables) against the
# emulator, one fault per case. Every case ends with the same checks: exactly one holder, the best live node;
# no stretch with two holders longer than the case's stated bound (the emulator's holder statistics); no
# unhandled error in any node. The figures of each case go to out/fault-matrix/figures.json.
BeforeDiscovery {
    . "$PSScriptRoot/PolicyRouting.ps1"
    $script:canPartition = Test-PolicyRouting
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"
    . "$PSScriptRoot/PolicyRouting.ps1"

    # 127.0.0.50-59 are this file's alone: partitions blackhole only these addresses.
    $script:addresses = '127.0.0.50', '127.0.0.51', '127.0.0.52'
    $script:stranger = '127.0.0.59'
    $script:logRoot = Join-Path $PSScriptRoot '../../out/fault-matrix'
    if (Test-Path $logRoot) { Remove-Item $logRoot -Recurse -Force }
    $script:template = New-TestCluster -LogDirectory (Join-Path $logRoot 'emulator') -Interval 0.2 -DeadRatio 3 -Nodes @(
        for ($i = 0; $i -lt 3; $i++) { @{ Address = $addresses[$i]; Priority = $i + 1 } })
    Start-TestClusterEmulator $template
    $script:figures = [ordered]@{}
    # Two holders at once is by design for a moment in a handover (make before break): one attach and one
    # detach apart. With the emulator's instant operations that is milliseconds; 1 s leaves room for a
    # loaded machine. API faults slow the detach down (a 2 s latency costs its request and its operation
    # poll; a hanging request, its 10 s timeout), hence the larger bound there.
    $script:overlapBound = [TimeSpan]::FromSeconds(1)
    $script:overlapBoundWithApiFaults = [TimeSpan]::FromSeconds(15)

    function script:New-Case {
        # A cluster of the template's instances, logging under the case's folder, with the emulator reset.
        param([string] $Name, [int[]] $Priorities = @(1, 2, 3))
        $cluster = New-TestCluster -LogDirectory (Join-Path $logRoot $Name) -Interval $template.Interval -DeadRatio $template.DeadRatio `
            -Port $template.Port -Key $template.Key -Secret $template.Secret -ElasticIp $template.ElasticIp -Nodes @(
            for ($i = 0; $i -lt 3; $i++) { @{ Address = $template.Nodes[$i].Address; Id = $template.Nodes[$i].Id; Priority = $Priorities[$i] } })
        $cluster.Emulator = $template.Emulator
        $cluster.SeedPath = $template.SeedPath
        Reset-TestClusterEmulator $cluster
        $cluster | Add-Member -NotePropertyName Name -NotePropertyValue $Name
        $script:case = $cluster
        $cluster
    }

    function script:Start-Case {
        # Starts the nodes (verbose with -WatchdogVerbose) and waits until the best of them alone holds the Elastic IP; returns that moment.
        param($Cluster, $Best = $Cluster.Nodes[0], [object[]] $Nodes = $Cluster.Nodes, [switch] $WatchdogVerbose)
        $Nodes | ForEach-Object { Start-TestNode $Cluster $_ -WatchdogVerbose:$WatchdogVerbose } | Out-Null
        Wait-SoleHolder $Cluster $Best -TimeoutSeconds 40
        Wait-Until -TimeoutSeconds 20 -Because 'every node has taken its role' { @($Nodes | Where-Object { -not (Get-TestNodeRole $_) }).Count -eq 0 }
        [DateTimeOffset]::UtcNow
    }

    function script:Complete-Case {
        <#
        Checks the end state: $Best alone holds the Elastic IP, and still does a dead period later; no two
        holders for longer than $Bound since $Since; then stops the nodes and checks no node reported an error.
        Records the case's figures, with those -Figures returns (a hashtable), whether it settled or not.
        #>
        param($Cluster, $Best, [DateTimeOffset] $Since, [TimeSpan] $Bound = $overlapBound, [scriptblock] $Figures = { @{} })
        try {
            $settledIn = $null
            try {
                # Generous: the slowest passing case, a hanging attach, settles within a request timeout and a retry.
                Wait-SoleHolder $Cluster $Best -TimeoutSeconds 25
                $settledIn = [math]::Round(([DateTimeOffset]::UtcNow - $Since).TotalSeconds, 2)
                Start-Sleep -Seconds ($Cluster.Interval * $Cluster.DeadRatio * 2)
            }
            finally {
                # Recorded either way: a failing case's figures show what went wrong.
                $holders = @(Get-Holder $Cluster.Emulator $Cluster.ElasticIp)
                $stats = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $Since
                $script:figures[$Cluster.Name] = [ordered]@{
                    secondsToSettle = $settledIn
                    holdersAtEnd = @($holders | ForEach-Object { $id = $_; ($Cluster.Nodes | Where-Object Id -EQ $id).Name })
                    holderChanges = $stats.Changes
                    longestWithoutHolderMs = $stats.LongestWithoutHolder.TotalMilliseconds
                    longestWithSeveralHoldersMs = $stats.LongestWithSeveralHolders.TotalMilliseconds
                } + (& $Figures)
                Write-Host "    $($Cluster.Name): $($script:figures[$Cluster.Name] | ConvertTo-Json -Compress)"
            }
            $holders | Should -Be @($Best.Id) -Because 'the best live node keeps the Elastic IP once settled'
        }
        finally {
            Stop-TestCluster $Cluster -NodesOnly
        }
        $stats.LongestWithSeveralHolders | Should -BeLessOrEqual $Bound -Because 'two holders only for the moment of a handover'
        @($Cluster.Nodes | ForEach-Object { Get-TestNodeFailure $_ }) | Should -BeNullOrEmpty
    }

    function script:Start-JobMaster {
        # The cluster's first node as a watchdog job in this process (its counters can be read, and this
        # process's own load is its host's), with the options the node processes get from their IF_* variables.
        param($Cluster, [string] $Name, [hashtable] $Extra = @{})
        $master = $Cluster.Nodes[0]
        Start-ExoIpWatchdog -AsJob -Name $Name -ElasticIp $Cluster.ElasticIp -Priority 1 -InstanceId $master.Id `
            -BindAddress "$($master.Address):$($Cluster.Port)" -Peer $Cluster.Nodes[1].Address, $Cluster.Nodes[2].Address `
            -Interval $Cluster.Interval -DeadRatio $Cluster.DeadRatio -ApiKey $Cluster.Key `
            -ApiSecret (ConvertTo-SecureString $Cluster.Secret -AsPlainText -Force) -ApiEndpoint $Cluster.Emulator.ApiEndpoint @Extra
    }

    function script:Invoke-Flood {
        # A million bad datagrams at the first node from the bench's flood sender, paced so the kernel drops none.
        param($Cluster, [string[]] $Extra = @())
        # The build's own configuration, not whichever configuration was built last.
        $configuration = $env:EXOIP_TEST_CONFIGURATION ?? 'Release'
        $tool = Get-Item "$PSScriptRoot/../../bench/ExoIp.Bench/bin/$configuration/net10.0/ExoIp.Bench.dll" -ErrorAction SilentlyContinue
        $tool | Should -Not -BeNullOrEmpty -Because "the $configuration build makes the flood sender (bench/ExoIp.Bench)"
        $result = Join-Path $Cluster.LogDirectory 'flood.json'
        & dotnet $tool.FullName flood --out $result --target "$($Cluster.Nodes[0].Address):$($Cluster.Port)" --elastic-ip $Cluster.ElasticIp `
            --peer $Cluster.Nodes[1].Address --stranger $stranger --count 1000000 @Extra | Write-Host
        $LASTEXITCODE | Should -Be 0
        $flood = Get-Content $result -Raw | ConvertFrom-Json -AsHashtable
        $flood.kernelDrops | Should -Be 0 -Because 'the sender paces itself on the receive queue, so every datagram reaches the node'
        $flood
    }

    function script:Assert-FloodCounted {
        # Every datagram the flood sent is dropped and counted under the reason the sender expected.
        param($Flood, $Before, $After)
        foreach ($reason in $Flood.expectedDrops.Keys) {
            $After[[ExoIp.Watchdog.DatagramDropReason]$reason] - $Before[[ExoIp.Watchdog.DatagramDropReason]$reason] |
                Should -Be $Flood.expectedDrops[$reason] -Because "every $reason datagram is dropped and counted"
        }
    }

    function script:Get-PeerDownCount {
        # How often the other nodes declared $Node dead since $Since.
        param($Cluster, $Node, [DateTimeOffset] $Since)
        @($Cluster.Nodes | Where-Object Address -NE $Node.Address | ForEach-Object {
                Read-TestNodeEvent $_ -Kind PeerDown -Match ([regex]::Escape($Node.Address) + ' ') -Since $Since }).Count
    }

    function script:Wait-SplitSettled {
        <#
        The master (node 0) is cut off from the others since $SplitAt, and every node still reaches the API: each side
        is eligible, and the best of them is node 0 (the contract's I3/I4). Waits until node 1, no longer hearing node 0,
        has taken the Elastic IP, then until node 0 alone holds it again; then keeps the split for 15 intervals, in
        which nothing may move and node 1 must report Backup. Returns the split's figures.
        #>
        param($Cluster, [DateTimeOffset] $SplitAt)
        $second = $Cluster.Nodes[1]
        Wait-Until -Because 'node 1, no longer hearing node 0, took the Elastic IP' {
            @(Get-HolderHistory $Cluster.Emulator $Cluster.ElasticIp -Since $SplitAt | Where-Object { $_.Action -eq 'attach' -and $_.InstanceId -eq $second.Id }).Count -gt 0
        }
        Wait-SoleHolder $Cluster $Cluster.Nodes[0]
        $settledAt = [DateTimeOffset]::UtcNow
        Start-Sleep -Seconds ($Cluster.Interval * 15)
        $settled = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $settledAt
        $whole = Get-HolderStats $Cluster.Emulator $Cluster.ElasticIp -From $SplitAt
        $settled.Changes | Should -Be 0 -Because 'once the best eligible node holds the Elastic IP again, the split moves nothing (no ping-pong)'
        $settled.HoldersNow | Should -Be @($Cluster.Nodes[0].Id)
        Get-TestNodeRole $second | Should -Be 'Backup' -Because 'node 1 reports what the API says: node 0, beyond the split, holds the Elastic IP'
        @{ secondsToSettleWhileSplit = [math]::Round(($settledAt - $SplitAt).TotalSeconds, 2); changesWhileSplit = $whole.Changes }
    }

    # Blocks thread-pool threads, as a host script's blocking Task.Run calls would (a PowerShell script block
    # cannot run on a pool thread, hence C#).
    if (-not ('BusyHost' -as [type])) { Add-Type -TypeDefinition @'
public static class BusyHost
{
    public static System.Threading.Tasks.Task Block(int items, int milliseconds)
    {
        var tasks = new System.Threading.Tasks.Task[items];
        for (var i = 0; i < items; i++) tasks[i] = System.Threading.Tasks.Task.Run(() => System.Threading.Thread.Sleep(milliseconds));
        return System.Threading.Tasks.Task.WhenAll(tasks);
    }
}
'@ }

    function script:Invoke-FailoverUnderApiFault {
        # The master dies while the API misbehaves as -Fault says; the second node must still end up alone holding.
        param([string] $Name, [hashtable] $Fault)
        $cluster = New-Case $Name
        $since = Start-Case $cluster
        Invoke-Emulator $cluster.Emulator POST faults $Fault | Out-Null
        $cluster.Nodes[0].Process.Kill()
        Complete-Case $cluster -Best $cluster.Nodes[1] -Since $since -Bound $overlapBoundWithApiFaults -Figures {
            $requests = @(Invoke-Emulator $cluster.Emulator GET "requests?since=$([uri]::EscapeDataString($since.ToString('O')))" | ForEach-Object { $_ })
            @{
                apiRequests = $requests.Count
                failedOrSlowRequests = @($requests | Where-Object { $_.status -ge 429 -or [TimeSpan]$_.duration -ge [TimeSpan]::FromSeconds(1) }).Count
            }
        }
    }
}

AfterAll {
    if ($template.Emulator) { $template.Emulator | Stop-ExoIpEmulator }
    if (Test-PolicyRouting) { Disable-Partitioning }
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    $figures | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $logRoot 'figures.json')
}

Describe 'Fault matrix: 3 watchdog processes, 0.2 s x 3' {
    AfterEach {
        # A case that failed before Complete-Case leaves its nodes running: the next case's nodes share their
        # addresses and instances.
        if ($script:case) { Stop-TestCluster $script:case -NodesOnly }
    }

    It 'fails over when the master is killed (SIGKILL)' {
        $cluster = New-Case 'kill'
        $since = Start-Case $cluster
        $cluster.Nodes[0].Process.Kill()
        Complete-Case $cluster -Best $cluster.Nodes[1] -Since $since
    }

    It 'fails over when the master is frozen (SIGSTOP) past the dead time, and takes it back when resumed (SIGCONT)' {
        $cluster = New-Case 'freeze'
        $since = Start-Case $cluster
        Send-Signal $cluster.Nodes[0].Process STOP
        Wait-SoleHolder $cluster $cluster.Nodes[1]
        Send-Signal $cluster.Nodes[0].Process CONT
        Complete-Case $cluster -Best $cluster.Nodes[0] -Since $since
    }

    It 'keeps the Elastic IP on the best node when the master''s adverts are dropped one way (both sides reach the API), and after the partition heals' -Skip:(-not $canPartition) {
        $cluster = New-Case 'partition-one-way'
        $since = Start-Case $cluster
        try {
            Enable-Partitioning
            $splitAt = [DateTimeOffset]::UtcNow
            Add-Partition -From $addresses[0] -To $addresses[1], $addresses[2]
            $split = Wait-SplitSettled $cluster $splitAt
        }
        finally {
            Disable-Partitioning
        }
        Complete-Case $cluster -Best $cluster.Nodes[0] -Since $since -Figures { $split }
    }

    It 'keeps the Elastic IP on the best node when the master is cut off both ways (both sides reach the API), and after the partition heals' -Skip:(-not $canPartition) {
        $cluster = New-Case 'partition-both-ways'
        $since = Start-Case $cluster
        try {
            Enable-Partitioning
            $splitAt = [DateTimeOffset]::UtcNow
            Add-Partition -From $addresses[0] -To $addresses[1], $addresses[2]
            Add-Partition -From $addresses[1], $addresses[2] -To $addresses[0]
            $split = Wait-SplitSettled $cluster $splitAt
        }
        finally {
            Disable-Partitioning
        }
        Complete-Case $cluster -Best $cluster.Nodes[0] -Since $since -Figures { $split }
    }

    It 'elects exactly one master when every priority is equal: the lowest identity' {
        $cluster = New-Case 'equal-priorities' -Priorities 10, 10, 10
        # Identities compare as their RFC 4122 bytes, which is the order of their hex text.
        $best = $cluster.Nodes | Sort-Object { ([guid]$_.Id).ToString('N') } | Select-Object -First 1
        $since = Start-Case $cluster -Best $best
        Complete-Case $cluster -Best $best -Since $since
    }

    It 'stays with the master while a backup flaps (SIGSTOP/SIGCONT past the dead time, five times)' {
        $cluster = New-Case 'flapping-peer'
        $since = Start-Case $cluster
        $dead = $cluster.Interval * $cluster.DeadRatio
        foreach ($cycle in 1..5) {
            Send-Signal $cluster.Nodes[1].Process STOP
            Start-Sleep -Seconds ($dead * 2)
            Send-Signal $cluster.Nodes[1].Process CONT
            Start-Sleep -Seconds ($dead * 2)
        }
        Complete-Case $cluster -Best $cluster.Nodes[0] -Since $since
        $figures['flapping-peer'].holderChanges | Should -Be 0 -Because 'a flapping backup is no reason to move the Elastic IP'
    }

    It 'fails over through a burst of 503 answers' {
        Invoke-FailoverUnderApiFault 'api-503-burst' @{ pathPattern = '^/v2/'; statusCode = 503; count = 6 }
    }

    It 'fails over through 429 answers with Retry-After' {
        Invoke-FailoverUnderApiFault 'api-429-retry-after' @{ pathPattern = '^/v2/'; statusCode = 429; retryAfterSeconds = 1; count = 3 }
    }

    It 'fails over with 2 s of latency on every API request' {
        Invoke-FailoverUnderApiFault 'api-2s-latency' @{ pathPattern = '^/v2/'; latency = 2000 }
    }

    It 'fails over when an attach request hangs' {
        Invoke-FailoverUnderApiFault 'api-hanging-attach' @{ pathPattern = ':attach$'; method = 'PUT'; hang = $true; count = 1 }
    }

    It 'drops and counts a million malformed or foreign datagrams, stays master, and its memory stays flat' {
        $cluster = New-Case 'flood'
        $master = $cluster.Nodes[0]
        $job = Start-JobMaster $cluster 'matrix-flood'
        try {
            $since = Start-Case $cluster -Nodes $cluster.Nodes[1], $cluster.Nodes[2]
            $watchdog = Get-ExoIpWatchdog -Name matrix-flood
            $watchdog.Role | Should -Be 'Master'
            $transitions = $watchdog.Counters.Transitions
            $dropped = $watchdog.Counters.DroppedByReason()
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $rssBefore = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64

            $flood = Invoke-Flood $cluster
            $counters = (Get-ExoIpWatchdog -Name matrix-flood).Counters
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $rssAfter = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
            $after = $counters.DroppedByReason()
            Assert-FloodCounted $flood $dropped $after
            (Get-ExoIpWatchdog -Name matrix-flood).Role | Should -Be 'Master'
            $counters.Transitions | Should -Be $transitions -Because 'no datagram of the flood changes the election'
            $growth = ($rssAfter - $rssBefore) / 1MB
            Complete-Case $cluster -Best $master -Since $since -Figures {
                @{
                    datagrams = $flood.sent; floodSeconds = [math]::Round($flood.seconds, 1); datagramsPerSecond = [math]::Round($flood.datagramsPerSecond)
                    rssBeforeMiB = [math]::Round($rssBefore / 1MB, 1); rssAfterMiB = [math]::Round($rssAfter / 1MB, 1)
                    peerDownsOfTheFloodedNode = Get-PeerDownCount $cluster $master $since
                }
            }
            $figures['flood'].peerDownsOfTheFloodedNode | Should -Be 0 -Because 'the flood must not delay the node''s own adverts past its peers'' dead time'
            $figures['flood'].holderChanges | Should -Be 0 -Because 'a flood moves nothing'
            # The datagrams are garbage once counted; what stays is the GC's working room, not a per-datagram cost.
            $growth | Should -BeLessThan 64 -Because 'a million dropped datagrams must not grow the process (RSS after a full GC, MiB)'
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    It 'drops and counts a million forged authenticated datagrams at a keyed cluster: no false death, no holder change' {
        $cluster = New-Case 'flood-authenticated'
        $keyFile = (New-ExoIpAuthKey -Path (Join-Path $cluster.LogDirectory 'cluster.key')).Path
        $cluster.Environment = @{ IF_AUTH_KEY_FILE = $keyFile }
        $master = $cluster.Nodes[0]
        $job = Start-JobMaster $cluster 'matrix-flood-auth' @{ AuthKeyFile = $keyFile }
        try {
            $since = Start-Case $cluster -Nodes $cluster.Nodes[1], $cluster.Nodes[2]
            $watchdog = Get-ExoIpWatchdog -Name matrix-flood-auth
            $watchdog.Role | Should -Be 'Master'
            $watchdog.Counters.AdvertisementsAccepted | Should -BeGreaterThan 0 -Because 'the keyed peers verify each other'
            $transitions = $watchdog.Counters.Transitions
            $dropped = $watchdog.Counters.DroppedByReason()

            $flood = Invoke-Flood $cluster @('--auth-key-file', $keyFile)
            $counters = (Get-ExoIpWatchdog -Name matrix-flood-auth).Counters
            $after = $counters.DroppedByReason()
            Assert-FloodCounted $flood $dropped $after
            (Get-ExoIpWatchdog -Name matrix-flood-auth).Role | Should -Be 'Master'
            $counters.Transitions | Should -Be $transitions -Because 'no forged advert changes the election'
            Complete-Case $cluster -Best $master -Since $since -Figures {
                @{
                    datagrams = $flood.sent; floodSeconds = [math]::Round($flood.seconds, 1); datagramsPerSecond = [math]::Round($flood.datagramsPerSecond)
                    peerDownsOfTheFloodedNode = Get-PeerDownCount $cluster $master $since
                }
            }
            $figures['flood-authenticated'].peerDownsOfTheFloodedNode | Should -Be 0 -Because 'checking forged MACs must not delay the node''s own adverts'
            $figures['flood-authenticated'].holderChanges | Should -Be 0
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    It 'keeps advertising from a job while its pwsh burns every core and starves the thread pool for 30 s' {
        $cluster = New-Case 'busy-host'
        $master = $cluster.Nodes[0]
        $job = Start-JobMaster $cluster 'matrix-busy'
        try {
            $since = Start-Case $cluster -Nodes $cluster.Nodes[1], $cluster.Nodes[2]
            (Get-ExoIpWatchdog -Name matrix-busy).Role | Should -Be 'Master'
            $cores = [Environment]::ProcessorCount
            # Work of the host itself, in this very process: a CPU-bound loop on every core (runspace threads), and
            # pool work items that block, as a script's Task.Run or Parallel calls would, more than the pool has threads.
            $busy = [BusyHost]::Block(4 * $cores, 30000)
            1..$cores | ForEach-Object -ThrottleLimit $cores -Parallel {
                $end = [DateTime]::UtcNow.AddSeconds(30)
                while ([DateTime]::UtcNow -lt $end) { }
            }
            $busy.Wait()
            (Get-ExoIpWatchdog -Name matrix-busy).Role | Should -Be 'Master'
            Complete-Case $cluster -Best $master -Since $since -Figures {
                @{ cores = $cores; peerDownsOfTheBusyNode = Get-PeerDownCount $cluster $master $since }
            }
            $figures['busy-host'].peerDownsOfTheBusyNode | Should -Be 0 -Because 'a busy host must not delay its watchdog''s adverts past the dead time'
            $figures['busy-host'].holderChanges | Should -Be 0
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    It 'never shows the API secret, with -Verbose, in any stream, log or file' {
        $cluster = New-Case 'secrets'
        $since = Start-Case $cluster -WatchdogVerbose
        # Failures and retries log the most: a 503 burst during a failover.
        Invoke-Emulator $cluster.Emulator POST faults @{ pathPattern = '^/v2/'; statusCode = 503; count = 3 } | Out-Null
        $cluster.Nodes[0].Process.Kill()
        Complete-Case $cluster -Best $cluster.Nodes[1] -Since $since -Bound $overlapBoundWithApiFaults
        $verbose = Get-ChildItem $cluster.LogDirectory -Filter '*.log' | Select-String -SimpleMatch 'VERBOSE:'
        $verbose | Should -Not -BeNullOrEmpty -Because 'the nodes ran with -v'
        # Every file the case wrote but the seed, which the test itself wrote for the emulator.
        Get-ChildItem $cluster.LogDirectory -File | Where-Object Name -NE 'seed.json' |
            Select-String -SimpleMatch $cluster.Secret | Should -BeNullOrEmpty
        $cluster.Nodes | ForEach-Object { $_.Runs } | Where-Object { $_.StdErr.Result.Contains($cluster.Secret) } | Should -BeNullOrEmpty
    }
}
