# Runs the help examples of the cmdlets that need an API, exactly as written, in a world the emulator
# seeds to match them: the Elastic IP, instances and security group the examples name, with the
# configuration in the environment as on a configured host. (The codec cmdlets' examples run in Help.Tests.)
BeforeDiscovery {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    $codec = 'ConvertFrom-ExoIpAdvertisement', 'ConvertTo-ExoIpAdvertisement'
    $examples = foreach ($command in Get-Command -Module ExoIp -CommandType Cmdlet | Where-Object Name -NotIn $codec) {
        $number = 0
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            # A foreground watchdog runs until stopped: such an example cannot end by itself.
            $blocks = $example.code -match 'Start-ExoIpWatchdog' -and $example.code -notmatch '-AsJob|-ValidateOnly'
            @{ Command = $command.Name; Number = ++$number; Code = $example.code; Blocks = $blocks }
        }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"
    $key = 'EXOexamples0000000000000001'
    $secret = 'examples-' + [guid]::NewGuid().ToString('n')
    # The instances the examples name; this host is the first, at 127.0.0.2 as the metadata says.
    $instances = @(
        @{ Id = '8f1c6c41-5b3e-4a51-9f1b-2a3c4d5e6f70'; Address = '127.0.0.2' }
        @{ Id = '0b7e2f4a-9c1d-4e3f-8a2b-1c2d3e4f5a6b'; Address = '203.0.113.11' }
        @{ Id = '7c1d3a52-9e84-4b0f-a6d2-3f5b8c9e0a21'; Address = '203.0.113.12' }
    )
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp 198.51.100.50 -Instances $instances -SecurityGroup 'load-balancer'
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    # The Instance Pool the examples name, with the two other instances as members.
    $pool = [guid]::NewGuid().ToString()
    Invoke-Emulator $emulator POST instance-pools @{ id = $pool; name = 'web-pool' } | Out-Null
    foreach ($member in $instances[1..2]) { Invoke-Emulator $emulator PUT "instances/$($member.Id)/instance-pool" @{ id = $pool } | Out-Null }
    $script:saved = Save-Environment 'EXOSCALE_API_KEY', 'EXOSCALE_API_SECRET', 'EXOSCALE_API_ENDPOINT', 'IF_EXOSCALE_METADATA_ENDPOINT', 'IF_ADDRESS', 'IF_EXOSCALE_PEER_GROUP', 'IF_BIND_TO'
    $env:EXOSCALE_API_KEY = $key
    $env:EXOSCALE_API_SECRET = $secret
    $env:EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
    $env:IF_EXOSCALE_METADATA_ENDPOINT = $emulator.MetadataEndpointFor($instances[0].Id)
    $env:IF_ADDRESS = '198.51.100.50'
    $env:IF_EXOSCALE_PEER_GROUP = 'load-balancer'
    $env:IF_BIND_TO = "127.0.0.2:$(Get-FreeUdpPort 127.0.0.2)"
}

AfterAll {
    Get-Job | Remove-Job -Force
    Restore-Environment $saved
    $emulator | Stop-ExoIpEmulator
}

Describe '<Command> example <Number>' -ForEach $examples {
    BeforeAll {
        # The watchdog cmdlets' examples act on a running watchdog named after the Elastic IP.
        if ($Command -match 'ExoIpWatchdog$' -and $Command -ne 'Start-ExoIpWatchdog') { $null = Start-ExoIpWatchdog -AsJob -Interval 0.2 }
        # The key examples write files in the current directory: a scratch one.
        if ($Command -eq 'New-ExoIpAuthKey') { Push-Location TestDrive:/ }
    }

    AfterAll {
        # Stopped first: Remove-Job -Force does not wait for a watchdog to close its socket, and the next example
        # (Start-ExoIpWatchdog -ValidateOnly checks that the bind address can be bound) uses the same address.
        Get-Job | Stop-Job
        Get-Job | Remove-Job -Force
        if ($Command -eq 'New-ExoIpAuthKey') { Pop-Location }
    }

    It 'runs without error' -Skip:$Blocks {
        $ErrorActionPreference = 'Stop'
        { & ([scriptblock]::Create($Code)) | Out-String } | Should -Not -Throw
    }
}
