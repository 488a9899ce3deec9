#requires -Version 7.2
<#
.SYNOPSIS
    Builds exoip_<version>_amd64.deb with dpkg-deb from the files under packaging/ and a built native executable.
.DESCRIPTION
    No network and no debian/ source tree: the binary package is laid out here, as debhelper would lay it out
    (stripped executable, gzipped manual page and changelog, md5sums, maintainer scripts as dh_installsystemd
    writes them), then built with dpkg-deb --root-owner-group. Depends comes from dpkg-shlibdeps, plus OpenSSL,
    which .NET loads at run time for HTTPS. Prints the package's path.
.EXAMPLE
    pwsh -NoProfile -File build/New-DebianPackage.ps1 -Executable out/native/exoip -ManPage out/ExoIp/exoip.8 -Version 0.1.0 -OutputDirectory out/package
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Executable,
    [Parameter(Mandatory)] [string] $ManPage,
    [Parameter(Mandatory)] [string] $Version,
    [Parameter(Mandatory)] [string] $OutputDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$packaging = Join-Path $PSScriptRoot '../packaging'

function Invoke-Tool([string] $Command, [string[]] $Arguments) {
    $output = & $Command @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed ($LASTEXITCODE): $output" }
    $output
}

function Install-File([string] $Source, [string] $Target, [string] $Mode) {
    $path = Join-Path $stage $Target
    New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
    Copy-Item -LiteralPath $Source -Destination $path
    Invoke-Tool chmod @($Mode, $path) | Out-Null
}

function Install-Text([string] $Source, [string] $Target, [string] $Mode) {
    # A template from packaging/ with @VERSION@ filled in, LF endings.
    $text = (Get-Content -LiteralPath $Source -Raw) -replace '@VERSION@', $Version
    $path = Join-Path $stage $Target
    New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
    [IO.File]::WriteAllText($path, $text.Replace("`r`n", "`n"), [Text.UTF8Encoding]::new($false))
    Invoke-Tool chmod @($Mode, $path) | Out-Null
}

function Install-Gzipped([string] $Source, [string] $Target) {
    Install-Text $Source $Target.Substring(0, $Target.Length - 3) 0644
    # -n: no name or time stamp in the header, so the same input gives the same bytes.
    Invoke-Tool gzip @('-9', '-n', '-f', (Join-Path $stage $Target.Substring(0, $Target.Length - 3))) | Out-Null
}

$stage = Join-Path ([IO.Path]::GetTempPath()) "exoip-deb-$([guid]::NewGuid().ToString('n'))"
try {
    # Directories 0755 whatever the umask.
    New-Item -ItemType Directory -Path $stage | Out-Null
    Install-File $Executable 'usr/bin/exoip' 0755
    Install-Text (Join-Path $packaging 'systemd/exoip.service') 'lib/systemd/system/exoip.service' 0644
    Install-Text (Join-Path $packaging 'systemd/exoip@.service') 'lib/systemd/system/exoip@.service' 0644
    Install-Text (Join-Path $packaging 'default/exoip') 'etc/default/exoip' 0600
    Install-Gzipped $ManPage 'usr/share/man/man8/exoip.8.gz'
    Install-Text (Join-Path $packaging 'debian/copyright') 'usr/share/doc/exoip/copyright' 0644
    Install-Gzipped (Join-Path $packaging 'debian/changelog') 'usr/share/doc/exoip/changelog.gz'
    Install-Text (Join-Path $packaging 'debian/lintian-overrides') 'usr/share/lintian/overrides/exoip' 0644
    $ocf = Join-Path $packaging 'ocf/exoip'
    if (Test-Path $ocf) { Install-File $ocf 'usr/lib/ocf/resource.d/exoscale/exoip' 0755 }
    Get-ChildItem $stage -Recurse -Directory | ForEach-Object { Invoke-Tool chmod @('0755', $_.FullName) | Out-Null }
    Invoke-Tool chmod @('0755', $stage) | Out-Null

    # Depends: what the executable links (dpkg-shlibdeps wants a debian/control beside it), and libssl.
    $probe = Join-Path $stage '.shlibdeps'
    New-Item -ItemType Directory -Force -Path (Join-Path $probe 'debian') | Out-Null
    Set-Content (Join-Path $probe 'debian/control') "Source: exoip`n`nPackage: exoip`nArchitecture: amd64`n"
    Push-Location $probe
    try { $shlibs = Invoke-Tool dpkg-shlibdeps @('-O', '-e', (Join-Path $stage 'usr/bin/exoip')) }
    finally { Pop-Location }
    Remove-Item $probe -Recurse -Force
    $depends = (($shlibs | Where-Object { $_ -match '^shlibs:Depends=' }) -replace '^shlibs:Depends=', '') + ', libssl3 | libssl1.1'

    $control = Join-Path $stage 'DEBIAN'
    New-Item -ItemType Directory -Path $control | Out-Null
    foreach ($script in 'postinst', 'prerm', 'postrm') { Install-Text (Join-Path $packaging "debian/$script") "DEBIAN/$script" 0755 }
    Install-Text (Join-Path $packaging 'debian/conffiles') 'DEBIAN/conffiles' 0644
    $size = [int](Invoke-Tool du @('-sk', '--exclude=DEBIAN', $stage) | ForEach-Object { ($_ -split '\s+')[0] })
    Install-Text (Join-Path $packaging 'debian/control') 'DEBIAN/control' 0644
    $controlPath = Join-Path $control 'control'
    (Get-Content $controlPath -Raw) -replace '@INSTALLED_SIZE@', $size -replace '@DEPENDS@', $depends | Set-Content $controlPath -NoNewline
    Push-Location $stage
    try {
        $sums = Get-ChildItem -Recurse -File -Path 'usr', 'lib' | ForEach-Object {
            $relative = [IO.Path]::GetRelativePath($stage, $_.FullName)
            "$((Get-FileHash -Algorithm MD5 -LiteralPath $_.FullName).Hash.ToLowerInvariant())  $relative"
        }
    }
    finally { Pop-Location }
    [IO.File]::WriteAllText((Join-Path $control 'md5sums'), (($sums | Sort-Object { $_.Substring(34) }) -join "`n") + "`n")
    Invoke-Tool chmod @('0644', (Join-Path $control 'md5sums')) | Out-Null

    New-Item -ItemType Directory -Force -Path $OutputDirectory | Out-Null
    $deb = Join-Path (Resolve-Path $OutputDirectory) "exoip_$($Version)_amd64.deb"
    Invoke-Tool dpkg-deb @('--root-owner-group', '-Zxz', '--build', $stage, $deb) | Out-Null
    $deb
}
finally {
    Remove-Item $stage -Recurse -Force -ErrorAction Ignore
}
