# -PreemptDelay and -NoPreempt through the cmdlet: their sources and errors, and a no-preempt node that comes
# back beside a live holder (two watchdog jobs in this process, real UDP on loopback, the emulator).
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"
    $script:key = 'EXOpreempt0000000000000001'
    $script:secret = 'preempt-secret-' + [guid]::NewGuid().ToString('n')
    $script:eip = '198.51.100.62'
    $script:nodes = @(
        @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.2' }
        @{ Id = [guid]::NewGuid().ToString(); Address = '127.0.0.3' }
    )
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'preempt-tests'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:port = Get-FreeUdpPort
    function script:Node([int] $Index, [int] $Priority) {
        $other = $nodes[1 - $Index]
        @{
            ElasticIp = $eip; InstanceId = $nodes[$Index].Id; BindAddress = "$($nodes[$Index].Address):$port"; Peer = $other.Address
            Priority = $Priority; Interval = 0.1; Name = "preempt-$Index"
            ApiKey = $key; ApiSecret = (ConvertTo-SecureString $secret -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint
        }
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'ExoIpWatchdog' | Remove-Job -Force
    $emulator | Stop-ExoIpEmulator
}

Describe 'Start-ExoIpWatchdog -PreemptDelay / -NoPreempt' {
    AfterEach {
        Remove-Item env:IF_PREEMPT_DELAY, env:IF_NO_PREEMPT -ErrorAction Ignore
    }

    It 'names the source of each setting under -ValidateOnly -Verbose' {
        $env:IF_PREEMPT_DELAY = '12.5'
        $node0 = Node 0 1
        $lines = Start-ExoIpWatchdog @node0 -NoPreempt -ValidateOnly -Verbose 4>&1 | ForEach-Object { "$_" }
        $lines | Should -Contain 'PreemptDelay 12.5 from IF_PREEMPT_DELAY'
        $lines | Should -Contain 'NoPreempt yes from -NoPreempt'
    }

    It 'refuses <Case> with InvalidConfiguration naming it' -ForEach @(
        @{ Case = 'IF_PREEMPT_DELAY soon'; Variable = 'IF_PREEMPT_DELAY'; Value = 'soon'; Message = "PreemptDelay 'soon' from IF_PREEMPT_DELAY is not a number of seconds from 0 to 3600." }
        @{ Case = 'IF_PREEMPT_DELAY -1'; Variable = 'IF_PREEMPT_DELAY'; Value = '-1'; Message = "PreemptDelay '-1' from IF_PREEMPT_DELAY is not a number of seconds from 0 to 3600." }
        @{ Case = 'IF_NO_PREEMPT maybe'; Variable = 'IF_NO_PREEMPT'; Value = 'maybe'; Message = "NoPreempt 'maybe' from IF_NO_PREEMPT is not yes or no." }
    ) {
        Set-Item "env:$Variable" $Value
        $node0 = Node 0 1
        { Start-ExoIpWatchdog @node0 -ValidateOnly } |
            Should -Throw -ErrorId 'InvalidConfiguration,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand' -ExpectedMessage $Message
    }

    It 'refuses -PreemptDelay beyond an hour before anything runs' {
        $node0 = Node 0 1
        { Start-ExoIpWatchdog @node0 -PreemptDelay 3601 -ValidateOnly } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand'
    }

    It 'leaves the Elastic IP with the live holder when a better -NoPreempt node comes back, and takes over when the holder stops' {
        $node0 = Node 0 1
        $node1 = Node 1 2
        $holder = Start-ExoIpWatchdog @node1 -AsJob
        $returning = $null
        try {
            Wait-WatchdogInfo preempt-1 { $_.Role -eq 'Master' -and $_.HoldsElasticIp } | Out-Null
            $returning = Start-ExoIpWatchdog @node0 -NoPreempt -AsJob
            $info = Wait-WatchdogInfo preempt-0 { $_.Role -eq 'Backup' -and $_.AdvertisedPriority -eq 254 }
            Start-Sleep -Seconds 2 # twenty intervals: it would have taken the Elastic IP by now without -NoPreempt
            (Get-ExoIpWatchdog -Name preempt-0).Role | Should -Be Backup
            Get-Holder $emulator $eip | Should -Be $nodes[1].Id

            $holder | Stop-Job # a graceful stop: it hands the Elastic IP over
            Wait-WatchdogInfo preempt-0 { $_.Role -eq 'Master' -and $_.HoldsElasticIp -and $_.AdvertisedPriority -eq 1 } | Out-Null
            Get-Holder $emulator $eip | Should -Be $nodes[0].Id
        } finally {
            $holder, $returning | Where-Object { $_ } | ForEach-Object { $_ | Stop-Job; $_ | Remove-Job -Force }
        }
    }
}
