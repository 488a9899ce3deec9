#requires -Version 7.2
<#
.SYNOPSIS
    Writes ExoIp's cmdlet help (MAML) from docs/help/<Cmdlet-Name>.psd1 and the built cmdlets.
.DESCRIPTION
    Syntax, parameter types, positions, pipeline input, aliases, defaults and output types come from
    the cmdlets themselves, so they never drift from the code; the words come from one psd1 a cmdlet
    (schema: docs/help/README.md). Fails, listing every problem at once, when a cmdlet has no psd1 or
    a psd1 no cmdlet, a required entry is missing, a parameter has no description, a psd1 describes a
    parameter the cmdlet lacks, or a cmdlet has no example.

    It imports the module it documents, so run it in a pwsh of its own (build.ps1 does): the session
    that builds must never load the assembly it is about to replace.
.EXAMPLE
    pwsh -NoProfile -File build/New-ExoIpHelp.ps1 -ManifestPath out/ExoIp/ExoIp.psd1
#>
[CmdletBinding()]
param(
    # The built module's manifest.
    [Parameter(Mandatory)] [string] $ManifestPath,
    # The folder of <Cmdlet-Name>.psd1 files.
    [string] $SourcePath = (Join-Path $PSScriptRoot '../docs/help'),
    # The file to write; by default en-US/<assembly>-Help.xml in the module's folder, where Get-Help looks.
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$requiredText = 'Synopsis', 'Description', 'Inputs', 'Outputs'
$entries = $requiredText + 'Examples', 'Parameters', 'Notes', 'RelatedLinks'
$exampleEntries = 'Title', 'Code', 'Remarks'
# PowerShell documents its common parameters itself; WhatIf and Confirm mean the same on every cmdlet.
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$namespaces = [ordered]@{
    maml    = [System.Xml.Linq.XNamespace] 'http://schemas.microsoft.com/maml/2004/10'
    command = [System.Xml.Linq.XNamespace] 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = [System.Xml.Linq.XNamespace] 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Test-Text([object] $Value) { $Value -is [string] -and $Value.Trim() }

function Get-Problem {
    # Everything wrong with one cmdlet's help source, as sentences that name the cmdlet.
    param($Command, [hashtable] $Source, [string] $CultureFolder)
    $name = $Command.Name
    foreach ($key in $Source.Keys | Where-Object { $_ -notin $entries }) {
        "${name}: unknown entry '$key' (allowed: $($entries -join ', '))."
    }
    foreach ($key in $requiredText | Where-Object { -not (Test-Text $Source[$_]) }) {
        "${name}: '$key' is missing or empty."
    }

    $described = $Source['Parameters'] ?? @{}
    foreach ($parameter in $described.Keys | Where-Object { -not $Command.Parameters.ContainsKey($_) }) {
        "${name}: describes a parameter it does not have: -$parameter."
    }
    foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin $commonParameters -and -not $standardDescriptions[$_] }) {
        if (-not (Test-Text $described[$parameter])) { "${name}: parameter -$parameter has no description." }
    }

    $examples = @($Source['Examples'] | Where-Object { $null -ne $_ })
    if (-not $examples) { "${name}: has no example." }
    foreach ($example in $examples) {
        if ($example -isnot [hashtable]) { "${name}: an example is not a hashtable of $($exampleEntries -join ', ')."; continue }
        foreach ($key in $exampleEntries | Where-Object { -not (Test-Text $example[$_]) }) { "${name}: an example has no $key." }
        foreach ($key in $example.Keys | Where-Object { $_ -notin $exampleEntries }) { "${name}: an example has an unknown entry '$key'." }
    }

    foreach ($link in @($Source['RelatedLinks'] | Where-Object { $null -ne $_ })) {
        $known = $link -match '^https?://' -or
            ($link -like 'about_*' -and (Test-Path (Join-Path $CultureFolder "$link.help.txt"))) -or
            (Get-Command $link -ErrorAction SilentlyContinue)
        if (-not $known) { "${name}: related link '$link' is neither a URL, an about topic of the module, nor a command." }
    }
}

function Element([string] $Name, [object[]] $Content) {
    $prefix, $local = $Name -split ':'
    [System.Xml.Linq.XElement]::new($namespaces[$prefix].GetName($local), $Content)
}

function Attribute([string] $Name, [object] $Value) {
    # MAML spells booleans in lower case.
    [System.Xml.Linq.XAttribute]::new($Name, ($Value -is [bool] ? "$Value".ToLowerInvariant() : "$Value"))
}

function Paragraph([string] $Text) {
    # Blank lines separate paragraphs; other line breaks only wrap the source and become spaces.
    foreach ($paragraph in $Text.Trim() -split '\r?\n\s*\r?\n') {
        Element 'maml:para' (($paragraph.Trim() -split '\s*\r?\n\s*') -join ' ')
    }
}

function Get-TypeName([type] $Type, [switch] $Full) {
    $Type = [Nullable]::GetUnderlyingType($Type) ?? $Type
    $Full ? $Type.FullName : $Type.Name
}

function ParameterElement {
    # One parameter as a syntax item shows it (for one parameter set) or as the parameter list does
    # (over all its sets: required only where required in every set, a position only where all agree).
    param($Parameter, [object[]] $Sets, [string] $Description, [string] $DefaultValue, [switch] $InSyntax)
    $positions = @($Sets.Position | Sort-Object -Unique)
    $position = $positions.Count -eq 1 -and $positions[0] -ge 0 ? $positions[0] : 'named'
    $pipeline = @(
        if ($Sets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
        if ($Sets.ValueFromPipeline -contains $true) { 'ByValue' }
    )
    $type = $Parameter.ParameterType
    Element 'command:parameter' @(
        Attribute 'required' (-not ($Sets.IsMandatory -contains $false))
        Attribute 'variableLength' $type.IsArray
        Attribute 'globbing' ($Parameter.Attributes.TypeId -contains [System.Management.Automation.SupportsWildcardsAttribute])
        Attribute 'pipelineInput' ($pipeline ? "True ($($pipeline -join ', '))" : 'False')
        Attribute 'position' $position
        Attribute 'aliases' ($Parameter.Aliases.Count ? $Parameter.Aliases -join ', ' : 'none')
        Element 'maml:name' $Parameter.Name
        Element 'maml:description' (Paragraph $Description)
        # A switch takes no value, so its syntax shows none.
        if (-not ($Parameter.SwitchParameter -and $InSyntax)) {
            Element 'command:parameterValue' @((Attribute 'required' (-not $Parameter.SwitchParameter)), (Attribute 'variableLength' $false), (Get-TypeName $type))
        }
        Element 'dev:type' @((Element 'maml:name' (Get-TypeName $type -Full)), (Element 'maml:uri'))
        Element 'dev:defaultValue' $DefaultValue
    )
}

function Get-DefaultValue($Parameter, $Cmdlet) {
    # A fresh cmdlet object holds the values its parameters start with.
    if (-not ($Parameter.ParameterSets.Values.IsMandatory -contains $false)) { return 'None' }
    $property = $Cmdlet.PSObject.Properties[$Parameter.Name]
    $value = $property ? $property.Value : $null
    if ($Parameter.SwitchParameter) { return "$([bool] $value)" }
    $text = @($value | Where-Object { $null -ne $_ }) -join ', '
    $text ? $text : 'None'
}

function CommandElement($Command, [hashtable] $Source) {
    $described = $Source['Parameters'] ?? @{}
    $cmdlet = [Activator]::CreateInstance($Command.ImplementingType)
    $documented = @($Command.Parameters.Values | Where-Object Name -notin $commonParameters)
    $words = @{}
    foreach ($p in $documented) {
        $words[$p.Name] = @{
            Description  = $described[$p.Name] ?? $standardDescriptions[$p.Name]
            DefaultValue = Get-DefaultValue $p $cmdlet
        }
    }

    $syntax = foreach ($set in $Command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault }) {
        # Positional parameters first, by position, then the mandatory ones, then the rest as declared.
        $inSet = $set.Parameters | Where-Object Name -notin $commonParameters |
            Sort-Object -Stable { $_.Position -lt 0 }, { [Math]::Max($_.Position, 0) }, { -not $_.IsMandatory }
        Element 'command:syntaxItem' @(
            Element 'maml:name' $Command.Name
            foreach ($p in $inSet) {
                $parameter = $Command.Parameters[$p.Name]
                $sets = $parameter.ParameterSets[$set.Name] ?? $parameter.ParameterSets['__AllParameterSets']
                $text = $words[$p.Name]
                ParameterElement $parameter $sets @text -InSyntax
            }
        )
    }
    $parameters = foreach ($p in $documented) {
        $text = $words[$p.Name]
        ParameterElement $p @($p.ParameterSets.Values) @text
    }

    # Input types: what binds by value; objects in general when only properties bind; else None.
    $byValue = @($documented | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true })
    $byName = @($documented | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
    $inputTypes = if ($byValue) { $byValue.ParameterType | ForEach-Object { Get-TypeName $_ -Full } | Select-Object -Unique }
    elseif ($byName) { 'System.Management.Automation.PSObject' }
    else { 'None' }
    $outputTypes = @($Command.OutputType.Name | Select-Object -Unique)
    if (-not $outputTypes) { $outputTypes = 'None' }

    $number = 0
    Element 'command:command' @(
        foreach ($prefix in $namespaces.Keys) {
            [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns.GetName($prefix), $namespaces[$prefix].NamespaceName)
        }
        Element 'command:details' @(
            Element 'command:name' $Command.Name
            Element 'command:verb' $Command.Verb
            Element 'command:noun' $Command.Noun
            Element 'maml:description' (Paragraph $Source.Synopsis)
        )
        Element 'maml:description' (Paragraph $Source.Description)
        Element 'command:syntax' $syntax
        Element 'command:parameters' $parameters
        Element 'command:inputTypes' @(foreach ($type in $inputTypes) {
                Element 'command:inputType' @((Element 'dev:type' (Element 'maml:name' $type)), (Element 'maml:description' (Paragraph $Source.Inputs)))
            })
        Element 'command:returnValues' @(foreach ($type in $outputTypes) {
                Element 'command:returnValue' @((Element 'dev:type' (Element 'maml:name' $type)), (Element 'maml:description' (Paragraph $Source.Outputs)))
            })
        if (Test-Text $Source['Notes']) { Element 'maml:alertSet' (Element 'maml:alert' (Paragraph $Source.Notes)) }
        Element 'command:examples' @(foreach ($example in @($Source.Examples)) {
                $number++
                Element 'command:example' @(
                    Element 'maml:title' "---------- Example $($number): $($example.Title) ----------"
                    Element 'dev:code' $example.Code.Trim()
                    # The empty paragraph keeps a blank line between examples on screen.
                    Element 'dev:remarks' @((Paragraph $example.Remarks), (Element 'maml:para' ''))
                )
            })
        Element 'maml:relatedLinks' @(foreach ($link in @($Source['RelatedLinks'] | Where-Object { $null -ne $_ })) {
                $isUri = $link -match '^https?://'
                Element 'maml:navigationLink' @((Element 'maml:linkText' ($isUri ? 'Online version:' : $link)), (Element 'maml:uri' ($isUri ? $link : $null)))
            })
    )
}

$module = Import-Module $ManifestPath -PassThru -Force
$commands = @($module.ExportedCmdlets.Values | Sort-Object Name)
if (-not $commands) { throw "$ManifestPath exports no cmdlets." }
$cultureFolder = Join-Path $module.ModuleBase 'en-US'
$sources = @{}
foreach ($file in Get-ChildItem $SourcePath -Filter '*.psd1') { $sources[$file.BaseName] = Import-PowerShellDataFile $file.FullName }

$problems = @(
    foreach ($command in $commands) {
        if ($sources.ContainsKey($command.Name)) { Get-Problem $command $sources[$command.Name] $cultureFolder }
        else { "$($command.Name): no help source; write $(Join-Path $SourcePath "$($command.Name).psd1")." }
    }
    foreach ($orphan in $sources.Keys | Where-Object { $_ -notin $commands.Name }) {
        "${orphan}: help source $orphan.psd1 describes a cmdlet the module does not export."
    }
)
if ($problems) {
    throw "Cmdlet help is incomplete (sources in $SourcePath, schema in docs/help/README.md):`n  $($problems -join "`n  ")"
}

if (-not $OutputPath) { $OutputPath = Join-Path $cultureFolder $commands[0].HelpFile }
$helpItems = [System.Xml.Linq.XElement]::new([System.Xml.Linq.XNamespace]::Get('http://msh').GetName('helpItems'),
    (Attribute 'schema' 'maml'), @(foreach ($command in $commands) { CommandElement $command $sources[$command.Name] }))
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null
$writer = [System.Xml.XmlWriter]::Create($OutputPath, [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) })
try { [System.Xml.Linq.XDocument]::new($helpItems).Save($writer) } finally { $writer.Dispose() }
Write-Host "Wrote help for $($commands.Count) cmdlets to $OutputPath"
