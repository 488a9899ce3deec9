# The Linux route as an administrator meets it: the Debian package (built with dpkg-deb, checked by lintian,
# installed into a throwaway root by the real dpkg with its maintainer scripts), its systemd units (checked by
# systemd-analyze verify), /etc/default/exoip, and README's ifupdown, cloud-init and systemd examples, read from
# the files the package and these tests use, and parsed the way ifupdown, cloud-init's YAML and systemd read them.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"
    $script:repository = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:packaging = Join-Path $repository 'packaging'
    $script:version = (Import-PowerShellDataFile (Join-Path $repository 'ExoIp.psd1')).ModuleVersion
    $script:deb = & (Join-Path $repository 'build/New-DebianPackage.ps1') -Executable (Get-NativeExoip) `
        -ManPage (Join-Path $repository 'out/ExoIp/exoip.8') -Version $version -OutputDirectory $TestDrive
    $script:readme = Get-Content (Join-Path $repository 'README.md') -Raw

    function script:New-ThrowawayRoot {
        # An empty dpkg database: dpkg --root installs there and runs the maintainer scripts with DPKG_ROOT set.
        $root = Join-Path $TestDrive "root-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        foreach ($directory in 'info', 'updates', 'triggers') { New-Item -ItemType Directory -Force -Path "$root/var/lib/dpkg/$directory" | Out-Null }
        foreach ($file in 'status', 'available') { New-Item -ItemType File -Path "$root/var/lib/dpkg/$file" | Out-Null }
        $root
    }

    function script:Invoke-Dpkg([string] $Root, [string[]] $Arguments) {
        # Its libc and libssl are the host's, not the empty root's: --force-depends.
        $output = & dpkg "--root=$Root" --force-script-chrootless --force-not-root --force-depends --log=/dev/null @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dpkg $Arguments failed ($LASTEXITCODE): $output" }
        $output
    }

    function script:Get-Mode([string] $Path) { (& stat -c '%a %U:%G' $Path) }

    function script:Get-FencedBlock([string] $FirstLine) {
        # The README's fenced block whose first line is $FirstLine, without the fences.
        $pattern = '(?ms)^```\w*\n(' + [regex]::Escape($FirstLine) + '\n.*?)^```'
        $match = [regex]::Match($readme, $pattern)
        if (-not $match.Success) { throw "README has no block starting with '$FirstLine'." }
        $match.Groups[1].Value
    }

    function script:Read-Stanza([string] $Text) {
        # What ifupdown exports for an iface stanza: each option as IF_<OPTION> (upper case, '-' as '_'), its value
        # the rest of the line, whatever it holds; up/down/pre-up/post-down are commands, not exported.
        $variables = [ordered]@{}
        foreach ($line in $Text -split "`n" | Where-Object { $_ -match '^\s+\S' }) {
            $name, $value = $line.Trim() -split '\s+', 2
            if ($name -in 'up', 'down', 'pre-up', 'post-down', 'pre-down', 'post-up') { continue }
            $variables['IF_' + $name.ToUpperInvariant().Replace('-', '_')] = $value
        }
        $variables
    }

    function script:Test-Accepted([System.Collections.IDictionary] $Variables) {
        # The parser checks each variable a watchdog reads, as exoip -W would at start; throws the one line exoip prints.
        $null = [ExoIp.CommandLine.CommandLineParser]::Parse([string[]]@('-W'), [Func[string, string]] { param($name) $Variables[$name] })
    }
}

Describe 'The Debian package' {
    It 'has no lintian error or warning, and overrides only the two tags it justifies' {
        $output = & lintian --tag-display-limit 0 --show-overrides $deb 2>&1 | Where-Object { $_ -notmatch 'root privileges' }
        @($output | Where-Object { $_ -match '^[EW]: ' }) | Should -BeNullOrEmpty
        @($output | Where-Object { $_ -match '^O: ' } | ForEach-Object { ($_ -split ' ')[2] } | Sort-Object) |
            Should -Be @('embedded-library', 'non-standard-file-perm')
    }

    It 'installs into a throwaway root: the files, their modes, the enabled unit, the conffile' {
        $root = New-ThrowawayRoot
        Invoke-Dpkg $root @('-i', $deb) | Out-Null

        Get-Mode "$root/usr/bin/exoip" | Should -Be '755 root:root'
        Get-Mode "$root/etc/default/exoip" | Should -Be '600 root:root'
        foreach ($file in 'lib/systemd/system/exoip.service', 'lib/systemd/system/exoip@.service', 'usr/share/man/man8/exoip.8.gz',
            'usr/share/doc/exoip/copyright', 'usr/share/doc/exoip/changelog.gz') {
            Get-Mode "$root/$file" | Should -Be '644 root:root' -Because $file
        }
        Get-Mode "$root/usr/lib/ocf/resource.d/exoscale/exoip" | Should -Be '755 root:root'
        # Enabled (as dh_installsystemd's postinst does), not started: there is no configuration yet.
        (Get-Item "$root/etc/systemd/system/multi-user.target.wants/exoip.service").LinkTarget | Should -Be '/lib/systemd/system/exoip.service'
        (Invoke-Dpkg $root @('-s', 'exoip')) -join "`n" | Should -Match '(?m)^Conffiles:\n /etc/default/exoip [0-9a-f]{32}$'
        & "$root/usr/bin/exoip" -V | Should -Match "^exoip $([regex]::Escape($version)) \(commit [0-9a-f]{12}\)$"
        # The package's file configures nothing until edited: the watchdog says what is missing and exits 2.
        $run = Start-ExoipProcess -Native -Arguments @('-W', '-n', '-f', "$root/etc/default/exoip", '-i', [guid]::NewGuid().ToString())
        $run.WaitForExit(30000) | Should -BeTrue
        $run.ExitCode | Should -Be 2
        # Every problem in one line, named by exoip's own flags and variables.
        $run.StdErr.Result.Trim() | Should -Match '^exoip: \d problems: \(1\) No Elastic IP: give -xi or IF_ADDRESS\. \(2\) No peers: give one of -p, -G or -I, or set IF_EXOSCALE_PEERS, '
    }

    It 'keeps an edited /etc/default/exoip across a reinstall and a remove, and deletes it on purge' {
        $root = New-ThrowawayRoot
        Invoke-Dpkg $root @('-i', $deb) | Out-Null
        Add-Content "$root/etc/default/exoip" 'IF_ADDRESS=198.51.100.50'

        Invoke-Dpkg $root @('-i', $deb) | Out-Null
        Get-Content "$root/etc/default/exoip" | Should -Contain 'IF_ADDRESS=198.51.100.50'
        Test-Path "$root/etc/default/exoip.dpkg-dist" | Should -BeFalse

        Invoke-Dpkg $root @('-r', 'exoip') | Out-Null
        Test-Path "$root/usr/bin/exoip" | Should -BeFalse
        Get-Content "$root/etc/default/exoip" | Should -Contain 'IF_ADDRESS=198.51.100.50'
        Get-Mode "$root/etc/default/exoip" | Should -Be '600 root:root'
        (Invoke-Dpkg $root @('-s', 'exoip')) -join "`n" | Should -Match '(?m)^Status: deinstall ok config-files$'

        Invoke-Dpkg $root @('-P', 'exoip') | Out-Null
        Test-Path "$root/etc/default/exoip" | Should -BeFalse
        # The enable symlink stays until the purge, as dh_installsystemd's scripts leave it.
        Test-Path "$root/etc/systemd/system/multi-user.target.wants/exoip.service" | Should -BeFalse
        Test-Path "$root/var/lib/systemd/deb-systemd-helper-enabled/exoip.service.dsh-also" | Should -BeFalse
    }

    It 'has units that systemd-analyze verify accepts (and a broken one it refuses)' {
        # The package's files, and what the units refer to from this host (targets, kill).
        $root = Join-Path $TestDrive 'verify'
        & dpkg-deb -x $deb $root
        New-Item -ItemType Directory -Force -Path "$root/bin" | Out-Null
        Copy-Item /bin/kill "$root/bin/kill"
        # -P: some are symlinks (to units this host may lack), copied as they are.
        & sh -c 'cp -P /lib/systemd/system/*.target /lib/systemd/system/*.slice "$1"' sh "$root/lib/systemd/system/"
        $env:MANPATH = "$root/usr/share/man"
        try {
            $output = & systemd-analyze verify "--root=$root" /lib/systemd/system/exoip.service /lib/systemd/system/exoip@web.service 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$output"
            $output | Should -BeNullOrEmpty

            (Get-Content "$root/lib/systemd/system/exoip.service" -Raw) -replace 'Type=notify', 'Type=notfy' | Set-Content "$root/lib/systemd/system/broken.service"
            $broken = & systemd-analyze verify "--root=$root" /lib/systemd/system/broken.service 2>&1
            "$broken" | Should -Match "Failed to parse service type, ignoring: notfy"
        }
        finally {
            Remove-Item Env:MANPATH
        }
    }
}

Describe 'exoip(8)' {
    It 'is made from the command line''s table: every flag and variable of exoip -h, the exit codes, the signals' {
        $page = Get-Content (Join-Path $repository 'out/ExoIp/exoip.8') -Raw
        foreach ($option in [ExoIp.CommandLine.CommandLineOptions]::All) {
            $page | Should -Match ('(?m)^\.BI? ' + [regex]::Escape($option.Flag.Replace('-', '\-')) + '( |$)') -Because $option.Flag
            foreach ($variable in $option.Variables) { $page | Should -Match ([regex]::Escape($variable)) }
        }
        foreach ($section in 'EXIT STATUS', 'SIGNALS', 'FILES', 'EXAMPLES', 'CONFIGURATION FILE') { $page | Should -Match "(?m)^\.SH $section$" }
    }

    It 'renders with man, without a warning' {
        $errors = Join-Path $TestDrive 'man-warnings.txt'
        $env:MANWIDTH = '100'
        try { $text = & man --warnings -l (Join-Path $repository 'out/ExoIp/exoip.8') 2>$errors }
        finally { Remove-Item Env:MANWIDTH }
        $LASTEXITCODE | Should -Be 0
        Get-Content $errors -Raw | Should -BeNullOrEmpty
        ($text -join "`n") | Should -Match 'exoip - keep an Exoscale Elastic IP on exactly one live host of a group'
    }
}

Describe '/etc/default/exoip' {
    BeforeAll {
        $script:defaults = Get-Content (Join-Path $packaging 'default/exoip') -Raw
    }

    It 'names each variable of the command line, commented out' {
        foreach ($option in [ExoIp.CommandLine.CommandLineOptions]::All | Where-Object { $_.Variables.Count -gt 0 }) {
            @($option.Variables | Where-Object { $defaults -match "(?m)^#$_=" }) | Should -Not -BeNullOrEmpty -Because "$($option.Flag) has $($option.Variables -join ', ')"
        }
    }

    It 'holds only variables exoip reads, with values it accepts, once uncommented' {
        $uncommented = $defaults -replace '(?m)^#(IF_\w+=)', '$1'
        $file = [ExoIp.CommandLine.EnvironmentFile]::Parse('default/exoip', $uncommented)
        $file.Values.Count | Should -BeGreaterThan 20
        # The peer sources are exclusive: one at a time, as an administrator picks one.
        $variables = @{}
        foreach ($pair in $file.Values.GetEnumerator()) { $variables[$pair.Key] = $pair.Value }
        $variables.Remove('IF_EXOSCALE_PEER_GROUP'); $variables.Remove('IF_EXOSCALE_INSTANCE_POOL')
        { Test-Accepted $variables } | Should -Not -Throw
    }
}

Describe "README's Linux examples" {
    It 'shows the package''s exoip.service as it is' {
        Get-FencedBlock '# ExoIp watchdog for the Elastic IP configured in /etc/default/exoip.' |
            Should -BeExactly (Get-Content (Join-Path $packaging 'systemd/exoip.service') -Raw)
    }

    It 'shows an ifupdown stanza whose options ifupdown exports as values exoip accepts' {
        $stanza = Get-Content (Join-Path $packaging 'examples/51-exoip.cfg') -Raw
        Get-FencedBlock '# /etc/network/interfaces.d/51-exoip.cfg: the Elastic IP on the loopback, and the watchdog with it.' | Should -BeExactly $stanza
        $variables = Read-Stanza $stanza
        $variables['IF_ADDRESS'] | Should -BeExactly '198.51.100.50'
        foreach ($name in $variables.Keys | Where-Object { $_ -ne 'IF_NETMASK' }) {
            [ExoIp.CommandLine.EnvironmentFile]::KnownVariables | Should -Contain $name
        }
        { Test-Accepted $variables } | Should -Not -Throw
    }

    It 'shows a cloud-config whose files holding the secret are 0600, and whose configuration exoip accepts' {
        $path = Join-Path $packaging 'examples/cloud-config.yaml'
        Get-FencedBlock '#cloud-config' | Should -BeExactly (Get-Content $path -Raw)
        # YAML as cloud-init reads it (PyYAML's safe loader).
        $config = & python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' $path | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        foreach ($file in $config.write_files) {
            if ($file.content -match 'SECRET') { $file.permissions | Should -BeExactly '0600' -Because $file.path }
        }
        $defaults = $config.write_files | Where-Object path -EQ '/etc/default/exoip'
        $parsed = [ExoIp.CommandLine.EnvironmentFile]::Parse('/etc/default/exoip', $defaults.content)
        $variables = @{}
        foreach ($pair in $parsed.Values.GetEnumerator()) { $variables[$pair.Key] = $pair.Value }
        { Test-Accepted $variables } | Should -Not -Throw
        $stanza = Read-Stanza ($config.write_files | Where-Object path -EQ '/etc/network/interfaces.d/51-exoip.cfg').content
        $stanza['IF_ADDRESS'] | Should -BeExactly $variables['IF_ADDRESS']
    }
}
