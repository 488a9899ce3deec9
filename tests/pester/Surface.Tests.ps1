# The PowerShell surface as a user meets it (issue 14): Ctrl+C in a real terminal, jobs, completion,
# local validation, -WhatIf, output objects and their views, confirm impact, the editions note.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"
    . "$PSScriptRoot/TestTerminal.ps1"

    $script:manifest = (Resolve-Path "$PSScriptRoot/../../ExoIp.psd1").Path
    $script:key = 'EXOsurface00000000000000001'
    $script:secret = 'surface-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.80'
    $script:port = Get-FreeUdpPort
    $script:nodes = 2..4 | ForEach-Object { @{ Id = [guid]::NewGuid().ToString(); Address = "127.0.0.$_" } }
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'surface-tests'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{ ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint }

    function script:Node([int] $Index, [string] $Name = "surface$Index") {
        # Start-ExoIpWatchdog parameters for node $Index, the others as its peers.
        $node = $nodes[$Index]
        @{
            ElasticIp = $eip; Name = $Name; InstanceId = $node.Id; BindAddress = "$($node.Address):$port"
            Peer = @($nodes | Where-Object Address -NE $node.Address | ForEach-Object Address); Interval = 0.1
        } + $api
    }

    function script:Start-SurfaceJob([int] $Index, [string] $Name = "surface$Index") {
        $options = Node $Index -Name $Name
        Start-ExoIpWatchdog @options -AsJob
    }

    function script:Reset-Surface {
        Get-Job | Remove-Job -Force
        Get-Holder $emulator $eip | ForEach-Object { Remove-ExoElasticIp $eip -InstanceId $_ @api -Confirm:$false }
    }

    function script:Get-ApiRequest([DateTimeOffset] $Since) {
        # The API requests the emulator received since a moment (its control API is not counted).
        @(Invoke-Emulator $emulator GET "requests?since=$([uri]::EscapeDataString($Since.ToString('o')))") | Where-Object { $_ }
    }

    function script:Invoke-Pwsh([string] $Script) {
        # Runs a script in a fresh pwsh with the module imported; returns everything it printed (host included).
        $path = Join-Path ([IO.Path]::GetTempPath()) "exoip-surface-$([guid]::NewGuid().ToString('n')).ps1"
        "Import-Module '$manifest'`n$Script`nexit 0" | Set-Content $path
        try {
            $command = Get-PwshCommand
            $output = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -File $path 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
        }
        finally {
            Remove-Item $path -ErrorAction SilentlyContinue
        }
    }

    function script:New-TerminalSetup([string] $Body) {
        $path = Join-Path ([IO.Path]::GetTempPath()) "exoip-terminal-$([guid]::NewGuid().ToString('n')).ps1"
        "Import-Module '$manifest'`n$Body" | Set-Content $path
        $path
    }

    function script:Test-ProcessAlive([int] $ProcessId) {
        $process = Get-Process -Id $ProcessId -ErrorAction SilentlyContinue
        $process -and -not $process.HasExited
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    Stop-ExoIpEmulator -ProcessId $emulator.ProcessId
}

Describe 'Ctrl+C in a real terminal' {
    It 'leaves the emulator running; Stop-ExoIpEmulator with no argument and the end of the session stop it' {
        $pidFile = Join-Path ([IO.Path]::GetTempPath()) "exoip-emulator-$([guid]::NewGuid().ToString('n')).pid"
        $setup = New-TerminalSetup "`$e = Start-ExoIpEmulator; `$e.ProcessId | Set-Content '$pidFile'"
        $terminal = New-TestTerminal -SetupScript $setup
        $emulators = @()
        try {
            Wait-Until { Test-Path $pidFile } -TimeoutSeconds 60 -Because 'the terminal started an emulator'
            $emulators += [int](Get-Content $pidFile)
            Send-TestTerminal $terminal "'sleep' + 'ing-now'; Start-Sleep -Seconds 300"
            $null = Wait-TestTerminal $terminal 'sleeping-now'
            Send-TestTerminal $terminal -Key C-c
            Send-TestTerminal $terminal "'after' + '-ctrl-c'"
            $null = Wait-TestTerminal $terminal 'after-ctrl-c'
            Test-ProcessAlive $emulators[0] | Should -BeTrue -Because 'the terminal SIGINT must not reach the emulator'
            Send-TestTerminal $terminal "(Invoke-RestMethod `"`$(`$e.ControlEndpoint)state`").zone"
            $null = Wait-TestTerminal $terminal '(?m)^ch-gva-2\s*$'

            Send-TestTerminal $terminal 'Stop-ExoIpEmulator'
            Wait-Until { -not (Test-ProcessAlive $emulators[0]) } -Because 'Stop-ExoIpEmulator with no argument stops the emulators this session started'
            Read-TestTerminal $terminal | Should -Not -Match 'ProcessId:' -Because 'it does not prompt for a ProcessId'

            Remove-Item $pidFile
            Send-TestTerminal $terminal "(Start-ExoIpEmulator).ProcessId | Set-Content '$pidFile'"
            Wait-Until { Test-Path $pidFile } -TimeoutSeconds 60 -Because 'the terminal started a second emulator'
            $emulators += [int](Get-Content $pidFile)
            Send-TestTerminal $terminal 'exit'
            Wait-Until { -not (Test-ProcessAlive $emulators[1]) } -TimeoutSeconds 30 -Because 'the end of the pwsh session stops its emulators'
        }
        finally {
            Remove-TestTerminal $terminal
            foreach ($id in $emulators) { if (Test-ProcessAlive $id) { Stop-Process -Id $id -Force } }
            Remove-Item $setup, $pidFile -ErrorAction SilentlyContinue
        }
    }

    It 'stops the emulator when the terminal closes (SIGHUP)' {
        $pidFile = Join-Path ([IO.Path]::GetTempPath()) "exoip-emulator-$([guid]::NewGuid().ToString('n')).pid"
        $setup = New-TerminalSetup "(Start-ExoIpEmulator).ProcessId | Set-Content '$pidFile'"
        $terminal = New-TestTerminal -SetupScript $setup
        $emulatorId = $null
        try {
            Wait-Until { Test-Path $pidFile } -TimeoutSeconds 60 -Because 'the terminal started an emulator'
            $emulatorId = [int](Get-Content $pidFile)
            Remove-TestTerminal $terminal
            Wait-Until { -not (Test-ProcessAlive $emulatorId) } -TimeoutSeconds 30 -Because 'closing the terminal ends the session and its emulators'
        }
        finally {
            Remove-TestTerminal $terminal
            if ($emulatorId -and (Test-ProcessAlive $emulatorId)) { Stop-Process -Id $emulatorId -Force }
            Remove-Item $setup, $pidFile -ErrorAction SilentlyContinue
        }
    }

    It 'shows the handover and the Stopped outcome of a foreground watchdog' {
        $options = Node 0 -Name 'terminal0'
        $options.Remove('ApiSecret')
        $options.ApiEndpoint = [string]$options.ApiEndpoint
        $json = $options | ConvertTo-Json -Compress
        $setup = New-TerminalSetup ("`$p = '$json' | ConvertFrom-Json -AsHashtable`n" +
            "`$p.ApiSecret = ConvertTo-SecureString '$secret' -AsPlainText -Force")
        $terminal = New-TestTerminal -SetupScript $setup
        try {
            Send-TestTerminal $terminal 'Start-ExoIpWatchdog @p'
            try { Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -TimeoutSeconds 60 -Because 'the foreground watchdog attaches' }
            catch { throw "$_ The terminal shows:`n$(Read-TestTerminal $terminal)" }
            Send-TestTerminal $terminal -Key C-c
            $screen = Wait-TestTerminal $terminal 'Watchdog terminal0 stopped: \w+'
            $screen | Should -Match 'Stopping watchdog terminal0'
            $screen | Should -Match 'Watchdog terminal0 stopped: Released'
            $screen | Should -Match 'Detach 198\.51\.100\.80 from this node'
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally {
            Remove-TestTerminal $terminal
            Remove-Item $setup -ErrorAction SilentlyContinue
            Reset-Surface
        }
    }
}

Describe 'Watchdog jobs' {
    AfterEach {
        Reset-Surface
    }

    It 'describes itself in Command, never with the typed line or its secret' {
        $options = Node 0
        $options.Remove('ApiSecret')
        $job = Invoke-Expression "`$unrelated = 'other statement'; Start-ExoIpWatchdog @options -ApiSecret (ConvertTo-SecureString '$secret' -AsPlainText -Force) -AsJob"
        $job.Command | Should -Be "ExoIp watchdog surface0: Elastic IP $eip on $($nodes[0].Address):$port"
        Get-Job | Format-List Command | Out-String | Should -Not -Match ([regex]::Escape($secret))
        Get-Job | Format-List * | Out-String | Should -Not -Match 'unrelated'
    }

    It 'throws at once, naming it, when the name is in use' {
        $null = Start-SurfaceJob 0
        $second = Node 1 -Name 'surface0'
        { Start-ExoIpWatchdog @second -AsJob -ErrorAction Stop } | Should -Throw -ErrorId 'WatchdogNameInUse,*' -ExpectedMessage "*'surface0'*"
        @(Get-Job -Name surface0).Count | Should -Be 1
    }

    It 'throws at once, naming the address, when the bind address is taken' {
        $taken = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([ipaddress]$nodes[1].Address, $port))
        try {
            $options = Node 1
            { Start-ExoIpWatchdog @options -AsJob -ErrorAction Stop } | Should -Throw -ErrorId 'BindFailed,*' -ExpectedMessage "*$($nodes[1].Address):$port*"
            Get-Job -Name surface1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally {
            $taken.Dispose()
        }
    }

    It 'has a child job, and once stopped shows how it ended instead of its last role' {
        $job = Start-SurfaceJob 0
        $job.ChildJobs[0] | Should -Not -BeNullOrEmpty
        Wait-Until { (Get-ExoIpWatchdog -Name surface0).Role -eq 'Master' -and (Get-Holder $emulator $eip) -contains $nodes[0].Id } -Because 'a lone node becomes master'
        $job.StatusMessage | Should -Be 'Master'
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        $job.ChildJobs[0].State | Should -Be 'Stopped'
        $job.StatusMessage | Should -Be 'Released'
        Get-Job -Name surface0 | Format-Table | Out-String -Width 120 | Should -Not -Match 'Master'
        (Receive-Job $job | Where-Object Kind -EQ 'Stopped').Outcome | Should -Be 'Released'
    }
}

Describe 'A watchdog job left unread' {
    AfterAll {
        Reset-Surface
    }

    It 'keeps at most the event capacity of records per stream, dropping and counting the oldest' {
        $job = Start-SurfaceJob 0
        $child = $job.ChildJobs[0]
        # The job's own sink, as the pump calls it: 1,100 warnings into a stream that keeps 1,024.
        $warn = $child.GetType().GetInterface('IHostStreams').GetMethod('WriteWarning')
        $before = $child.Warning.Count
        1..1100 | ForEach-Object { $null = $warn.Invoke($child, @("flood $_")) }
        $child.Warning.Count | Should -Be 1024
        $job.RecordsDropped | Should -Be (1100 + $before - 1024)
        $child.Warning[1023].Message | Should -Be 'flood 1100'
        $child.Warning[0].Message | Should -Be "flood $(1100 - 1023)"
        $job | Stop-Job
    }

    It 'gains no Output or Warning records once settled, over several reconciliations' {
        # Issue 9: an idle master is quiet. A short reconcile interval stands for the 2 minutes at the default:
        # several reconciliations pass (the API calls grow) and the job gains nothing to read.
        $options = Node 0
        $job = Start-ExoIpWatchdog @options -ReconcileInterval ([TimeSpan]::FromSeconds(1)) -AsJob
        try {
            Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id -and (Get-ExoIpWatchdog -Name surface0).Role -eq 'Master' } -Because 'the lone node settles as master'
            # Settled: the attach is done and its events are out; then look at what comes after.
            Start-Sleep -Seconds 3
            $child = $job.ChildJobs[0]
            $output = $child.Output.Count
            $warnings = $child.Warning.Count
            $calls = (Get-ExoIpWatchdog -Name surface0).Counters.ApiCalls
            Wait-Until { (Get-ExoIpWatchdog -Name surface0).Counters.ApiCalls -ge $calls + 5 } -TimeoutSeconds 60 -Because 'five reconciliations ran'
            $new = @($child.Output | Select-Object -Skip $output) + @($child.Warning | Select-Object -Skip $warnings)
            $new | Should -BeNullOrEmpty -Because "an idle master reports nothing, yet it gained: $($new -join '; ')"
        }
        finally {
            $job | Remove-Job -Force
        }
    }
}

Describe 'Argument completion' {
    BeforeAll {
        $script:completionJob = Start-SurfaceJob 2 -Name 'complete-me'
    }

    AfterAll {
        $completionJob | Remove-Job -Force
        Reset-Surface
    }

    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Get-ExoIpWatchdog -Name comp'; Expected = 'complete-me' }
        @{ Line = 'Set-ExoIpWatchdog -Name comp'; Expected = 'complete-me' }
        @{ Line = 'Stop-ExoIpWatchdog -Name comp'; Expected = 'complete-me' }
        @{ Line = 'Get-ExoIpPeer -Name comp'; Expected = 'complete-me' }
        @{ Line = 'Get-ExoIpPeer -Job '; Expected = "(Get-Job -Name 'complete-me')" }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'completes Stop-ExoIpEmulator -ProcessId with the emulators this session started' {
        $line = 'Stop-ExoIpEmulator -ProcessId '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain ([string]$emulator.ProcessId)
    }
}

Describe 'Local validation of addresses' {
    It 'refuses <Value> before any API call' -ForEach @(@{ Value = '198.51.100.300' }, @{ Value = 'not-an-ip' }, @{ Value = '10.1' }) {
        $since = [DateTimeOffset]::UtcNow
        { Add-ExoElasticIp $Value -InstanceId $nodes[0].Id @api -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage "*'$Value'*neither an IPv4 address*"
        { Remove-ExoElasticIp $Value -InstanceId $nodes[0].Id @api -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-ApiRequest $since | Should -BeNullOrEmpty
    }

    It 'refuses a bad IF_ADDRESS the same way, naming the variable' {
        $saved = Save-Environment 'IF_ADDRESS'
        try {
            $env:IF_ADDRESS = 'not-an-ip'
            $since = [DateTimeOffset]::UtcNow
            { Add-ExoElasticIp -InstanceId $nodes[0].Id @api -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfiguration,*' -ExpectedMessage '*IF_ADDRESS*'
            Get-ApiRequest $since | Should -BeNullOrEmpty
        }
        finally {
            Restore-Environment $saved
        }
    }

    It 'accepts an Elastic IP id' {
        $id = (Invoke-Emulator $emulator GET state).'elastic-ips'[0].id
        Add-ExoElasticIp $id -InstanceId $nodes[0].Id @api -PassThru | ForEach-Object ElasticIp | Should -Be ([ipaddress]$eip)
        Reset-Surface
    }
}

Describe '-WhatIf' {
    AfterAll {
        Reset-Surface
    }

    It 'says nothing would change when the Elastic IP is already in the wanted state' {
        Add-ExoElasticIp $eip -InstanceId $nodes[0].Id @api
        $run = Invoke-Pwsh ("`$s = ConvertTo-SecureString '$secret' -AsPlainText -Force`n" +
            "Add-ExoElasticIp $eip -InstanceId $($nodes[0].Id) -ApiKey $key -ApiSecret `$s -ApiEndpoint $($emulator.ApiEndpoint) -WhatIf`n" +
            "Remove-ExoElasticIp $eip -InstanceId $($nodes[1].Id) -ApiKey $key -ApiSecret `$s -ApiEndpoint $($emulator.ApiEndpoint) -WhatIf`n" +
            "Remove-ExoElasticIp $eip -InstanceId $($nodes[0].Id) -ApiKey $key -ApiSecret `$s -ApiEndpoint $($emulator.ApiEndpoint) -WhatIf")
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Match "What if: Elastic IP $([regex]::Escape($eip)) is already attached to $($nodes[0].Id); nothing would change"
        $run.Text | Should -Match "What if: Elastic IP $([regex]::Escape($eip)) is not attached to $($nodes[1].Id); nothing would change"
        $run.Text | Should -Match 'What if: Performing the operation "Detach"'
        $run.Text | Should -Not -Match 'Performing the operation "Attach"'
        Get-Holder $emulator $eip | Should -Be @($nodes[0].Id)
    }
}

Describe 'Output objects and their views' {
    BeforeAll {
        $script:viewJob = Start-SurfaceJob 0
        Wait-Until { (Get-Holder $emulator $eip) -contains $nodes[0].Id } -Because 'the lone node attaches'
        # The API shows the attach before the watchdog has its answer (and the job its event): wait for the event.
        Wait-Until { @(Receive-Job $viewJob -Keep | Where-Object { $_.Kind -eq 'ApiAction' -and $_.InstanceId }).Count -gt 0 } -Because 'the attach is reported'
        $script:viewEvents = @(Receive-Job $viewJob -Keep)
    }

    AfterAll {
        $viewJob | Remove-Job -Force
        Reset-Surface
    }

    It 'uses one type per concept: InstanceId a string, addresses IPAddress' {
        $info = Get-ExoIpWatchdog -Name surface0
        $info.InstanceId | Should -BeOfType [string]
        $info.ElasticIp | Should -BeOfType [ipaddress]
        $info.BindAddress | Should -BeOfType [ipaddress]
        $peers = Get-ExoIpPeer -Name surface0
        $peers | ForEach-Object { $_.Address | Should -BeOfType [ipaddress]; $_.InstanceId | Should -BeOfType [string] }
        $attach = $viewEvents | Where-Object { $_.Kind -eq 'ApiAction' -and $_.InstanceId } | Select-Object -First 1
        $attach.InstanceId | Should -BeOfType [string]
        (ConvertTo-ExoIpAdvertisement -ElasticIp $eip -Identity $nodes[0].Id | ConvertFrom-ExoIpAdvertisement).ElasticIp | Should -BeOfType [ipaddress]
        (Get-Command Start-ExoIpWatchdog).OutputType.Type | Should -Contain ([ExoIp.PowerShell.Output.WatchdogEventInfo])
    }

    It 'emits read-only events' {
        $event = $viewEvents[0]
        $event | Should -BeOfType ([ExoIp.PowerShell.Output.WatchdogEventInfo])
        { $event.Kind = 'Warning' } | Should -Throw
        { $event.Message = 'changed' } | Should -Throw
        $event.Message | Should -Not -Be 'changed'
    }

    It 'keeps the outcome of events visible at 120 columns' {
        $table = $viewEvents | Where-Object Kind -EQ 'ApiAction' | Format-Table | Out-String -Width 120
        $table | Should -Match '(?m)^\S+\s+surface0\s+ApiAction\s+(Done|NoOp|Failed)\s'
    }

    It 'names every table column after a property of its type' {
        $format = [xml](Get-Content "$PSScriptRoot/../../out/ExoIp/ExoIp.format.ps1xml" -Raw)
        foreach ($view in $format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl }) {
            $type = $view.ViewSelectedBy.TypeName -as [type]
            # The type's properties, and those PowerShell adds to it and its base types (a job's State).
            $properties = @($type.GetProperties().Name) + @(for ($t = $type; $t; $t = $t.BaseType) { (Get-TypeData $t.FullName).Members.Keys })
            foreach ($label in $view.TableControl.TableHeaders.TableColumnHeader.Label | Where-Object { $_ -ne 'Peers' }) {
                $properties | Should -Contain $label -Because "the $($type.Name) view has a column $label"
            }
        }
    }

    It 'shows the counters as figures' {
        $list = Get-ExoIpWatchdog -Name surface0 | Format-List | Out-String -Width 200
        $list | Should -Match 'Counters\s+: adverts sent \d+, received \d+'
        $list | Should -Not -Match 'WatchdogCounters'
    }

    It "shows the watchdog's peers with their name and state" {
        $table = Get-ExoIpPeer -Name surface0 | Format-Table | Out-String -Width 120
        foreach ($node in $nodes) { $table | Should -Match "$([regex]::Escape($node.Address))\s+node-$([regex]::Escape($node.Address))\s+running" }
    }
}

Describe 'Verbose names the real source of each setting' {
    It 'names -Credential for a credential' {
        $credential = [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force))
        $verbose = Add-ExoElasticIp $eip -InstanceId $nodes[0].Id -Credential $credential -ApiEndpoint $emulator.ApiEndpoint -WhatIf -Verbose 4>&1 | ForEach-Object Message
        $verbose | Should -Contain "API key $key from -Credential"
        $verbose | Should -Contain 'API secret from -Credential'
        $verbose -join "`n" | Should -Not -Match 'from -ApiKey|from -ApiSecret'
    }

    It 'names the source of every setting with -ValidateOnly -Verbose' {
        $saved = Save-Environment 'IF_DEAD_RATIO'
        try {
            $env:IF_DEAD_RATIO = '4'
            $options = Node 0
            $options.Remove('Interval')
            $verbose = Start-ExoIpWatchdog @options -ValidateOnly -Verbose 4>&1 | ForEach-Object Message
            $verbose | Should -Contain "InstanceId $($nodes[0].Id) from -InstanceId"
            $verbose | Should -Contain 'Priority 10 (default)'
            $verbose | Should -Contain 'DeadRatio 4 from IF_DEAD_RATIO'
            $verbose | Should -Contain 'Interval 1 s (default)'
            $verbose | Should -Contain "BindAddress $($nodes[0].Address):$port from -BindAddress"
            $verbose | Should -Contain 'ReconcileInterval 30 s (default)'
            $verbose | Should -Contain 'PeerRefreshInterval 300 s (default)'
        }
        finally {
            Restore-Environment $saved
        }
    }
}

Describe 'Confirm impact' {
    It 'stops a watchdog without a prompt at the default $ConfirmPreference, as Stop-Job does' {
        $stopJob = (Get-Command Stop-Job).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact
        $ours = (Get-Command Stop-ExoIpWatchdog).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact
        $ours | Should -Be $stopJob
        $job = Start-SurfaceJob 1
        try {
            $ConfirmPreference | Should -Be 'High'
            # This pwsh is non-interactive: a prompt would be an error.
            Stop-ExoIpWatchdog -Name surface1 -ErrorAction Stop
            Wait-Until { $job.State -eq 'Stopped' } -Because 'the job ends with its watchdog'
        }
        finally {
            $job | Remove-Job -Force
            Reset-Surface
        }
    }
}

Describe 'The editions note' {
    It 'says in about_ExoIp and the README that Windows PowerShell 5.1 is compiled for and not tested' {
        $about = Get-Help about_ExoIp | Out-String
        $readme = Get-Content "$PSScriptRoot/../../README.md" -Raw
        foreach ($text in $about, $readme) {
            $text | Should -Match 'Windows PowerShell 5\.1'
            $text | Should -Match 'not tested'
            $text | Should -Match 'no POSIX signals'
        }
    }
}
