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
