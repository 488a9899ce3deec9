# Permanent errors stop a watchdog before it starts; -ValidateOnly (exoip -n) checks all it can without taking
# the Elastic IP. Against the bundled emulator, with the exoip command line as a real process.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOpreflight000000000000001'
    $script:secret = 'preflight-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.70'
    $script:nodes = 2..3 | ForEach-Object { @{ Id = [guid]::NewGuid().ToString(); Address = "127.0.0.$_" } }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'preflight'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    Invoke-Emulator $emulator POST security-groups @{ id = [guid]::NewGuid().ToString(); name = 'empty' } | Out-Null
    $script:port = Get-FreeUdpPort $nodes[0].Address
    $script:api = @{
        ApiKey      = $key
        ApiSecret   = ConvertTo-SecureString $secret -AsPlainText -Force
        ApiEndpoint = $emulator.ApiEndpoint
    }
    $script:valid = @{ ElasticIp = $eip; InstanceId = $nodes[0].Id; BindAddress = "$($nodes[0].Address):$port"; PeerGroup = 'preflight' } + $api
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    $emulator | Stop-ExoIpEmulator
}

Describe '-ValidateOnly' {
    It 'passes a valid configuration, saying what it checked, and takes nothing' {
        $verbose = Start-ExoIpWatchdog @valid -ValidateOnly -Verbose 4>&1 | ForEach-Object Message
        $verbose | Should -Contain 'The configuration is valid.'
        $verbose | Should -Contain "Security group 'preflight' has 2 running member(s): 127.0.0.2, 127.0.0.3."
        $verbose | Should -Contain "$($nodes[0].Address):$port can be bound."
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'fails for <Case>' -ForEach @(
        @{ Case = 'a missing security group'; Change = @{ PeerGroup = 'no-such-group' }; ErrorId = 'SecurityGroupNotFound'; Message = "*no-such-group*" }
        @{ Case = 'a security group without members'; Change = @{ PeerGroup = 'empty' }; ErrorId = 'InvalidConfiguration'; Message = "*'empty' has no running member*" }
        @{ Case = 'an instance that does not exist'; Change = @{ InstanceId = '00000000-0000-4000-8000-000000000001' }; ErrorId = 'InstanceNotFound'; Message = '*00000000-0000-4000-8000-000000000001*' }
        @{ Case = 'a peer that is no instance'; Change = @{ PeerGroup = $null; Peer = '127.0.0.3', '127.0.0.99' }; ErrorId = 'InvalidConfiguration'; Message = '*peer address 127.0.0.99*' }
    ) {
        $options = $valid.Clone()
        foreach ($name in $Change.Keys) { if ($null -eq $Change[$name]) { $options.Remove($name) } else { $options[$name] = $Change[$name] } }

        { Start-ExoIpWatchdog @options -ValidateOnly -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*" -ExpectedMessage $Message
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'is what a start refuses too: <Case>' -ForEach @(
        @{ Case = 'a security group without members'; Change = @{ PeerGroup = 'empty' }; Message = "*'empty' has no running member*" }
        @{ Case = 'a peer that is no instance'; Change = @{ PeerGroup = $null; Peer = '127.0.0.3', '127.0.0.99' }; Message = '*peer address 127.0.0.99*' }
    ) {
        $options = $valid.Clone()
        foreach ($name in $Change.Keys) { if ($null -eq $Change[$name]) { $options.Remove($name) } else { $options[$name] = $Change[$name] } }

        { Start-ExoIpWatchdog @options -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfiguration,*' -ExpectedMessage $Message
        Get-ExoIpWatchdog | Should -BeNullOrEmpty
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'makes exoip -W (<Runner>) exit 2 for a peer that is no instance, as -n does' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        $run = Start-ExoipProcess -Native:$Native -Arguments @('-W', '-O', '-p', '127.0.0.250') -Environment @{
            IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id; IF_BIND_TO = "$($nodes[0].Address):$port"
        }
        try {
            $run.WaitForExit(20000) | Should -BeTrue
            $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
            $run.StdErr.Result.Trim() | Should -BeExactly 'exoip: No instance of the zone has the peer address 127.0.0.250.'
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally {
            Stop-TestProcess $run
        }
    }

    It 'fails when the bind address cannot be bound' {
        $taken = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([ipaddress]$nodes[0].Address, $port))
        try {
            { Start-ExoIpWatchdog @valid -ValidateOnly -ErrorAction Stop } | Should -Throw -ErrorId 'BindFailed,*'
        }
        finally {
            $taken.Dispose()
        }
    }
}

Describe 'Permanent errors at start-up' {
    It 'stops a watchdog with <ErrorId> before it starts, taking nothing' -ForEach @(
        @{ Change = @{ ApiSecret = (ConvertTo-SecureString 'wrong' -AsPlainText -Force) }; ErrorId = 'AuthenticationFailed' }
        @{ Change = @{ ElasticIp = '203.0.113.250' }; ErrorId = 'ElasticIpNotFound' }
        @{ Change = @{ PeerGroup = 'no-such-group' }; ErrorId = 'SecurityGroupNotFound' }
        @{ Change = @{ InstanceId = '00000000-0000-4000-8000-000000000002' }; ErrorId = 'InstanceNotFound' }
    ) {
        $options = $valid.Clone()
        foreach ($name in $Change.Keys) { $options[$name] = $Change[$name] }

        { Start-ExoIpWatchdog @options -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        { Start-ExoIpWatchdog @options -AsJob -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Should -BeNullOrEmpty
        Get-ExoIpWatchdog | Should -BeNullOrEmpty
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'refuses an Instance Pool that attaches the watched Elastic IP itself, and accepts one that does not' {
        $eipId = (Invoke-Emulator $emulator GET "holders/$eip").elasticIpId
        $plain = [guid]::NewGuid().ToString()
        Invoke-Emulator $emulator POST instance-pools @{ id = $plain; name = 'plain-pool' } | Out-Null
        Invoke-Emulator $emulator POST instance-pools @{ id = [guid]::NewGuid().ToString(); name = 'carrier-pool'; 'elastic-ips' = @($eipId) } | Out-Null
        foreach ($node in $nodes) { Invoke-Emulator $emulator PUT "instances/$($node.Id)/instance-pool" @{ id = $plain } | Out-Null }
        $options = $valid.Clone()
        $options.Remove('PeerGroup')

        Start-ExoIpWatchdog @options -InstancePool plain-pool -ValidateOnly -Verbose 4>&1 | ForEach-Object Message |
            Should -Contain "Instance Pool 'plain-pool' has 2 running member(s): 127.0.0.2, 127.0.0.3."
        { Start-ExoIpWatchdog @options -InstancePool carrier-pool -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfiguration,*' -ExpectedMessage "*attaches Elastic IP $eipId to every member itself*"
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'makes exoip -W (<Runner>) with a wrong secret exit 1 with the message within 20 s' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        $run = Start-ExoipProcess -Native:$Native -Arguments '-W' -Environment @{
            IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = 'wrong'
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id
            IF_BIND_TO = "$($nodes[0].Address):$port"; IF_EXOSCALE_PEER_GROUP = 'preflight'
        }
        try {
            $run.WaitForExit(20000) | Should -BeTrue -Because 'a wrong secret is permanent: exoip -W must not retry it for ever'
            $run.ExitCode | Should -Be 1
            # Both hosts print the one-line message (no ErrorId: that is the cmdlets' form).
            $run.StdErr.Result | Should -Match '^exoip: GET /v2/elastic-ip answered 403 Forbidden: .*API key and secret'
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally {
            Stop-TestProcess $run
        }
    }
}

Describe 'A managed Elastic IP' {
    BeforeAll {
        $script:managed = '198.51.100.72'
        Invoke-Emulator $emulator POST elastic-ips @{ id = [guid]::NewGuid().ToString(); ip = $managed; healthcheck = @{ mode = 'http'; port = 8080; uri = '/health' } } | Out-Null
    }

    It 'is refused to Start-ExoIpWatchdog<Switch> with ErrorId ManagedElasticIp, before anything changes' -ForEach @(
        @{ Switch = ''; Extra = @{} }, @{ Switch = ' -ValidateOnly'; Extra = @{ ValidateOnly = $true } }, @{ Switch = ' -AsJob'; Extra = @{ AsJob = $true } }
    ) {
        $options = $valid.Clone() + $Extra
        $options.ElasticIp = $managed
        { Start-ExoIpWatchdog @options -ErrorAction Stop } |
            Should -Throw -ErrorId 'ManagedElasticIp,*' -ExpectedMessage "*$managed * is managed: Exoscale health-checks every instance it is attached to (http port 8080 /health)*unmanaged Elastic IP*"
        Get-ExoIpWatchdog | Should -BeNullOrEmpty
        Get-Holder $emulator $managed | Should -BeNullOrEmpty
    }

    It 'makes exoip <Flags> (<Runner>) exit 2 with the explanation' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false; Flags = '-W' }, @{ Runner = 'native'; Native = $true; Flags = '-W' }, @{ Runner = 'native'; Native = $true; Flags = '-n' }
    ) {
        $arguments = $Flags -eq '-n' ? @('-W', '-n') : @('-W')
        $run = Start-ExoipProcess -Native:$Native -Arguments $arguments -Environment @{
            IF_ADDRESS = $managed; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id
            IF_BIND_TO = "$($nodes[0].Address):$port"; IF_EXOSCALE_PEER_GROUP = 'preflight'
        }
        try {
            $run.WaitForExit(20000) | Should -BeTrue
            $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
            $run.StdErr.Result | Should -Match "^exoip: Elastic IP $([regex]::Escape($managed)) \(.*\) is managed: "
            Get-Holder $emulator $managed | Should -BeNullOrEmpty
        }
        finally {
            Stop-TestProcess $run
        }
    }
}

Describe 'A managed Elastic IP while the API does not answer at start' {
    BeforeAll {
        $script:managedLate = '198.51.100.73'
        Invoke-Emulator $emulator POST elastic-ips @{ id = [guid]::NewGuid().ToString(); ip = $managedLate; healthcheck = @{ mode = 'tcp'; port = 80 } } | Out-Null
    }

    AfterEach {
        Invoke-Emulator $emulator DELETE faults | Out-Null
    }

    # The start-up check tolerates an API that is down (the watchdog retries); the running watchdog's own look-up
    # of the Elastic IP, once the API answers, refuses it the same way, before any attach or detach.
    It 'fails the Start-ExoIpWatchdog -AsJob job with ErrorId ManagedElasticIp once the API answers' {
        $since = [DateTime]::UtcNow.ToString('o')
        Invoke-Emulator $emulator POST faults @{ method = 'GET'; pathPattern = '^/v2/elastic-ip$'; statusCode = 503 } | Out-Null
        $options = $valid.Clone()
        $options.ElasticIp = $managedLate
        $job = Start-ExoIpWatchdog @options -AsJob -WarningVariable warned 3>$null
        try {
            "$warned" | Should -BeLike '*could not be checked with the API*starting anyway*'
            Invoke-Emulator $emulator DELETE faults | Out-Null
            Wait-Until { $job.State -eq 'Failed' } -TimeoutSeconds 60 -Because 'the watchdog found the Elastic IP managed'
            Receive-Job $job -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null | Out-Null
            $failures[0].FullyQualifiedErrorId | Should -Be 'ManagedElasticIp'
            $failures[0].Exception.Message | Should -BeLike "Elastic IP $managedLate (*) is managed: *"
            @(Invoke-Emulator $emulator GET "requests?since=$since" | Where-Object method -EQ PUT) | Should -BeNullOrEmpty
            Get-Holder $emulator $managedLate | Should -BeNullOrEmpty
        }
        finally {
            $job | Remove-Job -Force
        }
    }

    It 'makes exoip -W (native) exit 2 with the explanation once the API answers' {
        $since = [DateTime]::UtcNow.ToString('o')
        Invoke-Emulator $emulator POST faults @{ method = 'GET'; pathPattern = '^/v2/elastic-ip$'; statusCode = 503 } | Out-Null
        $log = Join-Path ([IO.Path]::GetTempPath()) ("exoip-managed-" + [guid]::NewGuid().ToString('n') + '.log')
        $run = Start-ExoipProcess -Native -Arguments '-W', '-O' -LogPath $log -Environment @{
            IF_ADDRESS = $managedLate; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id
            IF_BIND_TO = "$($nodes[0].Address):$port"; IF_EXOSCALE_PEER_GROUP = 'preflight'; IF_STATUS_SOCKET = "$log.sock"
        }
        try {
            Wait-Until { (Test-Path $log) -and (Get-Content $log -Raw) -like '*starting anyway*' } -TimeoutSeconds 60 -Because 'exoip started despite the API'
            Invoke-Emulator $emulator DELETE faults | Out-Null
            $run.WaitForExit(60000) | Should -BeTrue
            $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
            $run.StdErr.Result | Should -Match "^exoip: Elastic IP $([regex]::Escape($managedLate)) \(.*\) is managed: "
            @(Invoke-Emulator $emulator GET "requests?since=$since" | Where-Object method -EQ PUT) | Should -BeNullOrEmpty
            Get-Holder $emulator $managedLate | Should -BeNullOrEmpty
        }
        finally {
            Stop-TestProcess $run
            Remove-Item $log, "$log.sock" -ErrorAction Ignore
        }
    }
}

Describe 'The local configuration' {
    BeforeAll {
        # Runs exoip without an instance id (asking the metadata service, here the emulator's, would be a call) and
        # returns its one line on standard error, once it has exited 2 without a call to the emulator.
        function Get-RefusalWithoutCall([switch] $Native, [string[]] $Arguments, [hashtable] $Variables) {
            $since = [DateTime]::UtcNow.ToString('o')
            $run = Start-ExoipProcess -Native:$Native -Arguments $Arguments -Environment (@{
                    IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret
                    IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_METADATA_ENDPOINT = "$($emulator.BaseAddress)latest/meta-data/"
                } + $Variables)
            try {
                $run.WaitForExit(20000) | Should -BeTrue
                $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
                @(Invoke-Emulator $emulator GET "requests?since=$since") | Should -BeNullOrEmpty
                $run.StdErr.Result.Trim()
            }
            finally {
                Stop-TestProcess $run
            }
        }
    }

    It 'is checked in full before any call, every bad value in one line (<Runner>)' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        $line = Get-RefusalWithoutCall -Native:$Native -Arguments '-W' -Variables @{
            IF_DEAD_RATIO = 'many'; IF_HEALTH_CHECK = 'tcp://127.0.0.1'; IF_METRICS_ADDRESS = 'nowhere'; IF_HOST_PRIORITY = '300'
            IF_EXOSCALE_PEER_GROUP = 'preflight'
        }
        # The command line's own check of each value, under the name it was given.
        $line | Should -Match '^exoip: 4 problems: \(1\) IF_HOST_PRIORITY: 300 is not a priority \(0-255\) \(2\) IF_DEAD_RATIO: many '
        $line | Should -BeLike '*(3) IF_METRICS_ADDRESS: nowhere *'
        $line | Should -BeLike '*(4) IF_HEALTH_CHECK: tcp://127.0.0.1 *'
        $line.Split("`n").Count | Should -Be 1
    }

    It 'refuses a plain-HTTP API endpoint on another host with exit 2 and one line (<Runner>)' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        # Signed requests go over plain HTTP only to this host; the endpoint's host is never resolved.
        $run = Start-ExoipProcess -Native:$Native -Arguments '-A' -Environment @{
            IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id
            IF_EXOSCALE_API_ENDPOINT = 'http://api-ch-gva-2.exoscale.invalid/v2'
        }
        try {
            $run.WaitForExit(20000) | Should -BeTrue
            $run.ExitCode | Should -Be 2 -Because $run.StdErr.Result
            $run.StdErr.Result.Trim() | Should -BeExactly ("exoip: The API endpoint 'http://api-ch-gva-2.exoscale.invalid/v2' from IF_EXOSCALE_API_ENDPOINT uses plain HTTP: " +
                'signed requests go over HTTP only to a loopback address (127.0.0.0/8, ::1, localhost); use https.')
        }
        finally {
            Stop-TestProcess $run
        }
    }

    It 'is checked in full before any call, naming the command line''s flags (<Runner>)' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        $line = Get-RefusalWithoutCall -Native:$Native -Arguments @('-W', '-ct', '2') -Variables @{ IF_AUTH_KEY_FILE = '/nonexistent/exoip.key' }
        $line | Should -Match '^exoip: 3 problems: '
        $line | Should -BeLike '*No peers: give one of -p, -G or -I, or set IF_EXOSCALE_PEERS*'
        $line | Should -BeLike '*/nonexistent/exoip.key*'
        $line | Should -BeLike '*-ct: 2 s is longer than the interval*'
    }

    It 'names the command line''s bad values and the settings'' own problems in one line (<Runner> -W -n)' -ForEach @(
        @{ Runner = 'exoip.ps1'; Native = $false }, @{ Runner = 'native'; Native = $true }
    ) {
        # IF_DEAD_RATIO is the command line's to check, a missing peer source the settings'; one run says both.
        $line = Get-RefusalWithoutCall -Native:$Native -Arguments @('-W', '-n') -Variables @{ IF_DEAD_RATIO = 'abc' }
        $line | Should -BeExactly ('exoip: 2 problems: (1) IF_DEAD_RATIO: abc is not a dead ratio (1-1000) ' +
            '(2) No peers: give one of -p, -G or -I, or set IF_EXOSCALE_PEERS, IF_EXOSCALE_PEER_GROUP or IF_EXOSCALE_INSTANCE_POOL.')
    }

    It 'keeps the API credentials from a <Child>''s environment (<Runner>)' -ForEach @(
        @{ Runner = 'native'; Native = $true; Child = 'health-check command'; Variable = 'IF_HEALTH_CHECK_COMMAND' }
        @{ Runner = 'native'; Native = $true; Child = 'notify command'; Variable = 'IF_NOTIFY_COMMAND' }
        @{ Runner = 'exoip.ps1'; Native = $false; Child = 'health-check command'; Variable = 'IF_HEALTH_CHECK_COMMAND' }
        @{ Runner = 'exoip.ps1'; Native = $false; Child = 'notify command'; Variable = 'IF_NOTIFY_COMMAND' }
    ) {
        $dump = Join-Path ([IO.Path]::GetTempPath()) ("exoip-env-" + [guid]::NewGuid().ToString('n'))
        $script = Join-Path ([IO.Path]::GetTempPath()) ("exoip-env-" + [guid]::NewGuid().ToString('n') + '.sh')
        Set-Content -Path $script -Value "#!/bin/sh`nenv > '$dump.tmp' && mv '$dump.tmp' '$dump'`n"
        & chmod +x $script
        # The lone node becomes master, so the notify command runs too.
        $run = Start-ExoipProcess -Native:$Native -Arguments '-W' -Environment @{
            IF_ADDRESS = $eip; IF_EXOSCALE_API_KEY = $key; IF_EXOSCALE_API_SECRET = $secret; EXOSCALE_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint; IF_EXOSCALE_INSTANCE_ID = $nodes[0].Id
            IF_BIND_TO = "$($nodes[0].Address):$port"; IF_EXOSCALE_PEER_GROUP = 'preflight'; $Variable = $script
            IF_HOST_PRIORITY = '200'
        }
        try {
            Wait-Until { Test-Path $dump } -TimeoutSeconds 60 -Because "the $Child ran"
            $environment = Get-Content $dump -Raw
            $environment | Should -Match '(?m)^IF_ADDRESS=198\.51\.100\.70$' -Because 'the rest of the environment is inherited'
            $environment | Should -Not -Match ([regex]::Escape($secret))
            $environment | Should -Not -Match '(?m)^(IF_EXOSCALE_API_KEY|EXOSCALE_SECRET)='
        }
        finally {
            Send-Signal $run TERM
            $run.WaitForExit(20000) | Out-Null
            Stop-TestProcess $run
            Remove-Item $dump, $script -ErrorAction Ignore
        }
    }
}
