BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    [string[]] $launcher = if (Test-Path "$PSHOME/pwsh") { "$PSHOME/pwsh" } else { 'dotnet', "$PSHOME/pwsh.dll" }

    function Invoke-Generator([string] $Source, [string] $Output, [string] $Manifest = "$root/out/ExoIp/ExoIp.psd1") {
        # As build.ps1 runs it: in a pwsh of its own.
        $text = & $launcher[0] @($launcher | Select-Object -Skip 1) -NoProfile -NonInteractive -File "$root/build/New-ExoIpHelp.ps1" `
            -ManifestPath $Manifest -SourcePath $Source -OutputPath $Output 2>&1
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

    Context 'with a cmdlet that has switches, ShouldProcess and two parameter sets' {
        BeforeAll {
            # The module's own cmdlets have none of these yet; a small compiled one stands in.
            $folder = New-Item -ItemType Directory -Path "$TestDrive/sample"
            Add-Type -OutputAssembly "$folder/Sample.dll" -TypeDefinition @'
using System.Management.Automation;
[Cmdlet(VerbsCommon.Set, "SampleThing", SupportsShouldProcess = true, DefaultParameterSetName = "ByName")]
[OutputType(typeof(string))]
public sealed class SetSampleThingCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")] [SupportsWildcards] public string Name { get; set; } = "";
    [Parameter(Mandatory = true, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)] [Alias("ThingId")] public int Id { get; set; }
    [Parameter] public int? Limit { get; set; }
    [Parameter] public string Mode { get; set; } = "Fast";
    [Parameter] public SwitchParameter Force { get; set; }
}
'@
            Set-Content "$folder/Set-SampleThing.psd1" @'
@{
    Synopsis = 'Sets a thing.'; Description = 'Sets it.'; Inputs = 'Objects with an Id.'; Outputs = 'Text.'
    Parameters = @{ Name = 'Its name.'; Id = 'Its id.'; Limit = 'A limit.'; Mode = 'A mode.'; Force = 'No questions.' }
    Examples = @(@{ Title = 'Set one'; Code = 'Set-SampleThing -Name x'; Remarks = 'Sets x.' })
}
'@
            $run = Invoke-Generator -Manifest "$folder/Sample.dll" -Source $folder -Output "$folder/help.xml"
            $command = ([xml](Get-Content "$folder/help.xml" -Raw)).helpItems.command
            $parameters = @{}
            foreach ($p in $command.parameters.parameter) { $parameters[$p.name] = $p }
        }

        It 'succeeds' {
            $run.ExitCode | Should -Be 0 -Because $run.Text
        }

        It 'shows the default parameter set first, positional then mandatory parameters first, common ones last' {
            $command.syntax.syntaxItem[0].parameter.name -join ' ' | Should -Be 'Name Limit Mode Force WhatIf Confirm'
            $command.syntax.syntaxItem[1].parameter.name -join ' ' | Should -Be 'Id Limit Mode Force WhatIf Confirm'
        }

        It 'gives a switch no value in the syntax' {
            $force = $command.syntax.syntaxItem[0].parameter | Where-Object name -EQ 'Force'
            $force.PSObject.Properties['parameterValue'] | Should -BeNullOrEmpty
            $parameters.Force.type.name | Should -Be 'System.Management.Automation.SwitchParameter'
        }

        It 'describes WhatIf and Confirm with the standard text' {
            $parameters.WhatIf.description.para | Should -BeLike 'Shows what would happen*'
            $parameters.Confirm.description.para | Should -BeLike 'Prompts you for confirmation*'
        }

        It 'states <Name>: <Attribute> = <Value>' -ForEach @(
            @{ Name = 'Name'; Attribute = 'position'; Value = '0' }
            @{ Name = 'Name'; Attribute = 'globbing'; Value = 'true' }
            @{ Name = 'Name'; Attribute = 'required'; Value = 'true' }
            @{ Name = 'Id'; Attribute = 'position'; Value = 'named' }
            @{ Name = 'Id'; Attribute = 'aliases'; Value = 'ThingId' }
            @{ Name = 'Id'; Attribute = 'pipelineInput'; Value = 'True (ByPropertyName)' }
            @{ Name = 'Limit'; Attribute = 'required'; Value = 'false' }
            @{ Name = 'Force'; Attribute = 'pipelineInput'; Value = 'False' }
        ) {
            $parameters[$Name].$Attribute | Should -BeExactly $Value
        }

        It 'takes defaults from the cmdlet and unwraps nullable types' {
            $parameters.Mode.defaultValue | Should -Be 'Fast'
            $parameters.Limit.defaultValue | Should -Be 'None'
            $parameters.Force.defaultValue | Should -Be 'False'
            $parameters.Limit.type.name | Should -Be 'System.Int32'
        }

        It 'names the input and output types' {
            $command.inputTypes.inputType.type.name | Should -Be 'System.Management.Automation.PSObject'
            $command.returnValues.returnValue.type.name | Should -Be 'System.String'
        }
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
