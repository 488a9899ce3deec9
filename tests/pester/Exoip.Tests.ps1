# The exoip command line from both hosts, as a service manager meets it: the native executable
# (out/native/exoip) and the module's exoip script in pwsh, each a real process against the emulator over HTTP,
# real UDP on loopback, real signals. Every case runs against both hosts, which read one definition of the
# command line (ExoIp.CommandLine), so they must behave alike.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOexoipcli0000000000000001'
    $script:secret = 'exoip-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.70'
    $script:port = Get-FreeUdpPort '127.0.0.21'
    $script:nodes = 21..24 | ForEach-Object { @{ Id = [guid]::NewGuid().ToString(); Address = "127.0.0.$_" } }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'exoip-tests'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{ ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint }
    $script:environment = @{
        IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
    }

    function script:Reset-Holders {
        Get-Holder $emulator $eip | ForEach-Object { Remove-ExoElasticIp $eip -InstanceId $_ @api }
    }

    function script:Invoke-Exoip([bool] $Native, [string[]] $Arguments, [hashtable] $Variables = $environment) {
        # Runs to the end (bounded); the process, with its output read.
        $run = Start-ExoipProcess -Native:$Native -Arguments $Arguments -Environment $Variables
        if (-not $run.WaitForExit(60000)) { Stop-TestProcess $run; throw "exoip $Arguments did not exit within 60 s." }
        $run
    }

    function script:Watchdog([bool] $Native, [int] $Index, [int] $Priority, [string[]] $Extra = @(), [hashtable] $Variables = @{}) {
        # A watchdog node on $nodes[$Index], its peers the other nodes, logging to a file.
        $node = $nodes[$Index]
        $peers = @($nodes | Where-Object Address -NE $node.Address | ForEach-Object Address) -join ','
        $log = Join-Path $TestDrive "node$Index-$([guid]::NewGuid().ToString('n').Substring(0, 6)).log"
        $arguments = @('-W', '-O', '-i', $node.Id, '-l', "$($node.Address):$port", '-p', $peers, '-P', "$Priority", '-t', '0.2') + $Extra
        $process = Start-ExoipProcess -Native:$Native -Arguments $arguments -Environment (Merge $environment $Variables) -LogPath $log
        $process | Add-Member -NotePropertyName Log -NotePropertyValue $log -PassThru
    }

    function script:Get-Metrics([string] $Url) {
        # The exposition, parsed: one object per sample (name, labels, value); comments checked for shape.
        $text = (Invoke-WebRequest -Uri $Url -TimeoutSec 10).Content
        foreach ($line in $text -split "`n" | Where-Object { $_ }) {
            if ($line.StartsWith('#')) {
                if ($line -notmatch '^# (HELP|TYPE) exoip_\w+ .+$') { throw "Not an exposition comment: $line" }
                continue
            }
            if ($line -notmatch '^(?<name>exoip_\w+)\{(?<labels>[^}]*)\} (?<value>\S+)$') { throw "Not a sample: $line" }
            $labels = @{}
            foreach ($pair in [regex]::Matches($Matches.labels, '(\w+)="((?:[^"\\]|\\.)*)"')) { $labels[$pair.Groups[1].Value] = $pair.Groups[2].Value }
            [pscustomobject]@{ Name = $Matches.name; Labels = $labels; Value = [double]::Parse($Matches.value, [Globalization.CultureInfo]::InvariantCulture) }
        }
    }

    function script:Get-Sample($Samples, [string] $Name, [hashtable] $Labels = @{}) {
        foreach ($sample in $Samples) {
            if ($sample.Name -ne $Name) { continue }
            if (@($Labels.Keys | Where-Object { $Labels[$_] -ne $sample.Labels[$_] }).Count -eq 0) { $sample }
        }
    }

    function script:Get-MetricValue([string] $Url, [string] $Name) {
        # For waits: null while the node is not serving yet.
        try { (Get-Sample (Get-Metrics $Url) $Name).Value } catch { $null }
    }

    function script:Merge([hashtable] $Base, [hashtable] $Changes) {
        $merged = $Base.Clone()
        foreach ($name in $Changes.Keys) { $merged[$name] = $Changes[$name] }
        $merged
    }

    function script:Get-FreeTcpPort([string] $Address) {
        $listener = [Net.Sockets.TcpListener]::new([ipaddress]$Address, 0)
        try { $listener.Start(); $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }
}

AfterAll {
    $emulator | Stop-ExoIpEmulator
}

Describe 'exoip (<Runner>)' -ForEach @(@{ Runner = 'native'; Native = $true }, @{ Runner = 'exoip.ps1'; Native = $false }) {
    AfterEach {
        Reset-Holders
    }

    It 'prints the usage for <Flag> and exits 0' -ForEach @(@{ Flag = '-h' }, @{ Flag = '--help' }) {
        $run = Invoke-Exoip $Native @($Flag)
        $run.ExitCode | Should -Be 0 -Because $run.StdErr.Result
        $run.StdOut.Result | Should -BeExactly ([ExoIp.CommandLine.CommandLineUsage]::Text)
        $run.StdErr.Result | Should -BeNullOrEmpty
    }

    # Each case's only problem is its bad value (the native line names every problem at once: Preflight.Tests.ps1).
    It 'exits 2 naming <Subject> for <Case>' -ForEach @(
        @{ Case = 'a priority out of range'; Arguments = @('-W', '-p', '127.0.0.3', '-P', '300'); Variables = @{}; Subject = '-P'; Message = 'exoip: -P: 300 is not a priority (0-255)' }
        @{ Case = 'a bad variable'; Arguments = @('-W', '-p', '127.0.0.3'); Variables = @{ IF_HOST_PRIORITY = '300' }; Subject = 'IF_HOST_PRIORITY'; Message = 'exoip: IF_HOST_PRIORITY: 300 is not a priority (0-255)' }
        @{ Case = 'an unknown flag'; Arguments = @('-A', '-z'); Variables = @{}; Subject = '-z'; Message = 'exoip: -z: unknown flag (exoip -h lists them)' }
        @{ Case = 'a flag without its value'; Arguments = @('-W', '-t'); Variables = @{}; Subject = '-t'; Message = 'exoip: -t: needs a value (sec)' }
        @{ Case = 'a bad peer'; Arguments = @('-W', '-p', '10.0.0.1,nope'); Variables = @{}; Subject = '-p'; Message = "exoip: -p: 10.0.0.1,nope has 'nope', which is not an IPv4 address" }
        @{ Case = 'a bad metrics address'; Arguments = @('-W', '-p', '127.0.0.3', '-m', 'example.com:9707'); Variables = @{}; Subject = '-m'; Message = 'exoip: -m: example.com:9707 names a host; give an IP address to listen on (127.0.0.1 for this host only)' }
        @{ Case = 'two modes'; Arguments = @('-A', '-D'); Variables = @{}; Subject = 'exoip'; Message = 'exoip: give only one of -A, -D' }
    ) {
        $run = Invoke-Exoip $Native $Arguments (Merge $environment $Variables)
        $run.ExitCode | Should -Be 2
        $run.StdErr.Result.Trim() | Should -BeExactly $Message
        $run.StdOut.Result | Should -BeNullOrEmpty
    }

    It 'takes the peer refresh (-pr) and the reconciliation (-xr) in seconds, as IF_PEER_REFRESH_INTERVAL and IF_RECONCILE_INTERVAL' {
        $arguments = @('-W', '-n', '-v', '-i', $nodes[0].Id, '-l', "$($nodes[0].Address):$port", '-p', $nodes[1].Address, '-pr', '120')
        $run = Invoke-Exoip $Native $arguments (Merge $environment @{ IF_RECONCILE_INTERVAL = '7.5' })
        $run.ExitCode | Should -Be 0 -Because $run.StdErr.Result
        $text = $run.StdOut.Result + $run.StdErr.Result
        # The pwsh route hands the cmdlet TimeSpans: 120 seconds, not "120" read as days.
        $text | Should -Match ($Native ? 'PeerRefreshInterval 120 from -pr' : 'PeerRefreshInterval 00:02:00 from -PeerRefreshInterval')
        $text | Should -Match 'ReconcileInterval 7\.5 from IF_RECONCILE_INTERVAL'
    }

    It 'exits 1 on a runtime error (the API refuses the secret), without the secret in its output' {
        $run = Invoke-Exoip $Native @('-A', '-i', $nodes[0].Id) (Merge $environment @{ IF_EXOSCALE_API_SECRET = 'wrong-secret' })
        $run.ExitCode | Should -Be 1 -Because $run.StdErr.Result
        $run.StdErr.Result | Should -Match '^exoip: '
        $run.StdErr.Result + $run.StdOut.Result | Should -Not -Match 'wrong-secret'
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'prints one line for -A and -D, saying what was done or that nothing was needed' {
        $flags = @('-i', $nodes[0].Id)
        $first = Invoke-Exoip $Native (@('-A') + $flags)
        $first.ExitCode | Should -Be 0 -Because $first.StdErr.Result
        $first.StdOut.Result.Trim() | Should -BeExactly "Associated Elastic IP $eip with instance $($nodes[0].Id)."
        Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)

        $again = Invoke-Exoip $Native (@('-A') + $flags)
        $again.StdOut.Result.Trim() | Should -BeExactly "Elastic IP $eip is already associated with instance $($nodes[0].Id): nothing to do."

        $remove = Invoke-Exoip $Native (@('-D') + $flags)
        $remove.ExitCode | Should -Be 0 -Because $remove.StdErr.Result
        $remove.StdOut.Result.Trim() | Should -BeExactly "Dissociated Elastic IP $eip from instance $($nodes[0].Id)."
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'releases the Elastic IP on SIG<Signal> and exits 0' -ForEach @(@{ Signal = 'TERM' }, @{ Signal = 'INT' }) {
        $node = Watchdog $Native 3 10
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[3].Id } -TimeoutSeconds 40 -Because 'the lone node attaches'
            Send-Signal $node $Signal
            $node.WaitForExit(30000) | Should -BeTrue
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
            $node.ExitCode | Should -Be 0 -Because (Get-Content $node.Log -Raw)
        }
        finally {
            Stop-TestProcess $node
        }
    }

    It 'lowers the advertised priority on SIGUSR1 and raises it on SIGUSR2 (read off the wire)' {
        # The test listens where node 2 would, and reads what node 3 advertises to it.
        $listener = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]$nodes[2].Address, $port))
        $listener.Client.ReceiveTimeout = 10000
        $node = Watchdog $Native 3 20
        function Read-Priority {
            $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
            while ($listener.Available) { $null = $listener.Receive([ref]$from) }
            (ConvertFrom-ExoIpAdvertisement -Datagram $listener.Receive([ref]$from)).Priority
        }
        try {
            Wait-Until { (Read-Priority) -eq 20 } -TimeoutSeconds 40 -Because 'the node advertises its priority'
            Send-Signal $node USR1
            Wait-Until { (Read-Priority) -eq 19 } -TimeoutSeconds 20 -Because 'SIGUSR1 makes the node more important'
            Send-Signal $node USR2
            Send-Signal $node USR2
            Wait-Until { (Read-Priority) -eq 21 } -TimeoutSeconds 20 -Because 'SIGUSR2 makes it less important'
            $node.HasExited | Should -BeFalse
        }
        finally {
            Stop-TestProcess $node
            $listener.Dispose()
        }
    }

    It 'serves the metrics with exoip_master on the holder, and exoip_holds_elastic_ip from the API' {
        $metricsPort = Get-FreeTcpPort '127.0.0.1'
        $url = "http://127.0.0.1:$metricsPort/metrics"
        # -m on the command line for one host, IF_METRICS_ADDRESS for the other: both are the same row.
        $node = if ($Native) { Watchdog $Native 3 10 @('-m', $url) } else { Watchdog $Native 3 10 -Variables @{ IF_METRICS_ADDRESS = ":$metricsPort" } }
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[3].Id } -TimeoutSeconds 40 -Because 'the lone node attaches'
            $labels = @{ elastic_ip = $eip; watchdog = $eip }
            Wait-Until -TimeoutSeconds 30 -Because 'the metrics show the master holding the Elastic IP' {
                $samples = try { Get-Metrics $url } catch { @() }
                (Get-Sample $samples exoip_master $labels).Value -eq 1 -and (Get-Sample $samples exoip_holds_elastic_ip $labels).Value -eq 1
            }
            $samples = Get-Metrics $url
            (Get-Sample $samples exoip_role @{ role = 'master' }).Value | Should -Be 1
            (Get-Sample $samples exoip_role @{ role = 'backup' }).Value | Should -Be 0
            (Get-Sample $samples exoip_priority).Value | Should -Be 10
            (Get-Sample $samples exoip_peers_known).Value | Should -Be 3
            (Get-Sample $samples exoip_peers_alive).Value | Should -Be 0
            (Get-Sample $samples exoip_adverts_sent_total).Value | Should -BeGreaterThan 0
            (Get-Sample $samples exoip_role_changes_total).Value | Should -BeGreaterThan 0
            (Get-Sample $samples exoip_api_requests_total @{ operation = 'attach_elastic_ip'; outcome = 'success' }).Value | Should -BeGreaterOrEqual 1
            $count = (Get-Sample $samples exoip_api_request_duration_seconds_count @{ operation = 'attach_elastic_ip' }).Value
            (Get-Sample $samples exoip_api_request_duration_seconds_bucket @{ operation = 'attach_elastic_ip'; le = '+Inf' }).Value | Should -Be $count
            (Invoke-WebRequest -Uri "http://127.0.0.1:$metricsPort/other" -SkipHttpErrorCheck).StatusCode | Should -Be 404
        }
        finally {
            Stop-TestProcess $node
        }
    }
}

Describe 'exoip.ps1 and the native executable''s own flags' {
    AfterEach {
        Reset-Holders
    }

    # -C, -K and -S serve the native executable's companions (the Pacemaker agent, a planned restart, its status
    # socket): the script refuses them, changing nothing, even where the rest of the line would run -A or -D.
    It 'refuses <Flag> with exit 2 and leaves the Elastic IP where it is' -ForEach @(
        @{ Flag = '-C'; Arguments = @('-C'); Message = 'exoip: -C: only the native exoip takes it (in pwsh: Add-ExoElasticIp -WhatIf says whether it is attached)' }
        @{ Flag = '-K'; Arguments = @('-W', '-K', '-p', '127.0.0.3'); Message = 'exoip: -K: only the native exoip takes it (in pwsh: Stop-ExoIpWatchdog -KeepElasticIp)' }
        @{ Flag = '-S'; Arguments = @('-S'); Message = 'exoip: -S: only the native exoip takes it (in pwsh: Get-ExoIpWatchdog shows the watchdogs of its own session)' }
    ) {
        Add-ExoElasticIp $eip -InstanceId $nodes[0].Id @api -Confirm:$false
        $since = [DateTime]::UtcNow.ToString('o')
        $run = Invoke-Exoip $false ($Arguments + @('-i', $nodes[0].Id))
        $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
        $run.StdErr.Result.Trim() | Should -BeExactly $Message
        @(Invoke-Emulator $emulator GET "requests?since=$since") | Should -BeNullOrEmpty
        Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)
    }
}

Describe 'A mixed cluster: native nodes and exoip.ps1 (Start-ExoIpWatchdog) nodes' {
    AfterEach {
        Reset-Holders
    }

    It 'fails over from native to pwsh and back, exoip_master following the Elastic IP' {
        $nativePort = Get-FreeTcpPort '127.0.0.1'
        $pwshPort = Get-FreeTcpPort '127.0.0.1'
        $nativeUrl = "http://127.0.0.1:$nativePort/metrics"
        $pwshUrl = "http://127.0.0.1:$pwshPort/metrics"
        $native = Watchdog $true 0 10 @('-m', $nativeUrl)
        $pwsh = Watchdog $false 1 20 @('-m', $pwshUrl)
        $restarted = $null
        function Master([string] $Url) { Get-MetricValue $Url exoip_master }
        try {
            Wait-SoleHolder @{ Emulator = $emulator; ElasticIp = $eip } @{ Name = 'native node'; Id = $nodes[0].Id } -TimeoutSeconds 60
            Wait-Until { (Master $nativeUrl) -eq 1 -and (Master $pwshUrl) -eq 0 } -TimeoutSeconds 30 -Because 'the native master says so, the pwsh backup too'

            # The backup must have heard the master before it dies: a node that never heard the holder cannot tell a dead
            # process from a link it lacks, and stays out (Fault) rather than take the address from a running instance.
            Wait-Until { (Get-MetricValue $pwshUrl exoip_peers_alive) -ge 1 } -TimeoutSeconds 30 -Because 'the pwsh node hears the native master'
            Stop-TestProcess $native   # SIGKILL: no handover, the backup must notice the silence
            Wait-SoleHolder @{ Emulator = $emulator; ElasticIp = $eip } @{ Name = 'pwsh node'; Id = $nodes[1].Id } -TimeoutSeconds 60
            Wait-Until { (Master $pwshUrl) -eq 1 } -TimeoutSeconds 30 -Because 'the pwsh node says it is master'

            $restarted = Watchdog $true 0 10 @('-m', $nativeUrl)
            Wait-Until { (Get-MetricValue $nativeUrl exoip_peers_alive) -ge 1 } -TimeoutSeconds 60 -Because 'the native node hears the pwsh node'
            Send-Signal $pwsh TERM     # a graceful stop hands the Elastic IP to the best live peer
            Wait-SoleHolder @{ Emulator = $emulator; ElasticIp = $eip } @{ Name = 'native node'; Id = $nodes[0].Id } -TimeoutSeconds 60
            Wait-Until { (Master $nativeUrl) -eq 1 } -TimeoutSeconds 30 -Because 'the native node is master again'
            $pwsh.WaitForExit(30000) | Should -BeTrue
            $pwsh.ExitCode | Should -Be 0 -Because (Get-Content $pwsh.Log -Raw)
        }
        catch {
            # The nodes' logs live in TestDrive, gone after the run: a failure carries them.
            $logs = foreach ($process in @($native, $pwsh, $restarted) | Where-Object { $_ }) { "--- $($process.Log)`n$(Get-Content $process.Log -Raw -ErrorAction Ignore)" }
            throw "$_`n$($logs -join "`n")"
        }
        finally {
            Stop-TestProcess $native
            Stop-TestProcess $pwsh
            Stop-TestProcess $restarted
        }
    }
}

Describe 'The module''s exoip launcher' {
    BeforeAll {
        $script:launcher = (Resolve-Path "$PSScriptRoot/../../out/ExoIp/exoip").Path
        function script:Invoke-Launcher([string] $Path, [string] $WorkingDirectory) {
            $start = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
            $start.ArgumentList.Add($launcher)
            $start.ArgumentList.Add('-h')
            $start.Environment['PATH'] = $Path
            $start.WorkingDirectory = $WorkingDirectory
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $process = [Diagnostics.Process]::Start($start)
            $output = $process.StandardOutput.ReadToEndAsync()
            $errors = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(60000)) { $process.Kill(); throw 'The launcher did not exit within 60 s.' }
            [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $output.Result; StdErr = $errors.Result }
        }
    }

    It 'finds PowerShell as a local dotnet tool (no pwsh on PATH), from any directory' {
        # This repository's pwsh is a local tool: the launcher must find it through its own directory.
        $dotnet = Split-Path (Get-Command dotnet).Source
        $run = Invoke-Launcher -Path "$dotnet`:/usr/bin:/bin" -WorkingDirectory $TestDrive
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $run.StdOut | Should -BeExactly ([ExoIp.CommandLine.CommandLineUsage]::Text)
    }

    It 'says how to get PowerShell when there is none, and exits 1' {
        # A PATH with what the script itself needs, and neither pwsh nor dotnet.
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bin') -Force
        foreach ($tool in 'readlink', 'dirname') { New-Item -ItemType SymbolicLink -Path (Join-Path $bin $tool) -Target (Get-Command $tool).Source | Out-Null }
        $run = Invoke-Launcher -Path $bin.FullName -WorkingDirectory $TestDrive
        $run.ExitCode | Should -Be 1
        $run.StdErr | Should -Match 'PowerShell 7 not found'
        $run.StdErr | Should -Match 'native exoip'
    }
}
