# Notify hooks from every host: -NotifyCommand and -OnRoleChange in the foreground cmdlet and in a job, and
# exoip -W (the module's exoip script and the native executable) with -N / IF_NOTIFY_COMMAND. Real processes,
# the emulator over HTTP, real UDP on loopback.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOnotify000000000000000001'
    $script:secret = 'notify-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.81'
    $script:node = @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.41' }
    $script:port = Get-FreeUdpPort $node.Address
    # Its one peer is an instance that runs no watchdog (a start refuses a peer address no instance has).
    $silent = @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.49' }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances @($node, $silent) -SecurityGroup 'notify-tests'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{ ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint }
    # A lone node (its one peer never answers): master once its hold-off ends.
    $script:watchdog = @{ ElasticIp = $eip; InstanceId = $node.Id; BindAddress = "$($node.Address):$port"; Peer = '127.0.0.49'; Interval = 0.1 } + $api

    function script:New-Hook([string] $Name) {
        # A notify command that appends "MILLISECONDS ARGC ARGS... role=... previous=... eip=... name=... reason=..." to its log.
        $path = Join-Path $TestDrive "$Name.sh"
        $log = "$path.log"
        Set-Content $path -Value @(
            '#!/bin/sh'
            "echo `"`$(date +%s%3N) `$# `$1 `$2 `$3 role=`$EXOIP_ROLE previous=`$EXOIP_PREVIOUS_ROLE eip=`$EXOIP_ELASTIC_IP name=`$EXOIP_NAME reason=`$EXOIP_REASON`" >> '$log'"
        )
        & chmod +x $path
        [pscustomobject]@{ Command = "$path --from-exoip"; Log = $log }
    }

    function script:Read-Hook($Hook) {
        # The log's lines without the time; none yet is an empty list.
        @(if (Test-Path $Hook.Log) { Get-Content $Hook.Log | ForEach-Object { $_.Substring($_.IndexOf(' ') + 1) } })
    }

    function script:Get-Role($Hook) { @(Read-Hook $Hook | ForEach-Object { ($_ -split ' ')[2] }) }

    function script:Reset-Holders {
        Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
        Get-Holder $emulator $eip | ForEach-Object { Remove-ExoElasticIp $eip -InstanceId $_ @api }
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    $emulator | Stop-ExoIpEmulator
}

Describe 'Start-ExoIpWatchdog -NotifyCommand' {
    AfterEach { Reset-Holders }

    It 'runs the command for Master once the Elastic IP is attached, then for Stopped, in the foreground' {
        $hook = New-Hook foreground
        $master = Start-ExoIpWatchdog @watchdog -Name notify-fg -NotifyCommand $hook.Command |
            Where-Object { $_.Kind -eq 'Notified' -and $_.AnnouncedRole -eq 'Master' } | Select-Object -First 1
        # The pipeline stopped the watchdog gracefully: the Stopped hook has run by the time the cmdlet returns.
        $lines = Read-Hook $hook
        $lines.Count | Should -Be 2 -Because ($lines -join "`n")
        $lines[0] | Should -BeLike "3 --from-exoip Master $eip role=Master previous= eip=$eip name=notify-fg reason=master: *"
        $lines[1] | Should -BeLike "3 --from-exoip Stopped $eip role=Stopped previous=Master eip=$eip name=notify-fg reason=?*"
        $master.Outcome | Should -Be Succeeded
        $master.ExitCode | Should -Be 0
        $master.Hook | Should -Be $hook.Command
        $master.Message | Should -Match "^notify Master: '.*foreground\.sh --from-exoip' exited 0 in \d+ ms$"
        $master.Duration | Should -BeGreaterThan ([TimeSpan]::Zero)

        $attach = Get-HolderHistory $emulator $eip | Where-Object { $_.Action -eq 'attach' -and $_.InstanceId -eq $node.Id } | Select-Object -First 1
        $hookTime = [DateTimeOffset]::FromUnixTimeMilliseconds([long]((Get-Content $hook.Log)[0] -split ' ')[0])
        $hookTime | Should -BeGreaterOrEqual $attach.Time -Because 'the Master hook runs once the API shows the Elastic IP attached here'
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'runs the command and then -OnRoleChange ($_ the change) in a job, Stop-Job ending with Stopped' {
        $hook = New-Hook job
        $scriptLog = Join-Path $TestDrive 'on-role-change.log'
        $env:EXOIP_NOTIFY_TEST_LOG = $scriptLog
        try {
            $job = Start-ExoIpWatchdog @watchdog -Name notify-job -NotifyCommand $hook.Command -AsJob -OnRoleChange {
                Add-Content $env:EXOIP_NOTIFY_TEST_LOG "$($_.Role) previous=$($_.PreviousRole) $($_.ElasticIp) $($_.Name)"
                "told $($_.Role)"
            }
            Wait-Until { (Get-Role $hook) -contains 'Master' -and (Test-Path $scriptLog) } -TimeoutSeconds 40 -Because 'both hooks hear Master'
            (Get-Holder $emulator $eip) | Should -Be @($node.Id)
            $job | Stop-Job
            Get-Role $hook | Should -Be @('Master', 'Stopped')
            Get-Content $scriptLog | Should -Be @("Master previous= $eip notify-job", "Stopped previous=Master $eip notify-job")

            $notified = @(Receive-Job $job | Where-Object Kind -EQ Notified)
            ($notified | ForEach-Object { "$($_.AnnouncedRole) $($_.Outcome)" }) | Should -Be @('Master Succeeded', 'Master Succeeded', 'Stopped Succeeded', 'Stopped Succeeded')
            $notified[0].Hook | Should -Be $hook.Command
            $notified[1].Hook | Should -BeLike '{ Add-Content $env:EXOIP_NOTIFY_TEST_LOG*'
            $notified[1].ExitCode | Should -BeNullOrEmpty
            ($notified | Format-Table | Out-String -Width 300) | Should -Match 'Notified\s+Succeeded'
        }
        finally { Remove-Item env:EXOIP_NOTIFY_TEST_LOG }
    }

    It 'reports a hook that fails as one Notified event at Warning level with its exit code' {
        $path = Join-Path $TestDrive 'failing.sh'
        Set-Content $path -Value '#!/bin/sh', 'echo "cannot reload haproxy" >&2', 'exit 3'
        & chmod +x $path
        $job = Start-ExoIpWatchdog @watchdog -Name notify-fail -NotifyCommand $path -AsJob
        Wait-Until { @($job.ChildJobs[0].Output | Where-Object Kind -EQ Notified).Count -ge 1 } -TimeoutSeconds 40 -Because 'the Master hook runs'
        $failed = $job.ChildJobs[0].Output | Where-Object Kind -EQ Notified | Select-Object -First 1
        $failed.AnnouncedRole | Should -Be Master
        $failed.Outcome | Should -Be Failed
        $failed.ExitCode | Should -Be 3
        $failed.Error | Should -Be 'cannot reload haproxy'
        $failed.Level | Should -Be Warning
        # One event per happening: not said again in the Warning stream.
        $job.ChildJobs[0].Warning.Message | Should -Not -Contain "[notify-fail] $($failed.Message)"
        # The watchdog goes on: it holds the Elastic IP.
        Get-Holder $emulator $eip | Should -Be @($node.Id)
        $job | Stop-Job
    }

    It 'refuses a bad -NotifyTimeout with ParameterArgumentValidationError' -ForEach @(@{ Value = 0 }, @{ Value = -1 }, @{ Value = 7200 }) {
        { Start-ExoIpWatchdog @watchdog -Name notify-bad -NotifyTimeout $Value -NotifyCommand 'true' -AsJob } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand'
        Get-Job -Name notify-bad -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'refuses a bad IF_NOTIFY_TIMEOUT or IF_NOTIFY_COMMAND with InvalidConfiguration, naming it' -ForEach @(
        @{ Variable = 'IF_NOTIFY_TIMEOUT'; Value = 'soon'; Message = "*NotifyTimeout 'soon' from IF_NOTIFY_TIMEOUT is not a number of seconds*" }
        @{ Variable = 'IF_NOTIFY_COMMAND'; Value = '/no/such/exoip-hook'; Message = '*NotifyCommand from IF_NOTIFY_COMMAND*/no/such/exoip-hook*' }
    ) {
        $saved = Save-Environment $Variable
        try {
            [Environment]::SetEnvironmentVariable($Variable, $Value)
            { Start-ExoIpWatchdog @watchdog -Name notify-bad -AsJob } |
                Should -Throw -ErrorId 'InvalidConfiguration,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand' -ExpectedMessage $Message
        }
        finally { Restore-Environment $saved }
    }
}

Describe 'exoip -W notify command (<Runner>)' -ForEach @(@{ Runner = 'native'; Native = $true }, @{ Runner = 'exoip.ps1'; Native = $false }) {
    AfterEach { Reset-Holders }

    It 'runs it for Master, then for Stopped on SIGTERM, from <How>' -ForEach @(@{ How = 'the flag' }, @{ How = 'IF_NOTIFY_COMMAND' }) {
        $hook = New-Hook "exoip-$Runner-$($How -replace '\W', '')"
        $environment = @{ IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint }
        $arguments = @('-W', '-O', '-i', $node.Id, '-l', "$($node.Address):$port", '-p', '127.0.0.49', '-t', '0.1')
        if ($How -eq 'the flag') { $arguments += @('-N', $hook.Command, '-Nt', '5') } else { $environment.IF_NOTIFY_COMMAND = $hook.Command; $environment.IF_NOTIFY_TIMEOUT = '5' }
        $log = Join-Path $TestDrive "exoip-$Runner-$([guid]::NewGuid().ToString('n')).log"
        $process = Start-ExoipProcess -Native:$Native -Arguments $arguments -Environment $environment -LogPath $log
        try {
            Wait-Until { (Get-Role $hook) -contains 'Master' } -TimeoutSeconds 60 -Because "the hook hears Master ($(Get-Content $log -Raw -ErrorAction Ignore))"
            Get-Holder $emulator $eip | Should -Be @($node.Id)
            Send-Signal $process TERM
            $process.WaitForExit(60000) | Should -BeTrue
            # The log is copied from the process's output as it comes: read it once the copy has met the end.
            $process.StdOut.Wait(10000) | Should -BeTrue
            $process.ExitCode | Should -Be 0 -Because (Get-Content $log -Raw)
            $lines = Read-Hook $hook
            $lines.Count | Should -Be 2 -Because ($lines -join "`n")
            $lines[0] | Should -BeLike "3 --from-exoip Master $eip role=Master previous= eip=$eip name=$eip reason=master: *"
            $lines[1] | Should -BeLike "3 --from-exoip Stopped $eip role=Stopped previous=Master eip=$eip name=$eip reason=?*"
            Get-Content $log -Raw | Should -Match "\[$([regex]::Escape($eip))\] Notified: notify Stopped: '.*--from-exoip' exited 0 in \d+ ms"
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally { Stop-TestProcess $process }
    }

    It 'exits 2 with one line for a bad <Case>' -ForEach @(
        @{ Case = '-Nt'; Arguments = @('-W', '-Nt', '0'); Variables = @{}; Message = 'exoip: -Nt: 0 is not a number of seconds from 0.05 to 3600' }
        @{ Case = 'IF_NOTIFY_TIMEOUT'; Arguments = @('-W'); Variables = @{ IF_NOTIFY_TIMEOUT = 'soon' }; Message = 'exoip: IF_NOTIFY_TIMEOUT: soon is not a number of seconds from 0.05 to 3600' }
        @{ Case = '-N'; Arguments = @('-W', '-N', '/no/such/exoip-hook'); Variables = @{}; Message = "exoip: -N: /no/such/exoip-hook cannot run: '/no/such/exoip-hook' does not exist*" }
        @{ Case = '-cf'; Arguments = @('-W', '-cf', '0'); Variables = @{}; Message = 'exoip: -cf: 0 is not a count of rounds (1-1000)' }
        @{ Case = '-Pd'; Arguments = @('-W', '-Pd', '3601'); Variables = @{}; Message = 'exoip: -Pd: 3601 is not a number of seconds from 0 to 3600' }
        @{ Case = 'IF_PREEMPT_DELAY'; Arguments = @('-W'); Variables = @{ IF_PREEMPT_DELAY = 'soon' }; Message = 'exoip: IF_PREEMPT_DELAY: soon is not a number of seconds from 0 to 3600' }
        @{ Case = 'IF_NO_PREEMPT'; Arguments = @('-W'); Variables = @{ IF_NO_PREEMPT = 'maybe' }; Message = 'exoip: IF_NO_PREEMPT: maybe is not yes or no' }
        @{ Case = '-pr'; Arguments = @('-W', '-pr', '0'); Variables = @{}; Message = 'exoip: -pr: 0 is not a number of seconds from 0.05 to 3600' }
        @{ Case = 'IF_RECONCILE_INTERVAL'; Arguments = @('-W'); Variables = @{ IF_RECONCILE_INTERVAL = 'soon' }; Message = 'exoip: IF_RECONCILE_INTERVAL: soon is not a number of seconds from 0.05 to 3600' }
    ) {
        # Everything else in order: the bad value is the only problem (the native line names every problem at once).
        $valid = @{ IF_ADDRESS = $eip; IF_EXOSCALE_PEERS = '127.0.0.3'; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint }
        $run = Start-ExoipProcess -Native:$Native -Arguments $Arguments -Environment ($valid + $Variables)
        $run.WaitForExit(60000) | Should -BeTrue
        $run.ExitCode | Should -Be 2
        $run.StdErr.Result.Trim() | Should -BeLike $Message
        @($run.StdErr.Result.Trim() -split "`n").Count | Should -Be 1
        $run.StdOut.Result | Should -BeNullOrEmpty
    }
}

Describe 'exoip -W health check flags (<Runner>)' -ForEach @(@{ Runner = 'native'; Native = $true }, @{ Runner = 'exoip.ps1'; Native = $false }) {
    AfterEach { Reset-Holders }

    It 'puts a node whose -c check fails in Fault: it never attaches, and its hook hears Fault' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $closed = $listener.LocalEndpoint.Port; $listener.Stop()
        $hook = New-Hook "fault-$Runner"
        $environment = @{ IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint }
        $arguments = @('-W', '-O', '-i', $node.Id, '-l', "$($node.Address):$port", '-p', '127.0.0.49', '-t', '0.1',
            '-c', "tcp://127.0.0.1:$closed", '-ci', '0.2', '-cf', '2', '-cs', '-N', $hook.Command)
        $log = Join-Path $TestDrive "fault-$Runner.log"
        $process = Start-ExoipProcess -Native:$Native -Arguments $arguments -Environment $environment -LogPath $log
        try {
            Wait-Until { (Get-Role $hook) -contains 'Fault' } -TimeoutSeconds 60 -Because "the hook hears Fault ($(Get-Content $log -Raw -ErrorAction Ignore))"
            $unhealthy = "HealthChanged: Unhealthy: tcp://127\.0\.0\.1:$($closed): "
            Wait-Until { (Get-Content $log -Raw) -match $unhealthy } -TimeoutSeconds 30 -Because "the log says so ($(Get-Content $log -Raw -ErrorAction Ignore))"
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
            Send-Signal $process TERM
            $process.WaitForExit(60000) | Should -BeTrue
            $process.StdOut.Wait(10000) | Should -BeTrue # the whole log is in the file
            $process.ExitCode | Should -Be 0 -Because (Get-Content $log -Raw)
            Get-Role $hook | Should -Be @('Fault', 'Stopped')
            # Logged as a warning too: written once, as the event.
            @(Get-Content $log | Where-Object { $_ -match "Unhealthy: tcp://127\.0\.0\.1:$($closed): " }).Count | Should -Be 1 -Because (Get-Content $log -Raw)
        }
        finally { Stop-TestProcess $process }
    }
}
