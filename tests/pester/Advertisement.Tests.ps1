BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    $id = [guid]'1128bd56-b4d9-4ac6-a7b9-c715b187ce11'
}

Describe 'ConvertTo-ExoIpAdvertisement' {
    It 'encodes the golden vector as one 24-byte array' {
        $bytes = ConvertTo-ExoIpAdvertisement -ElasticIp 198.51.100.50 -Priority 42 -Identity $id
        $bytes.GetType() | Should -Be ([byte[]])
        ($bytes | ForEach-Object { $_.ToString('x2') }) -join '' |
            Should -Be '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11'
    }

    It 'takes its values by property name from the pipeline' {
        $bytes = [pscustomobject]@{ ElasticIp = '198.51.100.50'; Priority = 7; InstanceId = $id } | ConvertTo-ExoIpAdvertisement
        $bytes[2] | Should -Be 7
    }

    It 'refuses an IPv6 address with a stable error id' {
        { ConvertTo-ExoIpAdvertisement -ElasticIp ::1 -Identity $id -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidElasticIp,ExoIp.PowerShell.Commands.ConvertToExoIpAdvertisementCommand'
    }

    It 'refuses a priority above 255 at binding' {
        { ConvertTo-ExoIpAdvertisement -ElasticIp 198.51.100.50 -Identity $id -Priority 256 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ExoIp.PowerShell.Commands.ConvertToExoIpAdvertisementCommand'
    }
}

Describe 'ConvertFrom-ExoIpAdvertisement' {
    It 'round-trips what ConvertTo encodes' {
        $bytes = ConvertTo-ExoIpAdvertisement -ElasticIp 203.0.113.9 -Priority 200 -Identity $id
        $record = ConvertFrom-ExoIpAdvertisement -Datagram $bytes
        $record.Accepted | Should -BeTrue
        $record.Rejection | Should -Be 'None'
        $record.Priority | Should -Be 200
        $record.ElasticIp | Should -Be '203.0.113.9'
        $record.Identity | Should -Be $id
    }

    It 'reads hexadecimal text as tcpdump prints it' {
        $record = '0201 2a2a c633 6432 1128 bd56 b4d9 4ac6 a7b9 c715 b187 ce11' | ConvertFrom-ExoIpAdvertisement
        $record.Accepted | Should -BeTrue
        $record.ElasticIp | Should -Be '198.51.100.50'
    }

    It 'says why it rejects: <Reason>' -ForEach @(
        @{ Hex = '02012a2ac6336432'; Reason = 'WrongLength' }
        @{ Hex = '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11ffffff'; Reason = 'WrongLength' }
        @{ Hex = '03012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11'; Reason = 'WrongVersion' }
        @{ Hex = '02012a2bc63364321128bd56b4d94ac6a7b9c715b187ce11'; Reason = 'PriorityCheckMismatch' }
        @{ Hex = '02012a2ae00000011128bd56b4d94ac6a7b9c715b187ce11'; Reason = 'NotIPv4' }
    ) {
        $record = ConvertFrom-ExoIpAdvertisement -Hex $Hex
        $record.Accepted | Should -BeFalse
        $record.Rejection | Should -Be $Reason
        $record.Priority | Should -BeNullOrEmpty
    }

    It 'writes InvalidHexString for text that is not hexadecimal and goes on with the next input' {
        $records = 'zz', '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11' |
            ConvertFrom-ExoIpAdvertisement -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be 'InvalidHexString,ExoIp.PowerShell.Commands.ConvertFromExoIpAdvertisementCommand'
        @($records).Count | Should -Be 1
        $records.Accepted | Should -BeTrue
    }

    It 'shows a table by default' {
        $text = ConvertFrom-ExoIpAdvertisement -Hex '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11' | Out-String
        $text | Should -Match 'Accepted\s+Rejection\s+Length'
    }
}

Describe 'ConvertFrom-ExoIpAdvertisement -AuthKey' {
    BeforeAll {
        $keyText = 'exoip-test-vector-key-0123456789'
        $key = ConvertTo-SecureString -String $keyText -AsPlainText -Force
        $vector = '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11' + '0cb58654' + '0006474846204000' + '26871295bbf07ef5e3ff780121366363'
        # Fresh adverts signed now, by the module's own signer. Its TimeProvider is the netstandard2.0
        # polyfill's type, not .NET's System.TimeProvider.
        $clock = [ExoIp.Protocol.AdvertisementSigner].GetConstructors()[0].GetParameters()[1].ParameterType::System
        function New-SignedAdvert([string] $Text = $keyText, [byte] $Priority = 42) {
            $ring = [ExoIp.Authentication.AuthKeyRing]::new([ExoIp.Authentication.AuthKey]::FromText($Text, 'the test'), $null)
            $signer = [ExoIp.Protocol.AdvertisementSigner]::new($ring, $clock)
            $advert = [ExoIp.Protocol.Advertisement]::new($Priority, [ipaddress]'198.51.100.50', $id)
            $bytes = [byte[]]::new([ExoIp.Protocol.AuthenticatedAdvertisement]::Size)
            $null = $signer.Sign($advert, $bytes)
            $signer.Dispose()
            , $bytes
        }
        $keyFile = Join-Path $TestDrive 'key'
        Set-Content -LiteralPath $keyFile -Value $keyText
        [IO.File]::SetUnixFileMode($keyFile, [IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'accepts a fresh advert signed with the key and shows its key id and time' {
        $record = ConvertFrom-ExoIpAdvertisement -Datagram (New-SignedAdvert) -AuthKey $key
        $record.Accepted | Should -BeTrue
        $record.Rejection | Should -Be 'None'
        $record.Length | Should -Be 52
        $record.Priority | Should -Be 42
        $record.Identity | Should -Be $id
        $record.KeyId | Should -Be '0cb58654'
        ([datetimeoffset]::UtcNow - $record.Timestamp).Duration() | Should -BeLessThan ([timespan]::FromMinutes(5))
    }

    It 'reads the key from a file' {
        (ConvertFrom-ExoIpAdvertisement -Datagram (New-SignedAdvert) -AuthKeyFile $keyFile).Accepted | Should -BeTrue
    }

    It 'says the golden vector is authentic but Stale today' {
        $record = ConvertFrom-ExoIpAdvertisement -Hex $vector -AuthKey $key
        $record.Accepted | Should -BeFalse
        $record.Rejection | Should -Be 'Stale'
        $record.Priority | Should -Be 42
        $record.Timestamp | Should -Be ([datetimeoffset]'2026-01-01T00:00:00Z')
    }

    It 'says Replayed for the same advert twice in one call' {
        $bytes = New-SignedAdvert
        $records = [string[]] @([Convert]::ToHexString($bytes), [Convert]::ToHexString($bytes)) | ConvertFrom-ExoIpAdvertisement -AuthKey $key
        $records.Rejection | Should -Be @('None', 'Replayed')
    }

    It 'says <Reason> for <Case>' -ForEach @(
        @{ Case = 'a plain advert'; Reason = 'Unauthenticated'; Make = { '02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11' } }
        @{ Case = 'a changed priority'; Reason = 'Unauthenticated'; Make = { $h = [Convert]::ToHexString((New-SignedAdvert)); '02012b2b' + $h.Substring(8) } }
        @{ Case = 'another key'; Reason = 'UnknownKey'; Make = { [Convert]::ToHexString((New-SignedAdvert -Text 'another-key-of-at-least-16-bytes')) } }
        @{ Case = 'a short datagram'; Reason = 'WrongLength'; Make = { $vector.Substring(0, 100) } }
    ) {
        $record = ConvertFrom-ExoIpAdvertisement -Hex (& $Make) -AuthKey $key
        $record.Accepted | Should -BeFalse
        $record.Rejection | Should -Be $Reason
        $record.Priority | Should -BeNullOrEmpty
    }

    It 'without a key, sees a 52-byte advert as WrongLength, yet shows the key id it claims' {
        $record = ConvertFrom-ExoIpAdvertisement -Hex $vector
        $record.Rejection | Should -Be 'WrongLength'
        $record.KeyId | Should -Be '0cb58654'
        $record.Priority | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'a short key'; ErrorId = 'AuthKeyTooShort'; Arguments = { @{ AuthKey = (ConvertTo-SecureString 'short' -AsPlainText -Force) } } }
        @{ Case = 'a missing file'; ErrorId = 'AuthKeyFileNotFound'; Arguments = { @{ AuthKeyFile = (Join-Path $TestDrive 'absent') } } }
        @{ Case = 'a world-readable file'; ErrorId = 'AuthKeyFileTooOpen'; Arguments = {
                $open = Join-Path $TestDrive 'open'
                Set-Content -LiteralPath $open -Value $keyText
                [IO.File]::SetUnixFileMode($open, [IO.UnixFileMode]'UserRead, UserWrite, OtherRead')
                @{ AuthKeyFile = $open } } }
        @{ Case = 'both a key and a file'; ErrorId = 'AuthKeyAndAuthKeyFile'; Arguments = { @{ AuthKey = $key; AuthKeyFile = $keyFile } } }
    ) {
        $arguments = & $Arguments
        { ConvertFrom-ExoIpAdvertisement -Hex $vector @arguments -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,ExoIp.PowerShell.Commands.ConvertFromExoIpAdvertisementCommand"
    }

    It 'never shows the key in an error' {
        $open = Join-Path $TestDrive 'open2'
        Set-Content -LiteralPath $open -Value $keyText
        [IO.File]::SetUnixFileMode($open, [IO.UnixFileMode]'UserRead, UserWrite, GroupRead')
        $failure = { ConvertFrom-ExoIpAdvertisement -Hex $vector -AuthKeyFile $open -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'chmod 600'
        $failure.Exception.Message | Should -Not -Match $keyText
    }
}
