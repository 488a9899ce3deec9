# The native exoip as a Linux daemon: its status socket and exoip -S, SIGHUP re-reading the -f file, -K keeping the
# Elastic IP on SIGTERM, journal-ready lines, and the Pacemaker agent under ocf-tester. Real processes, real
# signals, real sockets, UDP on loopback, the emulator over HTTP.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOexoipdaemon00000000000001'
    $script:secret = 'exoip-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.80'
    $script:port = Get-FreeUdpPort '127.0.0.31'
    $script:nodes = 31..33 | ForEach-Object { @{ Id = [guid]::NewGuid().ToString(); Address = "127.0.0.$_" } }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'exoip-daemon'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{ ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint }
    $script:environment = @{
        IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
    }
    $script:native = Get-NativeExoip

    function script:Start-Node([string[]] $Extra = @(), [hashtable] $Variables = $environment) {
        # Node 0 of three; the other two never run, so it is master once its hold-off ends.
        $log = Join-Path $TestDrive "node-$([guid]::NewGuid().ToString('n').Substring(0, 6)).log"
        $peers = ($nodes | Select-Object -Skip 1 | ForEach-Object Address) -join ','
        $arguments = @('-W', '-O', '-i', $nodes[0].Id, '-l', "$($nodes[0].Address):$port", '-p', $peers, '-t', '0.2') + $Extra
        $process = Start-ExoipProcess -Native -Arguments $arguments -Environment $Variables -LogPath $log
        $process | Add-Member -NotePropertyName Log -NotePropertyValue $log -PassThru
    }

    function script:Invoke-Native([string[]] $Arguments, [hashtable] $Variables = $environment) {
        $run = Start-ExoipProcess -Native -Arguments $Arguments -Environment $Variables
        if (-not $run.WaitForExit(60000)) { Stop-TestProcess $run; throw "exoip $Arguments did not exit within 60 s." }
        $run
    }

    function script:Wait-Log($Node, [string] $Pattern) {
        Wait-Until { (Get-Content $Node.Log -Raw) -match $Pattern } -TimeoutSeconds 40 -Because "the log shows $Pattern"
    }

    function script:Reset-Holders {
        Get-Holder $emulator $eip | ForEach-Object { Remove-ExoElasticIp $eip -InstanceId $_ @api }
    }
}

AfterAll {
    $emulator | Stop-ExoIpEmulator
}

Describe 'exoip -S and the status socket' {
    AfterEach { Reset-Holders }

    It 'answers on a socket only its owner can open, for a person and as JSON, and exits 3 once nobody answers' {
        $socket = Join-Path $TestDrive 'status.sock'
        $node = Start-Node @('-s', $socket)
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -TimeoutSeconds 40 -Because 'the lone node attaches'
            (& stat -c '%a' $socket) | Should -Be '600'
            # Once it holds the Elastic IP, a lone master makes sure its dead peers do not: a detach that finds nothing to
            # do, or a look when its split watch's listing already showed them without it (a look that found them holding
            # would mean they took it beyond a split).
            Wait-Until -TimeoutSeconds 30 -Because 'the API said it holds the Elastic IP, and it looked at its dead peers' {
                $run = Invoke-Native @('-S', '-s', $socket, '-j')
                $json = if ($run.ExitCode -eq 0) { $run.StdOut.Result | ConvertFrom-Json }
                $json.holdsElasticIp -eq $true -and $json.lastApiAction.action -in 'detach', 'check'
            }
            $state = (Invoke-Native @('-S', '-s', $socket, '-j')).StdOut.Result | ConvertFrom-Json
            $state.role | Should -Be 'master'
            $state.elasticIp | Should -Be $eip
            $state.instanceId | Should -Be $nodes[0].Id
            @($state.peers).Count | Should -Be 2
            @($state.peers | Where-Object alive).Count | Should -Be 0
            $state.peers[0].PSObject.Properties.Name | Should -Be @('address', 'alive', 'priority', 'secondsSinceLastAdvert', 'master')
            $state.health.status | Should -Be 'unchecked'
            $state.preemption.noPreempt | Should -BeFalse
            "$($state.lastApiAction.action)/$($state.lastApiAction.outcome)" | Should -BeIn @('detach/noop', 'check/done')
            $state.lastApiError | Should -BeNullOrEmpty
            $state.uptimeSeconds | Should -BeGreaterThan 0

            $text = Invoke-Native @('-S') -Variables @{ IF_STATUS_SOCKET = $socket }
            $text.ExitCode | Should -Be 0
            $text.StdOut.Result | Should -Match "(?m)^Watchdog $([regex]::Escape($eip)): master, Elastic IP $([regex]::Escape($eip)): holds it\n  exoip \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\), up [\d.]+ s$"
            $text.StdOut.Result | Should -Match "(?m)^  peer $([regex]::Escape($nodes[1].Address)): dead, priority -, last advert - s ago$"

            # A given socket another watchdog serves is an error; the default one is skipped with a warning (below).
            $other = Invoke-Native @('-W', '-O', '-i', $nodes[1].Id, '-l', "$($nodes[1].Address):$port", '-p', $nodes[0].Address, '-s', $socket)
            $other.ExitCode | Should -Be 1
            $other.StdErr.Result.Trim() | Should -BeExactly "exoip: $socket is the status socket of a running exoip"
        }
        finally {
            Send-Signal $node TERM
            $node.WaitForExit(30000) | Out-Null
            Stop-TestProcess $node
        }
        Test-Path $socket | Should -BeFalse
        $none = Invoke-Native @('-S', '-s', $socket)
        $none.ExitCode | Should -Be 3
        $none.StdErr.Result.Trim() | Should -BeExactly "exoip: no watchdog answers on $socket"
    }
}

Describe 'The default status socket' {
    AfterEach { Reset-Holders }

    It 'is skipped, with a warning, by a second watchdog of the same Elastic IP on this host (a cluster on loopback)' {
        # Both on /run/exoip/<eip>.sock (as root; elsewhere both say they cannot make /run/exoip): the second one warns and runs.
        $first = Start-Node
        $log = Join-Path $TestDrive 'second.log'
        $second = $null
        try {
            Wait-Until { (Get-Content $first.Log -Raw) -match '\] Started: ' } -TimeoutSeconds 40 -Because 'the first node starts'
            $second = Start-ExoipProcess -Native -LogPath $log -Environment $environment -Arguments @('-W', '-O', '-i', $nodes[1].Id,
                '-l', "$($nodes[1].Address):$port", '-p', $nodes[0].Address, '-t', '0.2')
            Wait-Until { (Get-Content $log -Raw) -match '\] Started: ' } -TimeoutSeconds 40 -Because 'the second node starts'
            Get-Content $log -Raw | Should -Match 'WARNING: no status socket: .+; give -s PATH for exoip -S'
            $second.HasExited | Should -BeFalse
            $first.HasExited | Should -BeFalse
        }
        finally {
            Stop-TestProcess $second
            Send-Signal $first TERM
            $first.WaitForExit(30000) | Out-Null
            Stop-TestProcess $first
        }
    }
}

Describe 'SIGHUP' {
    AfterEach { Reset-Holders }

    It 're-reads the -f file: a new priority goes out at once, an invalid file keeps the running one, the Elastic IP cannot change' {
        $file = Join-Path $TestDrive 'exoip.conf'
        Set-Content $file "# a comment line`nIF_HOST_PRIORITY=20"
        $listener = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$nodes[1].Address, $port))
        $listener.Client.ReceiveTimeout = 10000
        function Read-Priority {
            $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
            while ($listener.Available) { $null = $listener.Receive([ref]$from) }
            (ConvertFrom-ExoIpAdvertisement -Datagram $listener.Receive([ref]$from)).Priority
        }
        $node = Start-Node @('-f', $file)
        try {
            Wait-Until { (Read-Priority) -eq 20 } -TimeoutSeconds 40 -Because 'the file gives the priority'
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -TimeoutSeconds 40 -Because 'the lone node attaches'

            Set-Content $file "IF_HOST_PRIORITY=30"
            Send-Signal $node HUP
            Wait-Until { (Read-Priority) -eq 30 } -TimeoutSeconds 20 -Because 'the reloaded priority goes out'
            Wait-Log $node "SIGHUP: re-read $([regex]::Escape($file)); applied priority 30"

            Set-Content $file "IF_HOST_PRIORITY=300"
            Send-Signal $node HUP
            Wait-Log $node "SIGHUP: not reloaded, the running configuration stays: IF_HOST_PRIORITY: 300 is not a priority \(0-255\) \(in $([regex]::Escape($file))\)"
            Read-Priority | Should -Be 30

            Set-Content $file "IF_HOST_PRIORITY=30`nIF_ADDRESS=198.51.100.81"
            Send-Signal $node HUP
            Wait-Log $node 'cannot change while running \(left as they were\): ElasticIp \(-xi\)'
            $node.HasExited | Should -BeFalse
            Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)
        }
        finally {
            Stop-TestProcess $node
            $listener.Dispose()
        }
    }

    It 'applies a new peer, no-preempt and a failing health check live, and the Elastic IP never has a moment without a holder' {
        function Start-FileNode($Node, [string] $File, [string] $Socket) {
            $log = Join-Path $TestDrive "reload-$($Node.Address).log"
            $process = Start-ExoipProcess -Native -LogPath $log -Environment $environment -Arguments @('-W', '-O', '-i', $Node.Id,
                '-l', "$($Node.Address):$port", '-t', '0.2', '-f', $File, '-s', $Socket)
            $process | Add-Member -NotePropertyName Log -NotePropertyValue $log -PassThru | Add-Member -NotePropertyName Socket -NotePropertyValue $Socket -PassThru
        }
        function Get-State($Node) {
            $run = Invoke-Native @('-S', '-s', $Node.Socket, '-j')
            if ($run.ExitCode -eq 0) { $run.StdOut.Result | ConvertFrom-Json }
        }
        $first = Join-Path $TestDrive 'first.conf'
        $second = Join-Path $TestDrive 'second.conf'
        # Adverts go to the peers alone: the first node starts knowing only a peer that never runs.
        Set-Content $first "IF_HOST_PRIORITY=20`nIF_EXOSCALE_PEERS=$($nodes[2].Address)"
        Set-Content $second "IF_HOST_PRIORITY=30`nIF_EXOSCALE_PEERS=$($nodes[0].Address)"
        $a = Start-FileNode $nodes[0] $first (Join-Path $TestDrive 'first.sock')
        $b = $null
        try {
            Wait-Until { @(Get-Holder $emulator $eip) -join ',' -eq $nodes[0].Id } -TimeoutSeconds 40 -Because 'the first node attaches'
            $since = [DateTimeOffset]::UtcNow
            @((Get-State $a).peers | ForEach-Object address) | Should -Be @($nodes[2].Address)

            # A new peer: it starts unheard, the one it had is kept; once the second node runs, it is heard (and
            # hears the master: adverts now go to it), so it backs the master up rather than taking the Elastic IP.
            Set-Content $first "IF_HOST_PRIORITY=20`nIF_EXOSCALE_PEERS=$($nodes[1].Address),$($nodes[2].Address)"
            Send-Signal $a HUP
            Wait-Log $a "SIGHUP: re-read $([regex]::Escape($first)); applied Peer \(-p\)\r?\n"
            $peers = (Get-State $a).peers
            @($peers | ForEach-Object address | Sort-Object) | Should -Be @($nodes[1].Address, $nodes[2].Address)
            @($peers | Where-Object alive) | Should -BeNullOrEmpty
            $b = Start-FileNode $nodes[1] $second (Join-Path $TestDrive 'second.sock')
            Wait-Until { ((Get-State $a).peers | Where-Object address -EQ $nodes[1].Address).alive -eq $true } -TimeoutSeconds 20 -Because 'the new peer is heard'
            Wait-Until { (Get-State $b).role -eq 'backup' } -TimeoutSeconds 20 -Because 'the second node hears the master'
            (Get-State $a).role | Should -Be 'master'

            # Better than the master, but under -Pn: priority and rule in one reload, so it defers from its first advert on.
            Set-Content $second "IF_HOST_PRIORITY=5`nIF_NO_PREEMPT=yes`nIF_EXOSCALE_PEERS=$($nodes[0].Address)"
            Send-Signal $b HUP
            Wait-Log $b "SIGHUP: re-read $([regex]::Escape($second)); applied priority 5, NoPreempt \(-Pn\)\r?\n"
            Wait-Until { $state = Get-State $b; $state.preemption.noPreempt -and $state.preemption.deferring } -TimeoutSeconds 20 -Because 'the better node defers under -Pn'
            Wait-Until { ((Get-State $a).peers | Where-Object address -EQ $nodes[1].Address).priority -eq 254 } -TimeoutSeconds 20 -Because 'the master hears it deferring'
            (Get-State $a).role | Should -Be 'master'
            (Get-HolderStats $emulator $eip -From $since).Changes | Should -Be 0 -Because 'a node that defers takes nothing'

            # Without the rule again, the better node takes over (make-before-break).
            Set-Content $second "IF_HOST_PRIORITY=5`nIF_EXOSCALE_PEERS=$($nodes[0].Address)"
            Send-Signal $b HUP
            Wait-Until { @(Get-Holder $emulator $eip) -join ',' -eq $nodes[1].Id } -TimeoutSeconds 40 -Because 'without -Pn the better node preempts'

            # A failing check: the master goes to Fault and hands over; the old check's verdict does not linger.
            $closed = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
            $closed.Start(); $closedPort = $closed.LocalEndpoint.Port; $closed.Stop()
            Set-Content $second "IF_HOST_PRIORITY=5`nIF_EXOSCALE_PEERS=$($nodes[0].Address)`nIF_HEALTH_CHECK=tcp://127.0.0.1:$closedPort`nIF_HEALTH_CHECK_INTERVAL=1"
            Send-Signal $b HUP
            Wait-Log $b "SIGHUP: re-read $([regex]::Escape($second)); applied HealthCheck \(-c\), HealthCheckInterval \(-ci\)\r?\n"
            Wait-Until { $state = Get-State $b; $state.role -eq 'fault' -and $state.health.status -eq 'unhealthy' } -TimeoutSeconds 20 -Because 'the failing check puts it in Fault'
            Wait-Until { @(Get-Holder $emulator $eip) -join ',' -eq $nodes[0].Id } -TimeoutSeconds 40 -Because 'the healthy node takes the Elastic IP back'

            # The check removed: healthy again at once, and the better node takes it back.
            Set-Content $second "IF_HOST_PRIORITY=5`nIF_EXOSCALE_PEERS=$($nodes[0].Address)"
            Send-Signal $b HUP
            Wait-Until { (Get-State $b).health.status -eq 'unchecked' } -TimeoutSeconds 20 -Because 'no check any more'
            Wait-Until { @(Get-Holder $emulator $eip) -join ',' -eq $nodes[1].Id } -TimeoutSeconds 40 -Because 'the healthy better node preempts'

            $stats = Get-HolderStats $emulator $eip -From $since
            $stats.LongestWithoutHolder | Should -Be ([TimeSpan]::Zero) -Because 'every move was make-before-break, and no reload dropped the Elastic IP'
            $stats.Changes | Should -BeGreaterThan 0
            $a.HasExited | Should -BeFalse
            $b.HasExited | Should -BeFalse
        }
        finally {
            Stop-TestProcess $a
            Stop-TestProcess $b
        }
    }

    It 'checks an edited file with -n while the watchdog holds the port' {
        $file = Join-Path $TestDrive 'check.conf'
        Set-Content $file 'IF_HOST_PRIORITY=40'
        $node = Start-Node
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -TimeoutSeconds 40 -Because 'the watchdog runs'
            $check = Invoke-Native @('-W', '-n', '-f', $file, '-i', $nodes[0].Id, '-l', "$($nodes[0].Address):$port", '-p', $nodes[1].Address)
            $check.ExitCode | Should -Be 0 -Because $check.StdErr.Result
            $check.StdOut.Result.Trim() | Should -BeExactly "The configuration is valid: Elastic IP $eip, instance $($nodes[0].Id); $($nodes[0].Address):$port is in use (by the running exoip, if one runs: exoip -S says)."
        }
        finally {
            Stop-TestProcess $node
        }
    }
}

Describe '-K and IF_KEEP_ELASTIC_IP' {
    AfterEach { Reset-Holders }

    It 'keeps the Elastic IP on SIGTERM (<Source>) and exits 0' -ForEach @(@{ Source = '-K'; Flag = @('-K'); Keep = @{} }, @{ Source = 'IF_KEEP_ELASTIC_IP'; Flag = @(); Keep = @{ IF_KEEP_ELASTIC_IP = 'yes' } }) {
        $merged = $environment.Clone()
        foreach ($name in $Keep.Keys) { $merged[$name] = $Keep[$name] }
        $node = Start-Node $Flag $merged
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -TimeoutSeconds 40 -Because 'the lone node attaches'
            Send-Signal $node TERM
            $node.WaitForExit(30000) | Should -BeTrue
            $node.ExitCode | Should -Be 0
            Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)
            Get-Content $node.Log -Raw | Should -Match 'SIGTERM: stopping and keeping the Elastic IP \(-K\)'
        }
        finally {
            Stop-TestProcess $node
        }
    }
}

Describe 'systemd''s watchdog period' {
    AfterEach { Reset-Holders }

    It 'warns when WatchdogSec= is under three intervals, which an idle loop may sleep half of (<Usec> µs at 0.2 s: <Warns>)' -ForEach @(
        @{ Usec = 500000; Warns = $true }   # pings every 0.25 s; an idle loop looks at the time every 0.3 s
        @{ Usec = 600000; Warns = $false }  # pings every 0.3 s
    ) {
        # An abstract notify socket nobody reads: the watchdog sends into it and carries on.
        $variables = $environment.Clone()
        $variables['NOTIFY_SOCKET'] = '@exoip-test-' + [guid]::NewGuid().ToString('n')
        $variables['WATCHDOG_USEC'] = "$Usec"
        $node = Start-Node -Variables $variables
        try {
            Wait-Log $node '\] Started: '
            $warning = 'WatchdogSec= is under three times the interval \(0\.2 s\): an idle loop wakes every 0\.3 s at the least and cannot ping every 0\.25 s'
            if ($Warns) { Get-Content $node.Log -Raw | Should -Match $warning }
            else { Get-Content $node.Log -Raw | Should -Not -Match 'WatchdogSec=' }
        }
        finally {
            Send-Signal $node TERM
            $node.WaitForExit(30000) | Out-Null
            Stop-TestProcess $node
        }
    }
}

Describe 'Lines for the journal' {
    It 'carry the sd-daemon priority and no timestamp when standard output is the journal''s socket, and not otherwise' {
        # A stream socket standing for journald's, with JOURNAL_STREAM naming it as systemd does (device:inode).
        $script = @'
import os, socket, subprocess, sys
journal, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
st = os.fstat(child.fileno())
env = dict(os.environ, JOURNAL_STREAM="%d:%d" % (st.st_dev, st.st_ino))
process = subprocess.Popen(sys.argv[1:], stdout=child, env=env)
child.close()
print(journal.makefile("r").readline(), end="")
process.terminate()
process.wait(30)
'@
        $arguments = @('-W', '-O', '-i', $nodes[2].Id, '-l', "$($nodes[2].Address):$port", '-p', $nodes[1].Address, '-m', 'http://127.0.0.1:0/metrics')
        $env:IF_ADDRESS = $eip; $env:IF_EXOSCALE_API_KEY = $key; $env:IF_EXOSCALE_API_SECRET = $secret; $env:IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
        try {
            $line = & python3 -c $script $native @arguments
            $line | Should -Match '^<6>metrics at http://127\.0\.0\.1:\d+/metrics$'
        }
        finally {
            Remove-Item Env:IF_ADDRESS, Env:IF_EXOSCALE_API_KEY, Env:IF_EXOSCALE_API_SECRET, Env:IF_EXOSCALE_API_ENDPOINT
        }
        # A pipe is no journal, whatever JOURNAL_STREAM says: timestamps stay, no prefix.
        $log = Join-Path $TestDrive 'piped.log'
        $piped = Start-ExoipProcess -Native -Arguments $arguments -Environment ($environment + @{ JOURNAL_STREAM = '8:12345' }) -LogPath $log
        try {
            Wait-Until { (Get-Content $log -Raw) -match 'metrics at' } -TimeoutSeconds 40 -Because 'the node logs where its metrics are'
            Get-Content $log | Select-Object -First 1 | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z metrics at http://127\.0\.0\.1:\d+/metrics$'
        }
        finally {
            Stop-TestProcess $piped
        }
    }
}

Describe 'ocf:exoscale:exoip' {
    AfterEach { Reset-Holders }

    It 'passes ocf-tester against the emulator' {
        $secretFile = Join-Path $TestDrive 'secret'
        Set-Content $secretFile $secret
        & chmod 600 $secretFile
        # ocf-tester runs meta-data as nobody, who may not enter the clone's folder (a 0700 mktemp -d):
        # the agent goes where every user can read it, as it would under /usr/lib/ocf.
        $agentDir = Join-Path $TestDrive 'ocf'
        New-Item -ItemType Directory $agentDir | Out-Null
        $agent = Join-Path $agentDir 'exoip'
        Copy-Item "$PSScriptRoot/../../packaging/ocf/exoip" $agent
        & chmod 755 $TestDrive $agentDir $agent
        $output = & ocf-tester -n exoip-test -o "elastic_ip=$eip" -o "api_key=$key" -o "api_secret_file=$secretFile" `
            -o "api_endpoint=$($emulator.ApiEndpoint)" -o "instance_id=$($nodes[0].Id)" -o "exoip=$native" $agent 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output -join "`n") | Should -Match "$([regex]::Escape($agent)) passed all tests"
        Get-Holder $emulator $eip | Should -BeNullOrEmpty -Because 'ocf-tester ends with a stop'
        $output -join "`n" | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'tells Pacemaker the Elastic IP is not running here (7), then running (0) after start' {
        $agent = (Resolve-Path "$PSScriptRoot/../../packaging/ocf/exoip").Path
        $ocf = @{ OCF_ROOT = '/usr/lib/ocf'; OCF_RESKEY_elastic_ip = $eip; OCF_RESKEY_api_key = $key; OCF_RESKEY_api_secret = $secret
            OCF_RESKEY_api_endpoint = $emulator.ApiEndpoint; OCF_RESKEY_instance_id = $nodes[0].Id; OCF_RESKEY_exoip = $native }
        foreach ($name in $ocf.Keys) { [Environment]::SetEnvironmentVariable($name, $ocf[$name]) }
        try {
            & $agent monitor | Out-Null; $LASTEXITCODE | Should -Be 7
            & $agent start | Out-Null; $LASTEXITCODE | Should -Be 0
            Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)
            & $agent monitor | Out-Null; $LASTEXITCODE | Should -Be 0
            & $agent stop | Out-Null; $LASTEXITCODE | Should -Be 0
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
            [Environment]::SetEnvironmentVariable('OCF_RESKEY_elastic_ip', $null)
            & $agent validate-all 2>&1 | Out-Null; $LASTEXITCODE | Should -Be 6
        }
        finally {
            foreach ($name in $ocf.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
        }
    }
}
