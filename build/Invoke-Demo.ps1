<#
.SYNOPSIS
    The one-command failover demo: an emulated Exoscale API, three watchdogs as separate pwsh processes
    on 127.0.0.2-4, a SIGKILL of the master, and the failover timeline. Needs no Exoscale account.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Port = 12345
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
. "$PSScriptRoot/../tests/pester/TestCluster.ps1"

$eip = '198.51.100.50'
$secret = [guid]::NewGuid().ToString('n')
$nodes = @(
    @{ Name = 'node1'; Address = '127.0.0.2'; Priority = 10; Id = [guid]::NewGuid().ToString() }
    @{ Name = 'node2'; Address = '127.0.0.3'; Priority = 20; Id = [guid]::NewGuid().ToString() }
    @{ Name = 'node3'; Address = '127.0.0.4'; Priority = 30; Id = [guid]::NewGuid().ToString() }
)
$seed = New-TestSeed -Key 'EXOdemo000000000000000000001' -Secret $secret -ElasticIp $eip -Instances $nodes -SecurityGroup 'exoip-demo'

function Wait-For([scriptblock] $Condition, [double] $Seconds, [string] $What) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Gave up waiting: $What." }
        Start-Sleep -Milliseconds 20
    }
}

function Get-NodeEvent($Node, [string] $Pattern) {
    # Event lines are '<ISO time> [name] Kind: message', as the exoip script prints them.
    Get-Content $Node.Log | Where-Object { $_ -match $Pattern } | ForEach-Object {
        [pscustomobject]@{ Time = [DateTimeOffset]::Parse($_.Substring(0, $_.IndexOf(' '))); Line = $_ }
    }
}

$emulator = Start-ExoIpEmulator -SeedPath $seed -OperationDelay 0.2
$logs = Join-Path (Split-Path $ModulePath) '../demo'
New-Item -ItemType Directory -Force $logs | Out-Null
try {
    Write-Host "Emulated Exoscale API at $($emulator.ApiEndpoint); Elastic IP $eip; security group exoip-demo."
    foreach ($node in $nodes) {
        $node.Log = Join-Path $logs "$($node.Name).log"
        $node.Process = Start-ExoipProcess -Arguments '-W' -Environment @{
            IF_ADDRESS = $eip; IF_HOST_PRIORITY = $node.Priority; IF_BIND_TO = "$($node.Address):$Port"
            IF_EXOSCALE_PEER_GROUP = 'exoip-demo'; IF_EXOSCALE_INSTANCE_ID = $node.Id
            IF_EXOSCALE_API_KEY = 'EXOdemo000000000000000000001'; IF_EXOSCALE_API_SECRET = $secret
            IF_EXOSCALE_API_ENDPOINT = $emulator.ApiEndpoint
        } -LogPath $node.Log
        Write-Host "Started $($node.Name) (pid $($node.Process.Id)) on $($node.Address):$Port, priority $($node.Priority)."
    }

    Wait-For { (Get-Holder $emulator $eip) -join ',' -eq $nodes[0].Id } 60 'node1 to hold the Elastic IP'
    $nodes | ForEach-Object {
        [pscustomobject]@{ Node = $_.Name; Address = $_.Address; Priority = $_.Priority; HoldsElasticIp = (Get-Holder $emulator $eip) -contains $_.Id }
    } | Format-Table | Out-Host

    Start-Sleep -Seconds 2
    $killed = [DateTimeOffset]::UtcNow
    Write-Host "SIGKILL to node1 (pid $($nodes[0].Process.Id)), the master."
    Send-Signal $nodes[0].Process KILL
    Wait-For { (Get-Holder $emulator $eip) -join ',' -eq $nodes[1].Id } 60 'node2 alone to hold the Elastic IP'
    Start-Sleep -Milliseconds 500

    $history = Invoke-Emulator $emulator GET "history?elasticIp=$eip" | ForEach-Object { $_ } | Where-Object { [DateTimeOffset]$_.time -ge $killed }
    $timeline = @(
        [pscustomobject]@{ Time = $killed; What = 'node1 killed (SIGKILL)' }
        Get-NodeEvent $nodes[1] 'PeerDown.*127\.0\.0\.2' | Select-Object -First 1 | ForEach-Object { [pscustomobject]@{ Time = $_.Time; What = 'node2 declares node1 dead' } }
        Get-NodeEvent $nodes[1] 'StateChanged.*-> Master' | Where-Object Time -GE $killed | Select-Object -First 1 | ForEach-Object { [pscustomobject]@{ Time = $_.Time; What = 'node2 becomes master' } }
        $history | ForEach-Object {
            $who = ($nodes | Where-Object Id -EQ $_.instanceId).Name
            [pscustomobject]@{ Time = [DateTimeOffset]$_.time; What = "API: Elastic IP $($_.action)ed $(if ($_.action -eq 'attach') { 'to' } else { 'from' }) $who" }
        }
    ) | Sort-Object Time
    Write-Host "`nFailover timeline (interval 1 s x dead ratio 3; emulated API operations take 200 ms):"
    $timeline | ForEach-Object { '{0,8:N0} ms  {1}' -f ($_.Time - $killed).TotalMilliseconds, $_.What } | Out-Host
    $stats = Invoke-Emulator $emulator GET "stats/$($eip)?from=$([uri]::EscapeDataString($killed.ToString('o')))"
    Write-Host ("Longest with no holder after the kill: {0:N0} ms; with two holders: {1:N0} ms." -f `
            ([TimeSpan]$stats.longestWithoutHolder).TotalMilliseconds, ([TimeSpan]$stats.longestWithSeveralHolders).TotalMilliseconds)
    Write-Host "Node logs: $((Resolve-Path $logs).Path)"
}
finally {
    foreach ($node in $nodes | Where-Object { $_.Process -and -not $_.Process.HasExited }) {
        Send-Signal $node.Process TERM
        if (-not $node.Process.WaitForExit(20000)) { $node.Process.Kill() }
    }
    $emulator | Stop-ExoIpEmulator
}
exit 0
