#!/usr/bin/env pwsh
<#
.SYNOPSIS
    exoip: the original exoip's command line, over the ExoIp module.
.DESCRIPTION
    Takes the seed's flags and IF_* variables, so an ifupdown stanza or a systemd unit written for exoip
    keeps working. Exactly one mode:
      -A  associate the Elastic IP with this instance, then exit   (Add-ExoElasticIp)
      -D  dissociate it from this instance, then exit              (Remove-ExoElasticIp)
      -W  watchdog: run until SIGTERM/SIGINT                      (Start-ExoIpWatchdog)
    Options (command line wins over the environment variable in brackets):
      -P int     priority, lower wins, 0-255 (IF_HOST_PRIORITY, default 10)
      -l addr    bind address (IF_BIND_TO or IF_BIND_ADDRESS, default :12345)
      -i id      this instance's id (IF_EXOSCALE_INSTANCE_ID, default: metadata)
      -p peers   peers, repeated and/or comma-separated (IF_EXOSCALE_PEERS)
      -G group   security group of the peers (IF_EXOSCALE_PEER_GROUP)
      -r int     dead ratio (IF_DEAD_RATIO, default 3)
      -t sec     advertisement interval in seconds, fractions allowed (IF_ADVERTISEMENT_INTERVAL, default 1)
      -xi addr   the Elastic IP (IF_ADDRESS)
      -xk key    API key (IF_EXOSCALE_API_KEY)
      -xs secret API secret (IF_EXOSCALE_API_SECRET; prefer the variable: arguments show in ps)
      -xe url    API endpoint incl. /v2 (IF_EXOSCALE_API_ENDPOINT)
      -n         validate the configuration and exit
      -v         verbose
      -O         log to stdout (always the case; accepted for compatibility)
    Exit code 0 on success, 1 on any error, 2 on a usage error.
#>
$ErrorActionPreference = 'Stop'

function Exit-Usage([string] $message) {
    [Console]::Error.WriteLine("exoip: $message (see the comment at the top of exoip.ps1)")
    exit 2
}

$modes = @()
$options = @{}
$peers = [System.Collections.Generic.List[string]]::new()
$valueFlags = @{
    '-P' = 'Priority'; '-l' = 'BindAddress'; '-i' = 'InstanceId'; '-G' = 'PeerGroup'; '-r' = 'DeadRatio'
    '-t' = 'Interval'; '-xi' = 'ElasticIp'; '-xk' = 'ApiKey'; '-xs' = 'ApiSecret'; '-xe' = 'ApiEndpoint'
}
for ($i = 0; $i -lt $args.Count; $i++) {
    # Flags are case-sensitive as in the original: -p (peers) is not -P (priority).
    $flag = [string]$args[$i]
    if ($flag -cin '-A', '-D', '-W') { $modes += $flag; continue }
    if ($flag -ceq '-n') { $options.ValidateOnly = $true; continue }
    if ($flag -ceq '-v') { $VerbosePreference = 'Continue'; continue }
    if ($flag -ceq '-O') { continue }
    $name = if ($flag -ceq '-p') { 'Peer' } else { $valueFlags.Keys | Where-Object { $_ -ceq $flag } | ForEach-Object { $valueFlags[$_] } }
    if (-not $name) { Exit-Usage "unknown flag '$flag'" }
    if ($i + 1 -ge $args.Count) { Exit-Usage "flag $flag needs a value" }
    $value = [string]$args[++$i]
    if ($name -eq 'Peer') { $peers.AddRange([string[]]($value -split '[,\s]+' | Where-Object { $_ })) }
    else { $options[$name] = $value }
}
if ($modes.Count -ne 1) { Exit-Usage 'give exactly one of -A, -D, -W' }
if ($peers.Count) { $options.Peer = $peers.ToArray() }
if ($options.ContainsKey('ApiSecret')) { $options.ApiSecret = ConvertTo-SecureString $options.ApiSecret -AsPlainText -Force }

Import-Module (Join-Path $PSScriptRoot 'ExoIp.psd1')
try {
    switch ($modes[0]) {
        '-W' {
            Start-ExoIpWatchdog @options | ForEach-Object { $_.ToString() }
        }
        default {
            $watchdogOnly = 'Priority', 'BindAddress', 'Peer', 'PeerGroup', 'DeadRatio', 'Interval'
            $given = @($watchdogOnly | Where-Object { $options.ContainsKey($_) })
            if ($given) { Exit-Usage "-A and -D take no watchdog option ($($given -join ', '))" }
            # -n: resolve the configuration, the Elastic IP and the instance, and change nothing.
            $whatIf = [bool]$options.ValidateOnly
            $options.Remove('ValidateOnly')
            $command = if ($modes[0] -eq '-A') { 'Add-ExoElasticIp' } else { 'Remove-ExoElasticIp' }
            & $command @options -Confirm:$false -WhatIf:$whatIf
        }
    }
    exit 0
}
catch {
    [Console]::Error.WriteLine("exoip: $($_.Exception.Message) [$($_.FullyQualifiedErrorId)]")
    exit 1
}
