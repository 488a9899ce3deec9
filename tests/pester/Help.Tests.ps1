BeforeDiscovery {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    # These need no API, so their examples run here exactly as written.
    $runnable = 'ConvertFrom-ExoIpAdvertisement', 'ConvertTo-ExoIpAdvertisement'
    $cmdlets = foreach ($command in Get-Command -Module ExoIp -CommandType Cmdlet) {
        $number = 0
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
            Examples   = @(foreach ($example in (Get-Help $command.Name -Full).examples.example) {
                    @{ Number = ++$number; Code = $example.code; Runnable = $command.Name -in $runnable }
                })
        }
    }
}

BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    Import-Module "$root/ExoIp.psd1" -Force
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $source = Import-PowerShellDataFile "$root/docs/help/$Name.psd1"
    }

    It 'has the synopsis of docs/help, not the syntax stub PowerShell makes up' {
        $help.Synopsis | Should -Be (($source.Synopsis -replace '\s+', ' ').Trim())
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'shows one syntax for each parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
    }

    It 'describes -<_> as the cmdlet declares it' -ForEach $Parameters {
        $declared = $command.Parameters[$_]
        $sets = @($declared.ParameterSets.Values)
        $entry = $help.parameters.parameter | Where-Object name -EQ $_
        ($entry.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        $entry.type.name | Should -Be ([Nullable]::GetUnderlyingType($declared.ParameterType) ?? $declared.ParameterType).FullName
        $entry.required | Should -Be "$(-not ($sets.IsMandatory -contains $false))"
        $entry.pipelineInput -match 'ByValue' | Should -Be ($sets.ValueFromPipeline -contains $true)
        $entry.pipelineInput -match 'ByPropertyName' | Should -Be ($sets.ValueFromPipelineByPropertyName -contains $true)
    }

    It 'has at least one example' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }

    Context 'example <Number>' -ForEach $Examples {
        It 'parses without errors' {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty
        }

        It 'calls only commands and parameters that exist' {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
            foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $name = $call.GetCommandName()
                # Native programs (no Verb-Noun) may be missing here and are not checked.
                if ($name -notlike '*-*') { continue }
                $target = Get-Command $name -ErrorAction SilentlyContinue
                $target | Should -Not -BeNullOrEmpty -Because "the example calls $name"
                if ($target.Source -ne 'ExoIp') { continue }
                foreach ($parameter in $call.CommandElements.Where({ $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                    $target.Parameters.Values.Where({ $_.Name -eq $parameter.ParameterName -or $_.Aliases -contains $parameter.ParameterName }) |
                        Should -Not -BeNullOrEmpty -Because "the example passes -$($parameter.ParameterName) to $name"
                }
            }
        }

        if ($Runnable) {
            It 'runs without error' {
                $ErrorActionPreference = 'Stop'
                { & ([scriptblock]::Create($Code)) | Out-String } | Should -Not -Throw
            }
        }
    }
}

Describe 'about_ExoIp' {
    It 'is found once the module is imported from the repository root' {
        Get-Help about_ExoIp -ErrorAction Stop | Out-String | Should -Match 'TOPIC\s+about_ExoIp'
    }

    It 'names every exported command' {
        $text = Get-Help about_ExoIp | Out-String
        foreach ($command in Get-Command -Module ExoIp) {
            $text | Should -Match "\b$($command.Name)\b" -Because "about_ExoIp lists the module's commands"
        }
    }

    It 'comes with the cmdlet help in the packaged layout, from PSModulePath in a fresh pwsh' {
        # build.ps1 -Task Package copies out/ExoIp as it is into ExoIp/<version>.
        $version = (Import-PowerShellDataFile "$root/ExoIp.psd1").ModuleVersion
        $modules = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory -Path "$modules/ExoIp" | Out-Null
        Copy-Item -Path "$root/out/ExoIp" -Destination "$modules/ExoIp/$version" -Recurse
        [string[]] $launcher = if (Test-Path "$PSHOME/pwsh") { "$PSHOME/pwsh" } else { 'dotnet', "$PSHOME/pwsh.dll" }
        $script = "`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module ExoIp -ErrorAction Stop; (Get-Module ExoIp).ModuleBase; " +
            "(Get-Help ConvertTo-ExoIpAdvertisement).Synopsis; Get-Help about_ExoIp -ErrorAction Stop | Select-Object -First 2"
        $output = & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[0] | Should -Be (Join-Path $modules "ExoIp/$version")
        $output[1] | Should -Be (Import-PowerShellDataFile "$root/docs/help/ConvertTo-ExoIpAdvertisement.psd1").Synopsis
        $output -join "`n" | Should -Match 'TOPIC\s+about_ExoIp'
    }
}
