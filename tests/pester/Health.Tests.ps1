# ScriptBlock health checks and -OnRoleChange hooks: each runs in a runspace of its own, so it behaves the
# same in the foreground, in Start-ThreadJob and in Start-Job (a job's own runspace is busy running the job).
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    $script:manifest = (Resolve-Path "$PSScriptRoot/../../ExoIp.psd1").Path

    function script:Invoke-Check([scriptblock] $Block, [int] $TimeoutMs = 10000) {
        $check = [ExoIp.PowerShell.Health.ScriptBlockHealthCheck]::new($Block)
        try {
            $cancel = [Threading.CancellationTokenSource]::new($TimeoutMs)
            $check.CheckAsync($cancel.Token).GetAwaiter().GetResult()
        } finally { $check.Dispose() }
    }

    function script:New-Change([string] $Role, [string] $Previous) {
        [ExoIp.Notify.RoleChange]::new([DateTimeOffset]::UtcNow, 'lb', '198.51.100.50', $Role, $Previous, "test $Role")
    }

    # Runs $Block as an -OnRoleChange hook for each role in $Roles, in order; returns the results.
    function script:Invoke-Hook([scriptblock] $Block, [string[]] $Roles, [double] $TimeoutSeconds = 10) {
        $results = [System.Collections.Concurrent.ConcurrentQueue[ExoIp.Notify.NotifyResult]]::new()
        $hook = [ExoIp.PowerShell.Notify.ScriptBlockNotifyHook]::new($Block)
        try {
            $runner = [ExoIp.Notify.NotifyRunner]::new([ExoIp.Notify.INotifyHook[]] @($hook), [TimeSpan]::FromSeconds($TimeoutSeconds), [Action[ExoIp.Notify.NotifyResult]] $results.Enqueue)
            $previous = $null
            foreach ($role in $Roles) { $null = $runner.Enqueue((New-Change $role $previous)); $previous = $role }
            if (-not $runner.CompleteAsync().Wait([TimeSpan]::FromSeconds(60))) { throw 'the hook runner did not finish' }
            $results.ToArray()
        } finally { $hook.Dispose() }
    }
}

Describe 'ScriptBlock health check' {
    It 'is healthy on <Case>' -ForEach @(
        @{ Case = '$true'; Block = { $true } }
        @{ Case = 'a string'; Block = { 'ok' } }
        @{ Case = 'several values'; Block = { 0; 0 } }
        @{ Case = 'a comparison'; Block = { (1 + 1) -eq 2 } }
    ) {
        $result = Invoke-Check $Block
        $result.Outcome | Should -Be Passed
    }

    It 'fails on <Case>, saying why' -ForEach @(
        @{ Case = '$false'; Block = { $false }; Reason = 'returned False' }
        @{ Case = 'no output'; Block = { }; Reason = 'returned nothing' }
        @{ Case = 'a throw'; Block = { throw 'backend down' }; Reason = 'threw: backend down' }
        @{ Case = 'an error and no output'; Block = { Write-Error 'no backend' }; Reason = 'returned nothing (no backend)' }
        @{ Case = 'a failing cmdlet'; Block = { Get-Item /no/such/exoip/path -ErrorAction Stop; $true }; Reason = "threw: Cannot find path '/no/such/exoip/path'*" }
    ) {
        $result = Invoke-Check $Block
        $result.Outcome | Should -Be Failed
        $result.Reason | Should -BeLike $Reason
    }

    It 'does not see the caller''s variables, but sees the environment' {
        $callerOnly = 'set here'
        $env:EXOIP_HEALTH_TEST = 'from the environment'
        try {
            (Invoke-Check { $null -eq $callerOnly }).Outcome | Should -Be Passed
            (Invoke-Check { $env:EXOIP_HEALTH_TEST -eq 'from the environment' }).Outcome | Should -Be Passed
        } finally { Remove-Item env:EXOIP_HEALTH_TEST }
    }

    It 'keeps its runspace between runs' {
        $check = [ExoIp.PowerShell.Health.ScriptBlockHealthCheck]::new({ $script:runs++; $script:runs -ge 2 })
        try {
            $check.CheckAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult().Outcome | Should -Be Failed
            $check.CheckAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult().Outcome | Should -Be Passed
        } finally { $check.Dispose() }
    }

    It 'is stopped when its run is cancelled (the timeout)' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Invoke-Check { Start-Sleep -Seconds 60; $true } -TimeoutMs 300 } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'turns the verdict through the monitor: unhealthy after fall failures, healthy after rise passes' {
        $flag = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        $env:EXOIP_HEALTH_FLAG = $flag
        $transitions = [System.Collections.Concurrent.ConcurrentQueue[ExoIp.Health.HealthTransition]]::new()
        $options = [ExoIp.Health.HealthCheckOptions]@{ HealthCheckInterval = [TimeSpan]::FromSeconds(0.3); HealthCheckTimeout = [TimeSpan]::FromSeconds(0.3) }
        $check = [ExoIp.PowerShell.Health.ScriptBlockHealthCheck]::new({ -not (Test-Path $env:EXOIP_HEALTH_FLAG) })
        $monitor = [ExoIp.Health.HealthMonitor]::new([ExoIp.Health.IHealthCheck[]] @($check), $options, [Action[ExoIp.Health.HealthTransition]] $transitions.Enqueue, $null)
        $stop = [Threading.CancellationTokenSource]::new()
        $run = $monitor.RunAsync($stop.Token)
        try {
            function Wait-Transitions([int] $Count) {
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($transitions.Count -lt $Count -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $transitions.Count | Should -BeGreaterOrEqual $Count -Because "seen: $($transitions.ToArray() -join '; ')"
            }
            Wait-Transitions 1
            $null = New-Item $flag
            Wait-Transitions 2
            Remove-Item $flag
            Wait-Transitions 3
            $seen = $transitions.ToArray()
            $seen.Status | Should -Be @('Healthy', 'Unhealthy', 'Healthy')
            $seen[1].Reason | Should -Be '{ -not (Test-Path $env:EXOIP_HEALTH_FLAG) }: returned False'
            $monitor.Counters.Failed | Should -Be 3
        } finally {
            $stop.Cancel()
            $null = $run.Wait(10000)
            Remove-Item env:EXOIP_HEALTH_FLAG
        }
    }

    It 'runs the same in <Kind>' -ForEach @(
        @{ Kind = 'Start-ThreadJob' }
        @{ Kind = 'Start-Job' }
    ) {
        $body = {
            Import-Module $using:manifest
            foreach ($block in { $true }, { $false }) {
                $check = [ExoIp.PowerShell.Health.ScriptBlockHealthCheck]::new($block)
                $check.CheckAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult().Outcome.ToString()
                $check.Dispose()
            }
        }
        $job = if ($Kind -eq 'Start-Job') { Start-Job $body } else { Start-ThreadJob $body }
        try {
            $job | Wait-Job -Timeout 120 | Out-Null
            $job.State | Should -Be Completed
            Receive-Job $job | Should -Be @('Passed', 'Failed')
        } finally { $job | Remove-Job -Force }
    }
}

Describe '-OnRoleChange ScriptBlock hook' {
    It 'gets each change as $_, in order' {
        $log = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        $env:EXOIP_HOOK_LOG = $log
        try {
            $results = Invoke-Hook { Add-Content $env:EXOIP_HOOK_LOG "$($_.Role) after '$($_.PreviousRole)' on $($_.ElasticIp) for $($_.Name): $($_.Reason)"; "ran $($_.Role)" } Backup, Master, Fault, Stopped
            Get-Content $log | Should -Be @(
                "Backup after '' on 198.51.100.50 for lb: test Backup"
                "Master after 'Backup' on 198.51.100.50 for lb: test Master"
                "Fault after 'Master' on 198.51.100.50 for lb: test Fault"
                "Stopped after 'Fault' on 198.51.100.50 for lb: test Stopped")
            $results.Outcome | Should -Be @('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded')
            $results.Detail | Should -Be @('ran Backup', 'ran Master', 'ran Fault', 'ran Stopped')
        } finally { Remove-Item $log -ErrorAction Ignore; Remove-Item env:EXOIP_HOOK_LOG }
    }

    It 'reports a throw or an error as a failure, and the next change still runs' {
        $results = Invoke-Hook { if ($_.Role -eq 'Master') { throw 'no route' } elseif ($_.Role -eq 'Fault') { Write-Error 'half done' } } Master, Fault, Backup
        $results.Outcome | Should -Be @('Failed', 'Failed', 'Succeeded')
        $results[0].Detail | Should -Be 'threw: no route'
        $results[1].Detail | Should -Be 'half done'
    }

    It 'is stopped at the timeout and the next change runs' {
        $results = Invoke-Hook { if ($_.Role -eq 'Master') { Start-Sleep -Seconds 60 } } Master, Backup -TimeoutSeconds 1
        $results.Outcome | Should -Be @('TimedOut', 'Succeeded')
        $results[0].Detail | Should -BeLike 'still running after 1 s: stopped*'
    }
}

Describe 'Start-ExoIpWatchdog -HealthCheck' {
    BeforeAll {
        . "$PSScriptRoot/TestCluster.ps1"
        $script:key = 'EXOhealth00000000000000001'
        $script:secret = 'health-secret-' + [guid]::NewGuid().ToString('n')
        $script:eip = '198.51.100.61'
        $script:node = @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.2' }
        # Its one peer is an instance that runs no watchdog (a start refuses a peer address no instance has).
        $silent = @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.9' }
        $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances @($node, $silent) -SecurityGroup 'health-tests'
        $script:emulator = Start-ExoIpEmulator -SeedPath $seed
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $script:closedPort = $listener.LocalEndpoint.Port
        $listener.Stop()
        $script:watchdog = @{
            ElasticIp = $eip; InstanceId = $node.Id; BindAddress = "$($node.Address):23480"; Peer = '127.0.0.9'; Interval = 0.1
            ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint
            # 1 s (so a 1 s timeout): on a loaded machine a connect to a closed loopback port may get no answer
            # within 0.2 s, and the reason these tests read is the refusal.
            HealthCheckInterval = 1
        }
    }
    AfterAll {
        Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
        $emulator | Stop-ExoIpEmulator
    }

    It 'puts a node whose check fails in the Fault role: it never attaches, and shows the reason' {
        $job = Start-ExoIpWatchdog @watchdog -Name health-fault -HealthCheck "tcp://127.0.0.1:$closedPort" -AsJob
        try {
            # Fault from the start (not healthy until the checks say so); the reason once the checks have failed.
            $info = Wait-WatchdogInfo health-fault { $_.Role -eq 'Fault' -and $_.Health -eq 'Unhealthy' }
            $info.Health | Should -Be Unhealthy
            $info.HealthReason | Should -BeLike "tcp://127.0.0.1:$($closedPort): *refused*"
            $info.AdvertisedPriority | Should -Be 255
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
            ($info | Format-Table | Out-String -Width 400) | Should -Match 'Unhealthy'
        } finally { $job | Stop-Job; $job | Remove-Job -Force }
    }

    It 'takes the checks from IF_HEALTH_CHECK, and a healthy ScriptBlock check lets the node be master' {
        $saved = $env:IF_HEALTH_CHECK
        $env:IF_HEALTH_CHECK = "tcp://127.0.0.1:$closedPort"
        try {
            $job = Start-ExoIpWatchdog @watchdog -Name health-env -AsJob
            try { (Wait-WatchdogInfo health-env { $_.Role -eq 'Fault' -and $_.Health -eq 'Unhealthy' }).HealthReason | Should -BeLike 'tcp://*' }
            finally { $job | Stop-Job; $job | Remove-Job -Force }
        } finally { $env:IF_HEALTH_CHECK = $saved }

        $job = Start-ExoIpWatchdog @watchdog -Name health-ok -HealthCheck { $true } -AsJob
        try {
            $info = Wait-WatchdogInfo health-ok { $_.Role -eq 'Master' -and $_.HoldsElasticIp }
            $info.Health | Should -Be Healthy
        } finally { $job | Stop-Job; $job | Remove-Job -Force }
    }

    It 'refuses a bad check naming it' {
        { Start-ExoIpWatchdog @watchdog -Name health-bad -HealthCheck 'tcp://127.0.0.1' -AsJob } |
            Should -Throw -ErrorId 'InvalidConfiguration,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand' -ExpectedMessage "*needs a port*"
    }
}
