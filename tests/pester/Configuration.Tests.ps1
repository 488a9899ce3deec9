# Real users' configuration: exoscale.toml and the environment as Exoscale's CLI reads them, zones, Instance
# Pools and restricted API keys, through the cmdlets against the bundled emulator.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    $script:key = 'EXOconfig000000000000000001'
    $script:secret = 'config-secret-' + [guid]::NewGuid().ToString('n')
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
    $script:directory = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "exoip-config-$([guid]::NewGuid())")).FullName
    $script:variables = 'EXOSCALE_CONFIG', 'EXOSCALE_ACCOUNT', 'EXOSCALE_API_KEY', 'EXOSCALE_API_SECRET', 'EXOSCALE_API_ENDPOINT', 'EXOSCALE_ZONE',
        'IF_EXOSCALE_API_KEY', 'IF_EXOSCALE_API_SECRET', 'IF_EXOSCALE_API_ENDPOINT', 'IF_EXOSCALE_ZONE', 'IF_EXOSCALE_INSTANCE_ID',
        'IF_EXOSCALE_METADATA_ENDPOINT', 'IF_EXOSCALE_METADATA_CDROM', 'IF_ADDRESS'
}

AfterAll {
    $emulator | Stop-ExoIpEmulator
    Remove-Item $directory -Recurse -Force
}

Describe 'exoscale.toml as the Exoscale CLI reads it' {
    BeforeEach {
        $script:saved = Save-Environment $variables
        foreach ($name in $variables) { Remove-Item "env:$name" -ErrorAction Ignore }
        Remove-ExoElasticIp $eip -InstanceId $self @api
    }

    AfterEach {
        Restore-Environment $saved
    }

    It 'drives Add-ExoElasticIp with no other configuration: two accounts, defaultaccount, defaultzone, secretCommand, a /v1 endpoint' {
        $secretFile = Join-Path $directory 'secret'
        Set-Content -Path $secretFile -Value $secret
        $legacy = $emulator.ApiEndpoint.AbsoluteUri -replace '/v2$', '/v1'
        $toml = Join-Path $directory 'exoscale.toml'
        @"
defaultaccount = "prod"

[[accounts]]
name = "dev"
key = "EXOdev0000000000000000000"
secret = "not-this-one"
defaultzone = "de-fra-1"

[[accounts]]
name = "prod"
key = "$key"
secretCommand = ["cat", "$secretFile"]
defaultzone = "ch-gva-2"
endpoint = "$legacy"
"@ | Set-Content -Path $toml
        # A private instance: no HTTP metadata service, the cidata CD-ROM mounted in a folder.
        $disc = New-Item -ItemType Directory -Path (Join-Path $directory 'cidata') -Force
        Set-Content -Path (Join-Path $disc 'meta-data') -Value "instance-id: $self`navailability-zone: ch-gva-2"
        $env:EXOSCALE_CONFIG = $toml
        $env:IF_EXOSCALE_METADATA_CDROM = $disc.FullName
        $env:IF_EXOSCALE_METADATA_ENDPOINT = "http://127.0.0.1:$(Get-FreeUdpPort)/latest/meta-data/"

        $output = Add-ExoElasticIp $eip -PassThru -Verbose 4>&1

        Get-Holder $emulator $eip | Should -Be @($self)
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $verbose | Should -Contain "endpoint: $legacy from exoscale.toml account 'prod' ($toml) has the legacy /v1 path: its host is used with /v2"
        $verbose | Should -Contain "API secret from exoscale.toml account 'prod' ($toml)"
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'is not read when the parameters give everything, however broken it is' {
        $broken = Join-Path $directory 'broken.toml'
        Set-Content -Path $broken -Value 'this = = is not toml'
        $env:EXOSCALE_CONFIG = $broken
        $env:EXOSCALE_ACCOUNT = 'nobody'

        Add-ExoElasticIp $eip -InstanceId $self @api -Zone ch-gva-2

        Get-Holder $emulator $eip | Should -Be @($self)
    }

    It 'fails with a clear error naming the account when its secretCommand fails, never printing its output' {
        $toml = Join-Path $directory 'failing.toml'
        "[[accounts]]`nname = `"vault`"`nkey = `"$key`"`nsecretCommand = [`"sh`", `"-c`", `"echo leaked-$secret; exit 4`"]`nendpoint = `"$($emulator.ApiEndpoint)`"" |
            Set-Content -Path $toml
        $env:EXOSCALE_CONFIG = $toml

        $failure = { Add-ExoElasticIp $eip -InstanceId $self -ErrorAction Stop } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidConfiguration*'
        $failure.Exception.Message | Should -BeLike "*secretCommand of exoscale.toml account 'vault'*exited with code 4*"
        $failure.Exception.Message | Should -Not -BeLike "*$secret*"
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }
}

Describe 'Zones' {
    It 'refuses an unknown zone at once, naming the zones the endpoint lists' {
        $failure = { Add-ExoElasticIp $eip -InstanceId $self @api -Zone xx-nowhere-1 -ErrorAction Stop } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidConfiguration*'
        $failure.Exception.Message | Should -Be "Unknown zone 'xx-nowhere-1' from -Zone; the known zones are ch-gva-2 (GET /zone at $($emulator.ApiEndpoint))."
        Get-Holder $emulator $eip | Should -BeNullOrEmpty
    }

    It 'refuses an unknown zone without an endpoint, naming the built-in zones when the API cannot be asked' {
        $failure = { Add-ExoElasticIp $eip -InstanceId $self -ApiKey $key -ApiSecret $api.ApiSecret -Zone xx-nowhere-1 -ErrorAction Stop } |
            Should -Throw -PassThru

        $failure.Exception.Message | Should -BeLike "Unknown zone 'xx-nowhere-1' from -Zone; the known zones are at-vie-1, at-vie-2, *, hr-zag-1 (*)."
    }

    It 'completes -Zone with the known zones' {
        $line = 'Add-ExoElasticIp -Zone de-'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('de-fra-1', 'de-muc-1')
        $line = 'Get-ExoIpPeer -PeerGroup x -Zone '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count | Should -Be 8
    }
}

Describe 'Instance Pools and restricted keys' {
    BeforeAll {
        $script:pool = [guid]::NewGuid().ToString()
        Invoke-Emulator $emulator POST instance-pools @{ id = $pool; name = 'web-pool' } | Out-Null
        foreach ($member in $self, $other) { Invoke-Emulator $emulator PUT "instances/$member/instance-pool" @{ id = $pool } | Out-Null }
    }

    It 'Get-ExoIpPeer -InstancePool lists the running members by name or id, and follows one leaving' {
        (Get-ExoIpPeer -InstancePool web-pool @api).InstanceId | Should -Be @($self, $other)
        (Get-ExoIpPeer -InstancePool $pool @api | ForEach-Object Address) | Should -Be @('127.0.0.2', '127.0.0.3')

        Invoke-Emulator $emulator PUT "instances/$other/instance-pool" @{ id = $null } | Out-Null
        try {
            (Get-ExoIpPeer -InstancePool web-pool @api).InstanceId | Should -Be @($self)
        }
        finally {
            Invoke-Emulator $emulator PUT "instances/$other/instance-pool" @{ id = $pool } | Out-Null
        }
    }

    It 'an unknown pool is InstancePoolNotFound' {
        Get-ExoIpPeer -InstancePool no-such-pool @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InstancePoolNotFound*'
    }

    It 'a key its IAM role limits is told which operation was refused' {
        $limited = 'EXOlimited00000000000000001'
        Invoke-Emulator $emulator POST credentials @{ key = $limited; secret = $secret; operations = @('list-instance-pools', 'get-instance-pool') } | Out-Null

        Get-ExoIpPeer -InstancePool web-pool -ApiKey $limited -ApiSecret $api.ApiSecret -ApiEndpoint $emulator.ApiEndpoint `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OperationForbidden*'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.Message | Should -BeLike '*The API key may not call list-instances*'
    }
}
