BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    [string[]] $launcher = if (Test-Path "$PSHOME/pwsh") { "$PSHOME/pwsh" } else { 'dotnet', "$PSHOME/pwsh.dll" }

    function Invoke-Generator([string] $Source, [string] $Output) {
        # As build.ps1 runs it: in a pwsh of its own, against the built module.
        $text = & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -File "$root/build/New-ExoIpHelp.ps1" `
            -ManifestPath "$root/out/ExoIp/ExoIp.psd1" -SourcePath $Source -OutputPath $Output 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $text -join "`n"; Wrote = Test-Path $Output }
    }
}

Describe 'The help generator' {
    It 'writes MAML for every cmdlet from docs/help' {
        $run = Invoke-Generator -Source "$root/docs/help" -Output "$TestDrive/good/help.xml"
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $names = ([xml](Get-Content "$TestDrive/good/help.xml" -Raw)).helpItems.command.details.name
        $names | Should -Be @((Get-ChildItem "$root/docs/help" -Filter *.psd1).BaseName | Sort-Object)
    }

    Context 'with sources that lag behind the code' {
        BeforeAll {
            $source = New-Item -ItemType Directory -Path "$TestDrive/bad"
            # ConvertFrom-ExoIpAdvertisement gets no psd1 at all.
            Set-Content "$source/ConvertTo-ExoIpAdvertisement.psd1" @'
@{
    Synopsys     = 'A misspelt entry name.'
    Description  = 'Encodes.'
    Parameters   = @{ ElasticIp = 'The address.'; Identity = 'The id.'; Bogus = 'No such parameter.' }
    Examples     = @()
    Inputs       = 'Objects.'
    Outputs      = 'Bytes.'
    RelatedLinks = @('Get-ExoIpNothing')
}
'@
            Set-Content "$source/Get-ExoIpNothing.psd1" "@{ Synopsis = 'Documents a cmdlet that does not exist.' }"
            $run = Invoke-Generator -Source $source -Output "$TestDrive/bad/help.xml"
        }

        It 'fails and writes nothing' {
            $run.ExitCode | Should -Not -Be 0
            $run.Wrote | Should -BeFalse
        }

        It 'says: <_>' -ForEach @(
            'ConvertFrom-ExoIpAdvertisement: no help source'
            'ConvertTo-ExoIpAdvertisement: parameter -Priority has no description'
            'ConvertTo-ExoIpAdvertisement: describes a parameter it does not have: -Bogus'
            'ConvertTo-ExoIpAdvertisement: has no example'
            "ConvertTo-ExoIpAdvertisement: unknown entry 'Synopsys'"
            "ConvertTo-ExoIpAdvertisement: 'Synopsis' is missing or empty"
            "ConvertTo-ExoIpAdvertisement: related link 'Get-ExoIpNothing' is neither"
            'Get-ExoIpNothing: help source Get-ExoIpNothing.psd1 describes a cmdlet the module does not export'
        ) {
            $run.Text | Should -BeLike "*$_*"
        }
    }
}
