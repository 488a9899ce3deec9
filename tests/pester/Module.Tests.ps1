BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
}

Describe 'The ExoIp module' {
    It 'loads from the repository root as the binary module built into out/ExoIp' {
        $module = Import-Module "$root/ExoIp.psd1" -Force -PassThru
        $built = Join-Path $root 'out/ExoIp'
        $module.ModuleType | Should -Be 'Binary'
        $module.ModuleBase | Should -Be $built -Because 'help and about_ExoIp are found from the module base'
        (Get-Command Start-ExoIpWatchdog).DLL | Should -Be (Join-Path $built 'ExoIp.PowerShell.dll')
        $module.ExportedCmdlets.Keys | Sort-Object | Should -Be ((Import-PowerShellDataFile "$root/ExoIp.psd1").CmdletsToExport | Sort-Object)
    }

    It 'stamps the manifest version on its assemblies' {
        $module = Import-Module "$root/ExoIp.psd1" -Force -PassThru
        $assembly = [ExoIp.Protocol.Advertisement].Assembly.GetName()
        $assembly.Version.ToString(3) | Should -Be $module.Version.ToString(3)
    }

    It 'exports only approved verbs' {
        Import-Module "$root/ExoIp.psd1" -Force
        $approved = (Get-Verb).Verb
        $commands = Get-Command -Module ExoIp
        $commands | Should -Not -BeNullOrEmpty
        $commands | Where-Object Verb -notin $approved | Should -BeNullOrEmpty
    }

    It 'declares an output type with a format view for every command' {
        Import-Module "$root/ExoIp.psd1" -Force
        $views = ([xml](Get-Content "$root/out/ExoIp/ExoIp.format.ps1xml" -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        foreach ($command in Get-Command -Module ExoIp) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) declares [OutputType]"
            foreach ($type in $command.OutputType.Type | Where-Object Namespace -like 'ExoIp*') {
                $views | Should -Contain $type.FullName -Because "$($command.Name) emits $($type.FullName)"
            }
        }
    }

    It 'loads in a fresh pwsh process without conflicts' {
        [string[]] $launcher = if (Test-Path "$PSHOME/pwsh") { "$PSHOME/pwsh" } else { "dotnet", "$PSHOME/pwsh.dll" }
        $script = "Import-Module '$root/ExoIp.psd1' -ErrorAction Stop; (Get-Module ExoIp).ModuleType; exit 0"
        $output = & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'Binary'
    }
}
