BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
}

Describe 'New-ExoIpAuthKey' {
    It 'writes one line of base64 (32 random bytes) to a file with mode 0600 and outputs its path and key id' {
        $path = Join-Path $TestDrive 'one.key'
        $info = New-ExoIpAuthKey -Path $path
        $info.Path | Should -Be $path
        $info.KeyId | Should -Match '^[0-9a-f]{8}$'
        [IO.File]::GetUnixFileMode($path) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        $lines = @(Get-Content -LiteralPath $path)
        $lines.Count | Should -Be 1
        [Convert]::FromBase64String($lines[0]).Length | Should -Be 32
        # The key the file holds is the one the output names.
        ([ExoIp.Authentication.AuthKeyFile]::Read($path)).IdText | Should -Be $info.KeyId
        ($info | Out-String) | Should -Not -Match ([regex]::Escape($lines[0]))
    }

    It 'makes a different key every time' {
        $a = New-ExoIpAuthKey -Path (Join-Path $TestDrive 'a.key')
        $b = New-ExoIpAuthKey -Path (Join-Path $TestDrive 'b.key')
        $a.KeyId | Should -Not -Be $b.KeyId
    }

    It 'refuses to overwrite without -Force, and leaves the file as it was' {
        $path = Join-Path $TestDrive 'kept.key'
        $first = New-ExoIpAuthKey -Path $path
        $before = Get-Content -LiteralPath $path
        { New-ExoIpAuthKey -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuthKeyFileExists,ExoIp.PowerShell.Commands.NewExoIpAuthKeyCommand'
        Get-Content -LiteralPath $path | Should -Be $before
        $second = New-ExoIpAuthKey -Path $path -Force
        $second.KeyId | Should -Not -Be $first.KeyId
        Get-Content -LiteralPath $path | Should -Not -Be $before
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.key'
        New-ExoIpAuthKey -Path $path -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'takes paths from the pipeline by FullName' {
        $path = Join-Path $TestDrive 'piped.key'
        $info = [pscustomobject]@{ FullName = $path } | New-ExoIpAuthKey
        $info.Path | Should -Be $path
        Test-Path -LiteralPath $path | Should -BeTrue
    }

    It 'resolves a relative path from the current location' {
        Push-Location $TestDrive
        try { $info = New-ExoIpAuthKey -Path ./relative.key } finally { Pop-Location }
        $info.Path | Should -Be (Join-Path $TestDrive 'relative.key')
    }

    It 'says AuthKeyFileUnwritable for a directory that does not exist' {
        { New-ExoIpAuthKey -Path (Join-Path $TestDrive 'no/such/dir/key') -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuthKeyFileUnwritable,ExoIp.PowerShell.Commands.NewExoIpAuthKeyCommand'
    }

    It 'refuses a path of another provider' {
        { New-ExoIpAuthKey -Path Env:/EXOIP_KEY -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAFileSystemPath,ExoIp.PowerShell.Commands.NewExoIpAuthKeyCommand'
    }

    It 'shows a table by default' {
        New-ExoIpAuthKey -Path (Join-Path $TestDrive 'table.key') | Out-String | Should -Match 'KeyId\s+Path'
    }
}

Describe 'Start-ExoIpWatchdog with a key' {
    BeforeAll {
        $common = @{
            ElasticIp = '198.51.100.50'; InstanceId = [guid]::NewGuid(); Peer = '127.0.0.3'; BindAddress = '127.0.0.2:23999'
            ApiKey = 'EXOkeytest000000000000001'; ApiSecret = (ConvertTo-SecureString 'secret' -AsPlainText -Force); ApiEndpoint = 'http://127.0.0.1:9/v2'
        }
    }

    It 'refuses a key file others may read with AuthKeyFileTooOpen, before any API call' {
        $open = Join-Path $TestDrive 'open.key'
        Set-Content -LiteralPath $open -Value 'exoip-test-vector-key-0123456789'
        [IO.File]::SetUnixFileMode($open, [IO.UnixFileMode]'UserRead, UserWrite, OtherRead')
        { Start-ExoIpWatchdog @common -AuthKeyFile $open -ValidateOnly -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuthKeyFileTooOpen,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand'
    }

    It 'refuses a key file named by IF_AUTH_KEY_FILE that does not exist, naming the variable' {
        $saved = $env:IF_AUTH_KEY_FILE
        try {
            $env:IF_AUTH_KEY_FILE = Join-Path $TestDrive 'absent.key'
            $failure = { Start-ExoIpWatchdog @common -ValidateOnly -ErrorAction Stop } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -Be 'AuthKeyFileNotFound,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand'
            $failure.Exception.Message | Should -Match 'IF_AUTH_KEY_FILE'
        }
        finally { $env:IF_AUTH_KEY_FILE = $saved }
    }

    It 'refuses -AuthKey with -AuthKeyFile' {
        $file = (New-ExoIpAuthKey -Path (Join-Path $TestDrive 'both.key')).Path
        { Start-ExoIpWatchdog @common -AuthKeyFile $file -AuthKey (ConvertTo-SecureString 'exoip-test-vector-key-0123456789' -AsPlainText -Force) -ValidateOnly -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfiguration,ExoIp.PowerShell.Commands.StartExoIpWatchdogCommand'
    }
}
