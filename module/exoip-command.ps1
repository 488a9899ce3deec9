#!/usr/bin/env pwsh
<#
.SYNOPSIS
    exoip: the original exoip's command line, over the ExoIp module.
.DESCRIPTION
    The same flags and IF_* variables as the native exoip executable: both read the command line through the
    module's one definition of it (ExoIp.CommandLine.CommandLineOptions in ExoIp.Core), so `exoip -h` prints the
    same usage from either. -A and -D run Add-ExoElasticIp / Remove-ExoElasticIp and print one line; -W runs
    Start-ExoIpWatchdog until SIGTERM or SIGINT. Lines go to standard output with a UTC timestamp (-O is accepted:
    this host has no syslog route), without colour when the output is not a terminal or NO_COLOR is set.
    Exit code 0 on success, 1 on a runtime error, 2 on a usage or configuration error.
#>
$ErrorActionPreference = 'Stop'
if ($env:NO_COLOR -or [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

function Exit-With([int] $code, [string] $message) {
    [Console]::Error.WriteLine("exoip: $message")
    exit $code
}

function Write-Line([DateTimeOffset] $time, [string] $text, [switch] $Warning, [switch] $Verbose) {
    $stamp = $time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture)
    [Console]::Out.WriteLine("$stamp $(if ($Warning) { 'WARNING: ' } elseif ($Verbose) { 'VERBOSE: ' })$text")
}

# Warnings and verbose lines join the output, so each is written once, in order, with its time. Each happening of the
# watchdog is one event (its details Verbose lines); the Warning stream holds only what is not the watchdog's.
function Write-Event($event) {
    Write-Line $event.Time ([ExoIp.CommandLine.EventLine]::Of($event.Watchdog, $event.Kind, $event.Message))
}
function Write-Record($record) {
    if ($record -is [Management.Automation.WarningRecord]) { Write-Line ([DateTimeOffset]::UtcNow) $record.Message -Warning }
    elseif ($record -is [Management.Automation.VerboseRecord]) { Write-Line ([DateTimeOffset]::UtcNow) $record.Message -Verbose }
    else { [Console]::Out.WriteLine("$record") }
}

# The module's verbose lines ("Loading module ...") are not the command's.
Import-Module (Join-Path $PSScriptRoot 'ExoIp.psd1') -Verbose:$false
try {
    # The bad values wait for the local check below: one line names every problem, as from the native exoip.
    $line = [ExoIp.CommandLine.CommandLineParser]::ParseLeavingBadValues([string[]]$args, [Func[string, string]][Environment]::GetEnvironmentVariable)
}
catch {
    $failure = $_.Exception.InnerException ?? $_.Exception
    if ($failure -is [ExoIp.CommandLine.UsageException]) { Exit-With 2 $failure.Message }
    throw
}
if ($line.Mode -eq 'Help') {
    [Console]::Out.Write([ExoIp.CommandLine.CommandLineUsage]::Text)
    exit 0
}
if ($line.Mode -eq 'Version') {
    [Console]::Out.WriteLine([ExoIp.CommandLine.BuildVersion]::Line)
    exit 0
}
# -f: the file's variables win over the environment's, and the cmdlets read the environment.
if ($line.File) {
    foreach ($pair in $line.File.Values.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
}
# -C serves the Pacemaker agent, which runs the native executable.
if ($line.Mode -eq 'Check') { Exit-With 2 '-C: only the native exoip takes it (in pwsh: Add-ExoElasticIp -WhatIf says whether it is attached)' }
# -S asks the native watchdog's status socket; a watchdog in pwsh serves none.
if ($line.Mode -eq 'Status') { Exit-With 2 '-S: only the native exoip takes it (in pwsh: Get-ExoIpWatchdog shows the watchdogs of its own session)' }
# -K is the native executable's: in pwsh, a planned restart is Stop-ExoIpWatchdog -KeepElasticIp.
$keep = $false
if ($line.Settings.ContainsKey('KeepElasticIp') -or ($env:IF_KEEP_ELASTIC_IP -and [ExoIp.Configuration.SettingValues]::TryParseSwitch($env:IF_KEEP_ELASTIC_IP, [ref]$keep) -and $keep)) {
    Exit-With 2 '-K: only the native exoip takes it (in pwsh: Stop-ExoIpWatchdog -KeepElasticIp)'
}
# Everything local first, every problem in one run, named by its flag, before the metadata service or the API is asked.
try {
    [ExoIp.CommandLine.CommandLineSettings]::new($line).CheckLocally()
}
catch {
    $failure = $_.Exception.InnerException ?? $_.Exception
    if ($failure -is [ExoIp.CommandLine.UsageException] -or $failure -is [ExoIp.Configuration.ConfigurationException] -or $failure -is [ExoIp.Authentication.AuthKeyException]) {
        Exit-With 2 $failure.Message
    }
    throw
}

# The flags' settings are the cmdlets' parameters, by name.
$parameters = @{}
foreach ($setting in $line.Settings.GetEnumerator()) { $parameters[$setting.Key] = $setting.Value }
if ($parameters.ContainsKey('Peer')) { $parameters.Peer = [string[]]($parameters.Peer -split ',') }
# A switch row left in the settings (-cs) is a cmdlet switch.
foreach ($option in [ExoIp.CommandLine.CommandLineOptions]::All) {
    if (-not $option.TakesValue -and $parameters.ContainsKey($option.Setting)) { $parameters[$option.Setting] = $true }
}
# -pr and -xr count in seconds (checked above); the cmdlet's parameters are TimeSpans, which would read "120" as days.
foreach ($name in 'PeerRefreshInterval', 'ReconcileInterval') {
    if ($parameters.ContainsKey($name)) { $parameters[$name] = [TimeSpan]::FromSeconds([double]::Parse($parameters[$name], [Globalization.CultureInfo]::InvariantCulture)) }
}
if ($parameters.ContainsKey('ApiSecret')) { $parameters.ApiSecret = ConvertTo-SecureString $parameters.ApiSecret -AsPlainText -Force }
if ($line.Verbose) { $parameters.Verbose = $true }

$ended = $false
try {
    if ($line.Mode -eq 'Watchdog') {
        if ($line.ValidateOnly) { $parameters.ValidateOnly = $true }
        # SIGTERM: the watchdog's own handler hands the Elastic IP over; this one keeps pwsh alive until then,
        # so the script ends with exit 0 after the release instead of dying of the signal.
        $keepAlive = [ExoIp.Hosting.PosixSignals]::KeepProcessOn([ExoIp.Hosting.PosixSignals]::Terminate)
        Start-ExoIpWatchdog @parameters 3>&1 4>&1 | ForEach-Object {
            if ($_ -is [ExoIp.PowerShell.Output.WatchdogEventInfo]) { Write-Event $_ } else { Write-Record $_ }
        }
        if ($line.ValidateOnly) { [Console]::Out.WriteLine('The configuration is valid.') }
    }
    else {
        $attach = $line.Mode -eq 'Associate'
        $command = if ($attach) { 'Add-ExoElasticIp' } else { 'Remove-ExoElasticIp' }
        # -n: resolve the configuration, the Elastic IP and the instance, and change nothing.
        $result = & $command @parameters -Confirm:$false -WhatIf:$line.ValidateOnly -PassThru -ErrorAction Stop 3>&1 4>&1 |
            ForEach-Object { if ($_ -is [ExoIp.PowerShell.Output.ElasticIpAssignment]) { $_ } else { Write-Record $_ } }
        if ($line.ValidateOnly) {
            [Console]::Out.WriteLine("Would $(if ($attach) { 'associate' } else { 'dissociate' }) the Elastic IP if needed (-n: nothing changed).")
        }
        else {
            [Console]::Out.WriteLine([ExoIp.CommandLine.AssignmentReport]::Describe($attach, $result.ElasticIp, $result.InstanceId, $result.Changed, $false))
        }
    }
    $ended = $true
    exit 0
}
catch {
    $ended = $true
    # Stopping under SIGINT may surface as a cancellation rather than a stopped pipeline: the same graceful stop.
    $stopping = $_.Exception -is [Management.Automation.PipelineStoppedException] -or $_.Exception -is [OperationCanceledException]
    if ($stopping -and $line.Mode -eq 'Watchdog') { exit 0 }
    # A configuration error is the user's to fix (2); the API, the network or the metadata failing is 1.
    $code = if ($_.Exception -is [ExoIp.Configuration.ConfigurationException] -or $_.Exception -is [Management.Automation.ParameterBindingException]) { 2 } else { 1 }
    Exit-With $code $_.Exception.Message
}
finally {
    # SIGINT is pwsh's Ctrl+C: it stops the pipeline once the cmdlet has handed the Elastic IP over, so the script
    # never reaches its exit. That stop is the graceful one the watchdog documents: exit 0, as after SIGTERM.
    if (-not $ended -and $line.Mode -eq 'Watchdog') { [Environment]::Exit(0) }
}
