# Shared helpers for the Pester suites: emulator seeds, its control API, environment save/restore.

function New-TestSeed {
    param(
        [string] $Key, [string] $Secret, [string] $ElasticIp, [hashtable[]] $Instances,
        [string] $SecurityGroup = 'exoip-peers', [string] $Path = (Join-Path ([IO.Path]::GetTempPath()) "exoip-seed-$([guid]::NewGuid()).json")
    )
    $groupId = [guid]::NewGuid().ToString()
    @{
        zone                = 'ch-gva-2'
        credentials         = @(@{ key = $Key; secret = $Secret })
        'security-groups'   = @(@{ id = $groupId; name = $SecurityGroup })
        'elastic-ips'       = @(@{ id = [guid]::NewGuid().ToString(); ip = $ElasticIp })
        instances           = @($Instances | ForEach-Object {
                @{ id = $_.Id; name = "node-$($_.Address)"; state = 'running'; 'public-ip' = $_.Address; 'security-groups' = @($groupId); 'elastic-ips' = @() }
            })
    } | ConvertTo-Json -Depth 5 | Set-Content $Path
    $Path
}

function Invoke-Emulator {
    param($Emulator, [string] $Method, [string] $Path, $Body)
    $request = @{ Method = $Method; Uri = $Emulator.ControlEndpoint.AbsoluteUri + $Path }
    if ($null -ne $Body) { $request.Body = $Body | ConvertTo-Json -Depth 5; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Get-Holder {
    param($Emulator, [string] $ElasticIp)
    @((Invoke-Emulator $Emulator GET "holders/$ElasticIp").holders)
}

function Save-Environment([string[]] $Names) {
    $saved = @{}
    foreach ($name in $Names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
    $saved
}

function Restore-Environment([hashtable] $Saved) {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

# ---- Watchdog clusters: nodes as processes of the exoip script, each on its own loopback address ----

function Get-PwshCommand {
    # The pwsh running this script, as a command line: under the dotnet tool it is dotnet + pwsh.dll.
    $self = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return @($self, (Join-Path $PSHOME 'pwsh.dll')) }
    @($self)
}

function Get-FreeUdpPort([string] $Address = '127.0.0.1') {
    # Every node binds the same port on its own address; one the OS picks is free of other runs' clusters.
    $socket = [Net.Sockets.Socket]::new('InterNetwork', 'Dgram', 'Udp')
    try { $socket.Bind([Net.IPEndPoint]::new([ipaddress]$Address, 0)); $socket.LocalEndPoint.Port } finally { $socket.Dispose() }
}

function New-TestCluster {
    <#
    .SYNOPSIS
        Describes a cluster (nothing starts): its emulator, Elastic IP, credentials, timing and nodes.
        Nodes are @{ Address; Priority } (an id is made up when none is given); Start-TestNode starts them.
    #>
    param(
        [Parameter(Mandatory)] [hashtable[]] $Nodes,
        [Parameter(Mandatory)] [string] $LogDirectory,
        [string] $ElasticIp = '198.51.100.50',
        [string] $Key = 'EXO1234567890abcdef00000001',
        [string] $Secret = ('cluster-secret-' + [guid]::NewGuid().ToString('n')),
        [double] $Interval = 1,
        [int] $DeadRatio = 3,
        [int] $Port = (Get-FreeUdpPort),
        [hashtable] $Environment = @{}
    )
    New-Item -ItemType Directory -Force -Path $LogDirectory | Out-Null
    $members = foreach ($node in $Nodes) {
        [pscustomobject]@{
            Name = "node-$($node.Address)"; Address = $node.Address; Priority = $node.Priority
            Id = $node.Id ?? [guid]::NewGuid().ToString(); Process = $null; Starts = 0; Log = $null; ErrorLog = $null
        }
    }
    [pscustomobject]@{
        ElasticIp = $ElasticIp; Key = $Key; Secret = $Secret; Interval = $Interval; DeadRatio = $DeadRatio; Port = $Port
        LogDirectory = $LogDirectory; Nodes = @($members); Environment = $Environment; Emulator = $null; SeedPath = $null
    }
}

function Start-TestClusterEmulator($Cluster) {
    # One emulator whose seed has the cluster's credentials, Elastic IP and one instance per node.
    $Cluster.SeedPath = New-TestSeed -Key $Cluster.Key -Secret $Cluster.Secret -ElasticIp $Cluster.ElasticIp `
        -Instances @($Cluster.Nodes | ForEach-Object { @{ Id = $_.Id; Address = $_.Address } }) -Path (Join-Path $Cluster.LogDirectory 'seed.json')
    $Cluster.Emulator = Start-ExoIpEmulator -SeedPath $Cluster.SeedPath
}

function Reset-TestClusterEmulator($Cluster) {
    # Back to the seed: nobody holds the Elastic IP, no history, no faults, no operation delay.
    Invoke-Emulator $Cluster.Emulator DELETE faults | Out-Null
    Invoke-Emulator $Cluster.Emulator PUT operation-delay @{ milliseconds = 0 } | Out-Null
    Invoke-Emulator $Cluster.Emulator POST reset (Get-Content $Cluster.SeedPath -Raw | ConvertFrom-Json) | Out-Null
}

function Start-TestNode {
    <#
    .SYNOPSIS
        Starts one node as its own process: a pwsh running Start-ExoIpWatchdog (what `exoip -W` runs) configured
        only through IF_* variables, as ifupdown would, with one event line per event on stdout; stdout and
        stderr go to files under the cluster's log folder. -Verbose passes -Verbose to the watchdog.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Node, [hashtable] $Environment = @{})
    $Node.Starts++
    $stem = Join-Path $Cluster.LogDirectory "$($Node.Name)-$($Node.Starts)"
    $Node.Log = "$stem.log"
    $Node.ErrorLog = "$stem.err"
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../../out/ExoIp/ExoIp.psd1')).Path
    $verbose = $VerbosePreference -eq 'Continue' ? ' -Verbose' : ''
    $command = "Import-Module '$manifest'; Start-ExoIpWatchdog$verbose | ForEach-Object { `$_.ToString() }"
    $info = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
    # exec: the process id is the node's own, so signals reach it; the shell only redirects.
    foreach ($argument in @('-c', 'exec "$@" >"$EXOIP_TEST_LOG" 2>"$EXOIP_TEST_ERRORS"', 'sh') + (Get-PwshCommand) + @('-NoProfile', '-NonInteractive', '-Command', $command)) {
        $info.ArgumentList.Add($argument)
    }
    $info.UseShellExecute = $false
    foreach ($name in @($info.Environment.Keys | Where-Object { $_ -like 'IF_*' -or $_ -like 'EXOSCALE_*' })) { $info.Environment.Remove($name) | Out-Null }
    $peers = @($Cluster.Nodes | Where-Object Address -NE $Node.Address | ForEach-Object Address) -join ','
    $variables = @{
        EXOIP_TEST_LOG = $Node.Log; EXOIP_TEST_ERRORS = $Node.ErrorLog
        IF_ADDRESS = $Cluster.ElasticIp; IF_HOST_PRIORITY = "$($Node.Priority)"; IF_BIND_TO = "$($Node.Address):$($Cluster.Port)"
        IF_EXOSCALE_INSTANCE_ID = $Node.Id; IF_EXOSCALE_PEERS = $peers
        IF_DEAD_RATIO = "$($Cluster.DeadRatio)"; IF_ADVERTISEMENT_INTERVAL = ([string]$Cluster.Interval)
        IF_EXOSCALE_API_KEY = $Cluster.Key; IF_EXOSCALE_API_SECRET = $Cluster.Secret; IF_EXOSCALE_API_ENDPOINT = [string]$Cluster.Emulator.ApiEndpoint
    }
    foreach ($source in $Cluster.Environment, $Environment) { foreach ($name in $source.Keys) { $variables[$name] = $source[$name] } }
    foreach ($name in $variables.Keys) { $info.Environment[$name] = $variables[$name] }
    $Node.Process = [Diagnostics.Process]::Start($info)
    $Node
}

function Send-TestNodeSignal {
    # KILL, TERM, STOP, CONT, USR1, USR2 to a node's process.
    param([Parameter(Mandatory)] $Node, [Parameter(Mandatory)] [ValidateSet('KILL', 'TERM', 'STOP', 'CONT', 'USR1', 'USR2')] [string] $Signal)
    & kill "-$Signal" $Node.Process.Id
    if ($LASTEXITCODE -ne 0) { throw "kill -$Signal $($Node.Process.Id) ($($Node.Name)) failed." }
}

function Stop-TestNode {
    # SIGTERM and a bounded wait (a graceful stop releases the Elastic IP), then SIGKILL if still running.
    param([Parameter(Mandatory)] $Node, [int] $TimeoutSeconds = 20, [switch] $Kill)
    $process = $Node.Process
    if (-not $process -or $process.HasExited) { return }
    if ($Kill) { $process.Kill() } else { Send-TestNodeSignal $Node TERM }
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { $process.Kill(); $process.WaitForExit() }
}

function Stop-TestCluster($Cluster) {
    # Everything this cluster started, whatever state a failed test left it in (a stopped process is resumed first).
    foreach ($node in $Cluster.Nodes) {
        if ($node.Process -and -not $node.Process.HasExited) { $node.Process.Kill(); $node.Process.WaitForExit() }
    }
    if ($Cluster.Emulator) { $Cluster.Emulator | Stop-ExoIpEmulator; $Cluster.Emulator = $null }
}

function Read-TestNodeEvent {
    <#
    .SYNOPSIS
        The events a node printed, oldest first, parsed from "<ISO timestamp> [<name>] <Kind>: <Message>" lines
        of every start's log (of the current start's only with -CurrentStart).
    #>
    param([Parameter(Mandatory)] $Node, [string] $Kind, [string] $Match, [DateTimeOffset] $Since = [DateTimeOffset]::MinValue, [switch] $CurrentStart)
    $logs = $CurrentStart ? @(Get-Item $Node.Log -ErrorAction SilentlyContinue) : @(Get-ChildItem (Split-Path $Node.Log) -Filter "$($Node.Name)-*.log")
    $events = foreach ($line in ($logs | Get-Content)) {
        if ($line -notmatch '^(?<time>\S+) \[(?<name>[^\]]+)\] (?<kind>\w+): (?<message>.*)$') { continue }
        $event = [pscustomobject]@{
            Time = [DateTimeOffset]::Parse($Matches.time, [Globalization.CultureInfo]::InvariantCulture); Kind = $Matches.kind; Message = $Matches.message
        }
        if (($Kind -and $event.Kind -ne $Kind) -or ($Match -and $event.Message -notmatch $Match) -or $event.Time -lt $Since) { continue }
        $event
    }
    $events | Sort-Object Time
}

function Get-TestNodeRole {
    # The role a node's current process last reported (Starting, Master, Backup), from its latest StateChanged event.
    param([Parameter(Mandatory)] $Node)
    $last = Read-TestNodeEvent $Node -Kind StateChanged -CurrentStart | Select-Object -Last 1
    if ($last -and $last.Message -match '-> (?<role>\w+):') { $Matches.role }
}

function Get-TestNodeFailure {
    # What shows a crash or an error the node did not handle, over every start: any line on stderr, and an
    # "Unhandled exception" anywhere.
    param([Parameter(Mandatory)] $Node)
    $files = Get-ChildItem (Split-Path $Node.Log) -Filter "$($Node.Name)-*.*"
    $files | Where-Object Extension -EQ '.err' | Select-String -Pattern '\S' | ForEach-Object { "$($_.Filename): $($_.Line)" }
    $files | Where-Object Extension -EQ '.log' | Select-String -Pattern 'Unhandled exception' | ForEach-Object { "$($_.Filename): $($_.Line)" }
}

# ---- What the emulator saw ----

function Get-HolderHistory {
    # Attaches and detaches of the Elastic IP as they applied (millisecond times), optionally since a moment.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $ElasticIp, [DateTimeOffset] $Since = [DateTimeOffset]::MinValue)
    # Assigned first: Invoke-RestMethod writes a JSON array as one object.
    $changes = Invoke-Emulator $Emulator GET "history?elasticIp=$ElasticIp"
    foreach ($change in $changes) {
        $time = [DateTimeOffset]$change.time
        if ($time -ge $Since) { [pscustomobject]@{ Time = $time; InstanceId = $change.instanceId; Action = $change.action } }
    }
}

function Get-HolderStats {
    # Longest stretch with no holder and with several, and the changes, between two moments (default: all, up to now).
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $ElasticIp, [DateTimeOffset] $From, [DateTimeOffset] $To)
    $query = @()
    if ($PSBoundParameters.ContainsKey('From')) { $query += 'from=' + [uri]::EscapeDataString($From.ToString('O')) }
    if ($PSBoundParameters.ContainsKey('To')) { $query += 'to=' + [uri]::EscapeDataString($To.ToString('O')) }
    $stats = Invoke-Emulator $Emulator GET ("stats/$ElasticIp" + ($query ? '?' + ($query -join '&') : ''))
    [pscustomobject]@{
        LongestWithoutHolder = [TimeSpan]$stats.longestWithoutHolder
        LongestWithSeveralHolders = [TimeSpan]$stats.longestWithSeveralHolders
        Changes = [int]$stats.changes
        HoldersNow = @($stats.holdersNow)
    }
}

function Wait-Condition {
    <#
    .SYNOPSIS
        Polls until the condition holds (returns its last value) or the deadline passes (throws, saying what was awaited).
    #>
    param([Parameter(Mandatory)] [scriptblock] $Condition, [Parameter(Mandatory)] [string] $Because, [double] $TimeoutSeconds = 20, [int] $PollMilliseconds = 50)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $value = & $Condition
        if ($value) { return $value }
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $Because." }
        Start-Sleep -Milliseconds $PollMilliseconds
    }
}

function Wait-SoleHolder {
    # Waits until exactly this instance holds the Elastic IP.
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Node, [double] $TimeoutSeconds = 20)
    Wait-Condition -TimeoutSeconds $TimeoutSeconds -Because "$($Node.Name) alone holds $($Cluster.ElasticIp)" {
        $holders = @(Get-Holder $Cluster.Emulator $Cluster.ElasticIp)
        $holders.Count -eq 1 -and $holders[0] -eq $Node.Id
    } | Out-Null
}
