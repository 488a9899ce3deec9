#requires -Version 7.4
<#
.SYNOPSIS
    Failover with authenticated adverts beside plain ones: the same 3-node cluster at 0.1 s x 3, SIGKILL of the
    master, once with every node keyed (IF_AUTH_KEY_FILE) and once without.
.DESCRIPTION
    Runs against the built module (./build.ps1 -Task Build). Writes out/bench-auth/auth-failover.json (every
    trial) and prints one table row per setting: median and p95 of detection, new holder and old released,
    from the kill. Run it under the suite lock: it starts six pwsh processes one after another.
.EXAMPLE
    flock /work/wt/suite.lock dotnet pwsh -NoProfile -File bench/Measure-AuthFailover.ps1 -KillTrials 10
#>
[CmdletBinding()]
param(
    [int] $KillTrials = 10,
    [double] $Interval = 0.1,
    [int] $DeadRatio = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$out = Join-Path $root 'out/bench-auth'
Import-Module (Join-Path $root 'ExoIp.psd1') -Force
. (Join-Path $root 'tests/pester/TestCluster.ps1')
. (Join-Path $PSScriptRoot 'ClusterTrials.ps1')

if (Test-Path $out) { Remove-Item $out -Recurse -Force }
New-Item -ItemType Directory -Path $out | Out-Null
$keyFile = (New-ExoIpAuthKey -Path (Join-Path $out 'cluster.key')).Path

function Get-Percentile([double[]] $Values, [double] $Fraction) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $sorted[[math]::Min($sorted.Count - 1, [math]::Ceiling($Fraction * $sorted.Count) - 1)]
}

$settings = @(
    @{ Name = 'plain adverts (24 bytes)'; Environment = @{} }
    @{ Name = 'authenticated adverts (52 bytes, HMAC-SHA256)'; Environment = @{ IF_AUTH_KEY_FILE = $keyFile } }
)
$results = foreach ($setting in $settings) {
    $result = Invoke-FailoverSetting -Name $setting.Name -LogDirectory (Join-Path $out "cluster-$($settings.IndexOf($setting))") `
        -Interval $Interval -DeadRatio $DeadRatio -KillTrials $KillTrials -Environment $setting.Environment
    $result | Add-Member -NotePropertyName Authenticated -NotePropertyValue ($setting.Environment.Count -gt 0) -PassThru
}
$results | ConvertTo-Json -Depth 8 | Set-Content (Join-Path $out 'auth-failover.json')

"| adverts | floor | trials | detection (median / p95) | new master holds (median / p95) | old master released (median / p95) | node failures |"
"|---|---|---|---|---|---|---|"
foreach ($result in $results) {
    $cells = foreach ($figure in 'DetectionMs', 'NewHolderMs', 'OldReleasedMs') {
        $values = [double[]]@($result.Losses | ForEach-Object $figure | Where-Object { $null -ne $_ })
        '{0:0} ms / {1:0} ms' -f (Get-Percentile $values 0.5), (Get-Percentile $values 0.95)
    }
    '| {0} | {1:0} ms | {2} | {3} | {4} |' -f $result.Name, $result.FloorMs, $result.Losses.Count, ($cells -join ' | '), @($result.NodeFailures).Count
}
exit 0
