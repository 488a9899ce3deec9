# Start-ExoIpWatchdog and its companions in a real pwsh, against the bundled emulator, over real UDP on
# loopback: each node on its own 127.0.0.x address, all on the same port, as real hosts would be.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOwatchdog0000000000000001'
    $script:secret = 'watchdog-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.60'
    $script:port = Get-FreeUdpPort
    $script:nodes = 2..5 | ForEach-Object { @{ Id = [guid]::NewGuid().ToString(); Address = "127.0.0.$_" } }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'watchdog-tests'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{
        ApiKey      = $key
        ApiSecret   = ConvertTo-SecureString $secret -AsPlainText -Force
        ApiEndpoint = $emulator.ApiEndpoint
    }
    $script:manifest = (Resolve-Path "$PSScriptRoot/../../ExoIp.psd1").Path

    function script:Reset-Cluster {
        # Each test starts with no job and no holder.
        Get-Job | Remove-Job -Force
        Get-Holder $emulator $eip | ForEach-Object { Remove-ExoElasticIp $eip -InstanceId $_ @api }
    }

    function script:Node([int] $Index, [int] $Priority = 10 + $Index, [string[]] $Peers) {
        # Start-ExoIpWatchdog parameters for node $Index; peers are the other nodes unless given.
        $node = $nodes[$Index]
        $others = if ($Peers) { $Peers } else { @($nodes | Where-Object Address -NE $node.Address | ForEach-Object Address) }
        @{
            ElasticIp = $eip; Name = "node$Index"; InstanceId = $node.Id; BindAddress = "$($node.Address):$port"
            Peer = $others; Priority = $Priority; Interval = 0.1; DeadRatio = 3
        } + $api
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    $emulator | Stop-ExoIpEmulator
}

Describe 'Start-ExoIpWatchdog -AsJob and the job cmdlets' {
    AfterEach {
        Reset-Cluster
    }

    It 'shows in Get-Job, streams events to Receive-Job, and releases the Elastic IP on Stop-Job' {
        $options = Node 0
        $job = Start-ExoIpWatchdog @options -AsJob
        $job.PSJobTypeName | Should -Be 'ExoIpWatchdog'
        (Get-Job -Name node0).InstanceId | Should -Be $job.InstanceId
        Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -Because 'a lone node becomes master and attaches'

        $events = Receive-Job $job
        $events[0] | Should -BeOfType ([ExoIp.PowerShell.Output.WatchdogEventInfo])
        $events.Kind | Should -Contain 'Started'
        ($events | Where-Object Kind -EQ 'StateChanged').Role | Should -Contain 'Master'

        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
        (Receive-Job $job).Kind | Should -Contain 'Stopped'
    }

    It 'hands its log to the job as it comes, with no event to wake the job' {
        # A settled lone master makes no event; each reconciliation logs a line (to the job's Verbose stream), and
        # that line alone wakes the job's pump (it no longer looks every second).
        $options = Node 0
        $job = Start-ExoIpWatchdog @options -ReconcileInterval ([timespan]::FromSeconds(1)) -AsJob
        $child = $job.ChildJobs[0]
        $reconciling = { @($child.Verbose.Message | Where-Object { $_ -like '*reconciling with the API*' }).Count }
        Wait-Until { (& $reconciling) -ge 2 } -Because 'the reconciliations are logged'

        $seen = & $reconciling
        $events = @($child.Output).Count
        Wait-Until { (& $reconciling) -gt $seen } -Because 'the next reconciliation is logged'
        @($child.Output).Count | Should -Be $events -Because 'no event came that could have woken the pump'
        $job | Stop-Job
    }

    It 'elects one master among equal priorities, and Get-ExoIpPeer shows a peer going down' {
        $three = $nodes[0..2]
        $jobs = 0..2 | ForEach-Object {
            $options = Node $_ -Priority 10 -Peers @($three | Where-Object Address -NE $three[$_].Address | ForEach-Object Address)
            Start-ExoIpWatchdog @options -AsJob
        }
        Wait-Until { @(Get-ExoIpWatchdog | Where-Object Role -EQ 'Master').Count -eq 1 -and @(Get-Holder $emulator $eip).Count -eq 1 } `
            -Because 'equal priorities still give exactly one master and one holder'
        $peers = Get-ExoIpPeer -Name node0
        $peers | Where-Object IsSelf | ForEach-Object Address | Should -Be $nodes[0].Address
        @($peers | Where-Object { -not $_.IsSelf -and $_.Alive }).Count | Should -Be 2

        $jobs[2] | Stop-Job
        Wait-Until { -not (Get-ExoIpPeer -Name node0 | Where-Object Address -EQ $nodes[2].Address).Alive } -Because 'a stopped peer falls silent'
        @(Get-Holder $emulator $eip).Count | Should -Be 1
    }

    It 'moves mastership when the priority changes, with no moment without a holder' {
        $jobs = 0..1 | ForEach-Object { $options = Node $_ -Peers $nodes[1 - $_].Address; Start-ExoIpWatchdog @options -AsJob }
        Wait-Until { (Get-Holder $emulator $eip) -join ',' -eq $nodes[0].Id } -Because 'node0 has the better priority'
        $since = [DateTimeOffset]::UtcNow.ToString('o')

        Set-ExoIpWatchdog -Name node0 -Priority 200 -Confirm:$false
        (Get-ExoIpWatchdog -Name node0).Priority | Should -Be 200
        Wait-Until { (Get-Holder $emulator $eip) -join ',' -eq $nodes[1].Id } -Because 'node1 is now the better node'
        $stats = Invoke-Emulator $emulator GET "stats/$($eip)?from=$([uri]::EscapeDataString($since))"
        [TimeSpan]$stats.longestWithoutHolder | Should -Be ([TimeSpan]::Zero)
    }

    It 'reports BindFailed when the bind address is taken' {
        $options = Node 0
        $null = Start-ExoIpWatchdog @options -AsJob
        $options.Name = 'same-address'
        { Start-ExoIpWatchdog @options -ErrorAction Stop } | Should -Throw -ErrorId 'BindFailed,*'
        Get-ExoIpWatchdog -Name 'same-address' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports an unknown watchdog name' {
        Get-ExoIpWatchdog -Name nosuch -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'WatchdogNotFound,*'
    }

    It 'refuses a second watchdog with the same name' {
        $options = Node 0
        $null = Start-ExoIpWatchdog @options -AsJob
        $options.BindAddress = "$($nodes[3].Address):$port"
        { Start-ExoIpWatchdog @options -AsJob -ErrorAction Stop } | Should -Throw -ErrorId 'WatchdogNameInUse,*'
    }
}

Describe 'Get-ExoIpWatchdog shows what exoip -S shows' {
    AfterEach {
        Invoke-Emulator $emulator DELETE faults | Out-Null
        Reset-Cluster
    }

    It 'tells its peers, uptime, preemption and last API action' {
        $jobs = 0..1 | ForEach-Object { $options = Node $_ -Peers $nodes[1 - $_].Address; Start-ExoIpWatchdog @options -AsJob }
        $info = Wait-WatchdogInfo node0 { $_.Role -eq 'Master' -and $_.HoldsElasticIp -and $_.LastApiAction }
        Wait-WatchdogInfo node1 { $_.Role -eq 'Backup' -and ($_.Peers | Where-Object Alive) } | Out-Null

        # The last API action is one the watchdog reported (a job's events come before what Get-ExoIpWatchdog shows),
        # after the attach; the reconciliations that would follow are minutes away.
        $actions = @(Receive-Job $jobs[0] -Keep | Where-Object Kind -EQ 'ApiAction')
        $attach = @($actions | Where-Object { $_.Action -eq 'Attach' -and $_.Outcome -eq 'Done' })
        $attach.Count | Should -Be 1
        $last = @($actions | Where-Object { $_.Action -eq $info.LastApiAction.Action -and $_.Outcome -eq $info.LastApiAction.Outcome })
        $last | Should -Not -BeNullOrEmpty -Because "LastApiAction $($info.LastApiAction) is among the reported $($actions.Message -join '; ')"
        [array]::IndexOf($actions, $last[-1]) | Should -BeGreaterOrEqual ([array]::IndexOf($actions, $attach[0]))
        $peer = @($info.Peers)
        $peer.Count | Should -Be 1
        $peer[0].Address | Should -Be ([ipaddress]$nodes[1].Address)
        $peer[0].Alive | Should -BeTrue
        $peer[0].Priority | Should -Be 11
        $peer[0].Master | Should -BeFalse
        $peer[0].SinceLastAdvert | Should -BeGreaterOrEqual ([TimeSpan]::Zero)
        # Alive means heard within interval x dead ratio (0.3 s) as of the snapshot, at most a loop turn old.
        $peer[0].SinceLastAdvert | Should -BeLessThan ([TimeSpan]::FromSeconds(5))
        $fromBackup = @((Get-ExoIpWatchdog -Name node1).Peers)
        $fromBackup.Count | Should -Be 1
        ($fromBackup[0].Address, $fromBackup[0].Master) | Should -Be @([ipaddress]$nodes[0].Address, $true)

        $info.LastApiAction.Outcome | Should -Be 'Done'
        $info.LastApiAction.Error | Should -BeNullOrEmpty
        $info.LastApiAction.Age | Should -BeGreaterOrEqual ([TimeSpan]::Zero)
        $info.LastApiError | Should -BeNullOrEmpty
        $info.Preemption.NoPreempt | Should -BeFalse
        $info.Preemption.Delay | Should -Be ([TimeSpan]::Zero)
        $info.Preemption.Deferring | Should -BeFalse

        $info.Uptime | Should -BeGreaterThan ([TimeSpan]::Zero)
        Start-Sleep -Milliseconds 200
        (Get-ExoIpWatchdog -Name node0).Uptime | Should -BeGreaterThan $info.Uptime
        $fresh = Get-ExoIpWatchdog -Name node0
        $list = $fresh | Format-List | Out-String -Width 200
        $list | Should -Match "Peers\s+: $([regex]::Escape($nodes[1].Address)) alive, priority 11, last advert \d+\.\d s ago"
        $list | Should -Match "LastApiAction\s+: $($fresh.LastApiAction.Action) $($fresh.LastApiAction.Outcome) \d+\.\d s ago"
        $list | Should -Match 'LastApiError\s+: none'
        $list | Should -Match 'Preemption\s+: after 0 s'
    }

    It 'shows a -NoPreempt node deferring to the live holder' {
        $holder = Node 1 -Peers $nodes[0].Address
        $null = Start-ExoIpWatchdog @holder -AsJob
        Wait-WatchdogInfo node1 { $_.Role -eq 'Master' -and $_.HoldsElasticIp } | Out-Null
        $returning = Node 0 -Peers $nodes[1].Address
        $null = Start-ExoIpWatchdog @returning -NoPreempt -AsJob

        $info = Wait-WatchdogInfo node0 { $_.Role -eq 'Backup' -and $_.AdvertisedPriority -eq 254 }
        ($info.Preemption.NoPreempt, $info.Preemption.Deferring) | Should -Be @($true, $true)
        (Get-ExoIpWatchdog -Name node1).Preemption.Deferring | Should -BeFalse
        $info | Format-List | Out-String -Width 200 | Should -Match 'Preemption\s+: never \(-NoPreempt\), deferring \(advertising 254\)'
    }

    It 'keeps the last API error after the next action succeeds' {
        Invoke-Emulator $emulator POST faults @{ pathPattern = ':attach$'; statusCode = 503 } | Out-Null
        $options = Node 0 -Peers $nodes[1].Address
        $job = Start-ExoIpWatchdog @options -AsJob
        $failed = (Wait-WatchdogInfo node0 { $_.LastApiError }).LastApiError
        ($failed.Action, $failed.Outcome) | Should -Be @('Attach', 'Failed')
        $failed.Error | Should -Match '503'
        Get-Holder $emulator $eip | Should -BeNullOrEmpty

        Invoke-Emulator $emulator DELETE faults | Out-Null
        $info = Wait-WatchdogInfo node0 { $_.HoldsElasticIp -and $_.LastApiAction.Outcome -ne 'Failed' }
        # The snapshot is published by the loop, the events reach the job's output beside it: the attach's event may
        # come a moment after the snapshot that already holds the Elastic IP.
        Wait-Until { (Receive-Job $job -Keep | Where-Object { $_.Kind -eq 'ApiAction' -and $_.Action -eq 'Attach' })[-1].Outcome -eq 'Done' } -Because 'the attach that succeeded is an event too'
        ($info.LastApiError.Action, $info.LastApiError.Outcome) | Should -Be @('Attach', 'Failed')
        $info.LastApiError.Error | Should -Match '503'
        $info.LastApiError.Age | Should -BeGreaterThan $info.LastApiAction.Age
        $info | Format-List | Out-String -Width 400 | Should -Match 'LastApiError\s+: Attach \d+\.\d s ago: .*503'
    }
}

Describe 'Start-ExoIpWatchdog in the foreground' {
    AfterEach {
        Reset-Cluster
    }

    It 'releases the Elastic IP when the pipeline stops it early' {
        $options = Node 0
        $attach = Start-ExoIpWatchdog @options |
            Where-Object { $_.Kind -eq 'ApiAction' -and $_.Action -eq 'Attach' -and $_.Outcome -eq 'Done' } |
            Select-Object -First 1
        $attach.InstanceId | Should -Be $nodes[0].Id
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
        Get-ExoIpWatchdog | Should -BeNullOrEmpty
    }

    It 'releases the Elastic IP when the pipeline is stopped (Ctrl+C)' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddArgument($manifest).AddStatement().AddCommand('Start-ExoIpWatchdog')
            foreach ($entry in (Node 0).GetEnumerator()) { $null = $shell.AddParameter($entry.Key, $entry.Value) }
            $async = $shell.BeginInvoke()
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -Because 'the foreground watchdog attaches'
            $shell.Stop()
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally {
            # The batch ends on a thread of its own, writing the stop into its error stream: disposing the shell before
            # it has ended closes that stream under it, and the exception kills this process.
            try { $null = $shell.EndInvoke($async) } catch [System.Management.Automation.PipelineStoppedException] { }
            $shell.Dispose()
        }
    }

    It 'stops before starting when an option is invalid, naming the option' -ForEach @(
        @{ Option = 'DeadRatio'; Variable = 'IF_DEAD_RATIO'; Value = 'abc' }
        @{ Option = 'BindAddress'; Variable = 'IF_BIND_TO'; Value = 'nowhere:99999' }
        @{ Option = 'Interval'; Variable = 'IF_ADVERTISEMENT_INTERVAL'; Value = '0.001' }
    ) {
        $saved = Save-Environment $Variable
        try {
            [Environment]::SetEnvironmentVariable($Variable, $Value)
            $options = Node 0
            $options.Remove($Option)
            { Start-ExoIpWatchdog @options -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfiguration,*' -ExpectedMessage "*$Option*$Variable*"
        }
        finally {
            Restore-Environment $saved
        }
    }

    It 'refuses a reconciliation interval that is not positive, naming it' {
        $options = Node 0
        { Start-ExoIpWatchdog @options -ReconcileInterval 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfiguration,*' -ExpectedMessage '*ReconcileInterval*'
    }

    It 'validates without starting (-ValidateOnly)' {
        $options = Node 0
        Start-ExoIpWatchdog @options -ValidateOnly -Verbose 4>&1 | ForEach-Object Message | Should -Contain 'The configuration is valid.'
        $options.ElasticIp = '203.0.113.77'
        { Start-ExoIpWatchdog @options -ValidateOnly -ErrorAction Stop } | Should -Throw -ErrorId 'ElasticIpNotFound,*'
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }
}

Describe 'Get-ExoIpPeer without a running watchdog' {
    It 'lists the running members of a security group, as a watchdog would use them' {
        $peers = Get-ExoIpPeer -PeerGroup 'watchdog-tests' @api
        $peers | ForEach-Object Address | Should -Be @($nodes | ForEach-Object Address)
        $peers.InstanceId | Should -Be @($nodes | ForEach-Object Id)
        $peers | ForEach-Object { $_.State | Should -Be 'running' }
        $peers[0].InstanceName | Should -Be "node-$($nodes[0].Address)"
    }

    It 'leaves out members that are not running' {
        Invoke-Emulator $emulator PUT "instances/$($nodes[3].Id)/state" @{ state = 'stopped' } | Out-Null
        try {
            Get-ExoIpPeer -PeerGroup "watchdog-tests" @api | ForEach-Object Address | Should -Not -Contain $nodes[3].Address
        }
        finally {
            Invoke-Emulator $emulator PUT "instances/$($nodes[3].Id)/state" @{ state = 'running' } | Out-Null
        }
    }

    It 'resolves static peers, warning about an address no instance has' {
        $peers = Get-ExoIpPeer -Peer $nodes[1].Address, '127.0.0.99' @api -WarningVariable warnings -WarningAction SilentlyContinue
        $peers[0].InstanceId | Should -Be $nodes[1].Id
        $peers[1].InstanceId | Should -BeNullOrEmpty
        $warnings | Should -Match '127\.0\.0\.99'
    }

    It 'reports an unknown security group as SecurityGroupNotFound' {
        Get-ExoIpPeer -PeerGroup 'no-such-group' @api -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SecurityGroupNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Start-ExoIpWatchdog inside other kinds of job' {
    AfterEach {
        Reset-Cluster
    }

    It 'runs in Start-ThreadJob and releases on Stop-Job' {
        $options = Node 0
        $job = Start-ThreadJob { Import-Module $using:manifest; $o = $using:options; Start-ExoIpWatchdog @o }
        Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -Because 'the thread job watchdog attaches'
        (Get-ExoIpWatchdog -Name node0).Role | Should -Be 'Master'
        $job | Stop-Job
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'runs in Start-Job and releases on Stop-Job' {
        $options = Node 1 -Peers $nodes[0].Address
        $options.ApiSecret = $secret  # a SecureString does not cross into the job process; converted back there
        $job = Start-Job {
            Import-Module $using:manifest
            $o = $using:options
            $o.ApiSecret = ConvertTo-SecureString $o.ApiSecret -AsPlainText -Force
            Start-ExoIpWatchdog @o
        }
        Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[1].Id } -TimeoutSeconds 40 -Because 'the background job watchdog attaches'
        $job | Stop-Job
        Wait-Until { -not (Get-Holder $emulator $eip) } -Because 'Stop-Job stops the watchdog gracefully'
    }
}

Describe 'Signals, and the exoip command line' {
    BeforeAll {
        $script:environment = @{
            IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[3].Id
        }
    }

    AfterEach {
        Reset-Cluster
    }

    It 'releases the Elastic IP on SIG<Signal>' -ForEach @(@{ Signal = 'TERM' }, @{ Signal = 'INT' }) {
        $node = Start-ExoipProcess -Arguments '-W' -Environment ($environment + @{
                IF_BIND_TO = "$($nodes[3].Address):$port"; IF_EXOSCALE_PEERS = $nodes[2].Address; IF_ADVERTISEMENT_INTERVAL = '0.1' })
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[3].Id } -TimeoutSeconds 30 -Because 'the lone node attaches'
            Send-Signal $node $Signal
            $node.WaitForExit(30000) | Should -BeTrue
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
            # SIGINT stops the pipeline (as Ctrl+C does), which can then no longer print the last event.
            if ($Signal -eq 'TERM') { $node.StdOut.Result | Should -Match 'Stopped' }
        }
        finally {
            Stop-TestProcess $node
        }
    }

    It 'lowers the advertised priority on SIGUSR1 and raises it on SIGUSR2' {
        # This test listens where node 2 would, and reads what node 3 advertises to it.
        $listener = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$nodes[2].Address, $port))
        # A generous bound: the node first starts pwsh, loads the module and checks its configuration with the API.
        $listener.Client.ReceiveTimeout = 30000
        $node = Start-ExoipProcess -Arguments '-W', '-P', '20', '-p', $nodes[2].Address, '-l', "$($nodes[3].Address):$port", '-t', '0.1' -Environment $environment
        function Read-Priority {
            $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
            # Skip adverts already queued, then decode a fresh one.
            while ($listener.Available) { $null = $listener.Receive([ref]$from) }
            (ConvertFrom-ExoIpAdvertisement -Datagram $listener.Receive([ref]$from)).Priority
        }
        try {
            # The node's process takes its time to start on a loaded machine: wait for its first advert.
            Wait-Until { $listener.Available -gt 0 } -TimeoutSeconds 60 -Because 'the exoip process advertises to its peer'
            Read-Priority | Should -Be 20
            Send-Signal $node USR1
            Wait-Until { (Read-Priority) -eq 19 } -Because 'SIGUSR1 makes the node more important'
            Send-Signal $node USR2
            Send-Signal $node USR2
            Wait-Until { (Read-Priority) -eq 21 } -Because 'SIGUSR2 makes it less important'
            $node.HasExited | Should -BeFalse
        }
        finally {
            Stop-TestProcess $node
            $listener.Dispose()
        }
    }

    It 'associates and dissociates with the seed flags (-A, -D)' {
        $flags = '-xi', $eip, '-xk', $key, '-xs', $secret, '-xe', $emulator.ApiEndpoint, '-i', $nodes[1].Id
        $add = Start-ExoipProcess -Arguments (@('-A') + $flags)
        $add.WaitForExit(30000) | Should -BeTrue
        $add.ExitCode | Should -Be 0 -Because $add.StdErr.Result
        Get-Holder $emulator $eip | Should -Be @($nodes[1].Id)

        $remove = Start-ExoipProcess -Arguments (@('-D') + $flags)
        $remove.WaitForExit(30000) | Should -BeTrue
        $remove.ExitCode | Should -Be 0 -Because $remove.StdErr.Result
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'associates from the IF_* variables alone' {
        $add = Start-ExoipProcess -Arguments '-A' -Environment $environment
        $add.WaitForExit(30000) | Should -BeTrue
        $add.ExitCode | Should -Be 0 -Because $add.StdErr.Result
        Get-Holder $emulator $eip | Should -Be @($nodes[3].Id)
    }

    It 'exits <Code> for <Case>' -ForEach @(
        @{ Case = 'an unknown flag'; Arguments = @('-A', '-z'); Code = 2; WrongSecret = $null }
        @{ Case = 'two modes'; Arguments = @('-A', '-D'); Code = 2; WrongSecret = $null }
        @{ Case = 'a wrong secret'; Arguments = @('-A'); Code = 1; WrongSecret = 'wrong' }
        @{ Case = '-n with a valid configuration'; Arguments = @('-W', '-n', '-p', '127.0.0.3'); Code = 0; WrongSecret = $null }
    ) {
        $variables = $environment.Clone()
        # -n checks the bind address can be bound: this node's own, not every address's default port.
        $variables.IF_BIND_TO = "$($nodes[3].Address):$port"
        if ($WrongSecret) { $variables.IF_EXOSCALE_API_SECRET = $WrongSecret }
        $run = Start-ExoipProcess -Arguments $Arguments -Environment $variables
        $run.WaitForExit(30000) | Should -BeTrue
        $run.ExitCode | Should -Be $Code -Because $run.StdErr.Result
        $run.StdErr.Result + $run.StdOut.Result | Should -Not -Match ([regex]::Escape($secret))
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }
}
