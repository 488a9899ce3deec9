# Add-ExoElasticIp and Remove-ExoElasticIp in a real pwsh against the bundled emulator.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXO1234567890abcdef00000001'
    $script:secret = 'pester-secret-' + [guid]::NewGuid().ToString('n')
    $script:self = 'e2e09c60-426f-43c4-8f8c-93cfb28b28e4'
    $script:other = '0b7e2f4a-9c1d-4e3f-8a2b-1c2d3e4f5a6b'
    $script:eip = '198.51.100.50'
    $seed = New-TestSeed -Key $key -Secret $secret -ElasticIp $eip -Instances @(
        @{ Id = $self; Address = '127.0.0.2' }, @{ Id = $other; Address = '127.0.0.3' })
    $script:emulator = Start-ExoIpEmulator -SeedPath $seed
    $script:api = @{
        ApiKey      = $key
        ApiSecret   = ConvertTo-SecureString $secret -AsPlainText -Force
        ApiEndpoint = $emulator.ApiEndpoint
    }
}

AfterAll {
    $emulator | Stop-ExoIpEmulator
}

Describe 'A managed Elastic IP' {
    It 'is attached to one more instance and detached from one, saying in Verbose that it is managed' {
        $managed = '198.51.100.71'
        $managedId = [guid]::NewGuid().ToString()
        Invoke-Emulator $emulator POST elastic-ips @{ id = $managedId; ip = $managed; healthcheck = @{ mode = 'tcp'; port = 80 } } | Out-Null

        $verbose = Add-ExoElasticIp $managed -InstanceId $self @api -Verbose 4>&1 | ForEach-Object Message
        Add-ExoElasticIp $managed -InstanceId $other @api

        $verbose | Should -Contain "Elastic IP $managed has id $managedId; it is managed (tcp port 80): Exoscale routes it to those of its holders that pass the check, so attaching it adds a holder and detaching it removes one, the others keep it."
        (Get-Holder $emulator $managed | Sort-Object) | Should -Be (@($self, $other) | Sort-Object)
        Remove-ExoElasticIp $managed -InstanceId $self @api
        Get-Holder $emulator $managed | Should -Be @($other)
    }
}

Describe 'Add-ExoElasticIp and Remove-ExoElasticIp' {
    BeforeEach {
        Invoke-Emulator $emulator DELETE faults | Out-Null
        Remove-ExoElasticIp $eip -InstanceId $self @api
        Remove-ExoElasticIp $eip -InstanceId $other @api
    }

    It 'attaches, then says there was nothing to do' {
        $first = Add-ExoElasticIp $eip -InstanceId $self @api -PassThru
        $first.Changed | Should -BeTrue
        $first.Action | Should -Be 'Attach'
        Get-Holder $emulator $eip | Should -Be @($self)

        $again = Add-ExoElasticIp $eip -InstanceId $self @api -PassThru -Verbose 4>&1
        ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain "Elastic IP $eip is already attached to $self; nothing to do."
        ($again | Where-Object Changed -NE $null).Changed | Should -BeFalse
        Get-Holder $emulator $eip | Should -Be @($self)
    }

    It 'detaches, then says there was nothing to do' {
        Add-ExoElasticIp $eip -InstanceId $self @api
        (Remove-ExoElasticIp $eip -InstanceId $self @api -PassThru).Changed | Should -BeTrue
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
        (Remove-ExoElasticIp $eip -InstanceId $self @api -PassThru).Changed | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        $before = @(Invoke-Emulator $emulator GET requests).Count
        Add-ExoElasticIp $eip -InstanceId $self @api -WhatIf
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
        Invoke-Emulator $emulator GET requests | Select-Object -Skip $before |
            Where-Object method -EQ 'PUT' | Should -BeNullOrEmpty
    }

    It 'takes the Elastic IP and the instance by property name from the pipeline' {
        $result = @(
            [pscustomobject]@{ ElasticIp = $eip; InstanceId = $self }
            [pscustomobject]@{ Address = $eip; InstanceId = $other }
        ) | Add-ExoElasticIp @api -PassThru
        $result.InstanceId | Should -Be @($self, $other)
        (Get-Holder $emulator $eip | Sort-Object) | Should -Be (@($self, $other) | Sort-Object)
    }

    It 'works with no parameters from what ifupdown exports, and finds the instance in the metadata' {
        $saved = Save-Environment 'IF_ADDRESS', 'IF_EXOSCALE_API_KEY', 'IF_EXOSCALE_API_SECRET', 'IF_EXOSCALE_API_ENDPOINT', 'IF_EXOSCALE_METADATA_ENDPOINT'
        try {
            $env:IF_ADDRESS = $eip
            $env:IF_EXOSCALE_API_KEY = $key
            $env:IF_EXOSCALE_API_SECRET = $secret
            $env:IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
            $env:IF_EXOSCALE_METADATA_ENDPOINT = $emulator.MetadataEndpointFor($other)
            Add-ExoElasticIp
            Get-Holder $emulator $eip | Should -Be @($other)
            Remove-ExoElasticIp
            Get-Holder $emulator $eip | Should -BeNullOrEmpty
        }
        finally {
            Restore-Environment $saved
        }
    }

    It 'recovers from a burst of API 5xx errors' {
        Invoke-Emulator $emulator POST faults @{ pathPattern = '^/v2/instance/'; statusCode = 503; count = 2 } | Out-Null
        (Add-ExoElasticIp $eip -InstanceId $self @api -PassThru).Changed | Should -BeTrue
        Get-Holder $emulator $eip | Should -Be @($self)
        $statuses = @(Invoke-Emulator $emulator GET requests | ForEach-Object { $_ } | ForEach-Object status)
        @($statuses -eq 503).Count | Should -BeGreaterOrEqual 2 -Because "the requests were $($statuses -join ', ')"
    }

    It 'never shows the secret in any stream, even with -Verbose and -Debug' {
        $streams = & {
            Add-ExoElasticIp $eip -InstanceId $self @api -PassThru -Verbose -Debug
            Add-ExoElasticIp 203.0.113.99 -InstanceId $self @api -Verbose -ErrorAction Continue
            Add-ExoElasticIp $eip -InstanceId $self -ApiKey $key -ApiSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -ApiEndpoint $emulator.ApiEndpoint -Verbose -ErrorAction Continue
        } *>&1 | Out-String -Width 500
        $streams | Should -Match 'API secret from -ApiSecret'
        $streams | Should -Not -Match ([regex]::Escape($secret))
    }
}

Describe 'Errors from Add-ExoElasticIp and Remove-ExoElasticIp' {
    It 'reports <ErrorId> with category <Category>' -ForEach @(
        @{ ErrorId = 'ElasticIpNotFound'; Category = 'ObjectNotFound'; Arguments = @{ ElasticIp = '203.0.113.99'; InstanceId = 'e2e09c60-426f-43c4-8f8c-93cfb28b28e4' } }
        @{ ErrorId = 'InstanceNotFound'; Category = 'ObjectNotFound'; Arguments = @{ ElasticIp = '198.51.100.50'; InstanceId = '99999999-9999-4999-8999-999999999999' } }
    ) {
        Add-ExoElasticIp @Arguments @api -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].CategoryInfo.Category | Should -Be $Category
    }

    It 'reports AuthenticationFailed for a wrong secret' {
        $wrong = @{ ApiKey = $key; ApiSecret = (ConvertTo-SecureString 'wrong' -AsPlainText -Force); ApiEndpoint = $emulator.ApiEndpoint }
        { Add-ExoElasticIp $eip -InstanceId $self @wrong -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,*'
    }

    It 'reports MissingConfiguration when no API key is set anywhere' {
        $saved = Save-Environment 'IF_EXOSCALE_API_KEY', 'EXOSCALE_API_KEY', 'IF_EXOSCALE_API_SECRET', 'EXOSCALE_API_SECRET'
        try {
            { Remove-ExoElasticIp $eip -InstanceId $self -ApiEndpoint $emulator.ApiEndpoint -ErrorAction Stop } |
                Should -Throw -ErrorId 'MissingConfiguration,*'
        }
        finally {
            Restore-Environment $saved
        }
    }

    It 'refuses -Credential together with -ApiKey' {
        $credential = [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force))
        { Add-ExoElasticIp $eip -Credential $credential -ApiKey $key -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingCredentials,*'
    }

    It 'accepts -Credential alone' {
        $credential = [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force))
        (Add-ExoElasticIp $eip -InstanceId $self -Credential $credential -ApiEndpoint $emulator.ApiEndpoint -PassThru).InstanceId | Should -Be $self
    }

    It 'refuses the retired compute endpoint by name' {
        { Add-ExoElasticIp $eip -InstanceId $self -ApiKey $key -ApiSecret $api.ApiSecret -ApiEndpoint 'https://api.exoscale.com/compute' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfiguration,*'
    }
}
