#requires -Version 7.2
<#
.SYNOPSIS
    Writes exoip(8) from the command line's one table (ExoIp.CommandLine.CommandLineOptions), as exoip -h is made.
.DESCRIPTION
    Loads the built core assembly, so run it in a pwsh of its own (build.ps1 does): the session that builds must
    never load the assembly it is about to replace. Writes the page uncompressed; the Debian package gzips its copy.
.EXAMPLE
    pwsh -NoProfile -File build/New-ExoIpManPage.ps1 -CoreAssembly out/ExoIp/ExoIp.Core.dll -Version 0.1.0 -OutputPath out/ExoIp/exoip.8
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $CoreAssembly,
    [Parameter(Mandatory)] [string] $Version,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -Path $CoreAssembly
# LF endings and no BOM: man and lintian read it as roff.
[IO.File]::WriteAllText($OutputPath, [ExoIp.CommandLine.CommandLineManPage]::Text($Version), [Text.UTF8Encoding]::new($false))
