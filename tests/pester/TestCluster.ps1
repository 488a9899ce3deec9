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

function Wait-Until {
    # Polls until the condition holds; throws with -Because when the deadline passes (a throw fails a Pester
    # test, and the benchmark, which runs outside Pester, uses it too).
    param([scriptblock] $Condition, [double] $TimeoutSeconds = 20, [string] $Because = 'the condition held in time', [int] $PollMilliseconds = 100)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $Because." }
        Start-Sleep -Milliseconds $PollMilliseconds
    }
}

function Wait-WatchdogInfo([string] $Name, [scriptblock] $Condition) {
    # Polls Get-ExoIpWatchdog until the watchdog's info matches; returns it, or throws with what it saw.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    do {
        $info = Get-ExoIpWatchdog -Name $Name -ErrorAction Ignore
        if ($info -and ($info | Where-Object $Condition)) { return $info }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    throw "not reached: $Condition; seen: $($info | Format-List | Out-String)"
}

function Get-PwshCommand {
    # pwsh as a local dotnet tool has no apphost in $PSHOME; pwsh.dll under dotnet works everywhere.
    if (Test-Path "$PSHOME/pwsh") { , @("$PSHOME/pwsh") } else { , @('dotnet', "$PSHOME/pwsh.dll") }
}

function Get-NativeExoip {
    # The native executable ./build.ps1 -Task Native (and -Task Test) builds.
    $path = Join-Path $PSScriptRoot '../../out/native/exoip'
    if (-not (Test-Path $path)) { throw "$path is missing: run ./build.ps1 -Task Native first." }
    (Resolve-Path $path).Path
}

function Start-ExoipProcess {
    # Runs the module's exoip script in its own pwsh process (or, with -Native, the native executable) with the
    # given IF_* variables. Its output is read as it comes (so a full pipe never blocks the node) and, with
    # -LogPath, also written to a file. -Executable runs another native build than out/native/exoip.
    param([string[]] $Arguments, [hashtable] $Environment = @{}, [string] $LogPath, [switch] $Native, [string] $Executable)
    $command = $Native ? @($Executable ? $Executable : (Get-NativeExoip)) : @(Get-PwshCommand) + @('-NoProfile', '-NonInteractive', '-File', (Resolve-Path "$PSScriptRoot/../../out/ExoIp/exoip-command.ps1").Path)
    $start = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in @($command | Select-Object -Skip 1) + $Arguments) {
        $start.ArgumentList.Add($argument)
    }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string]$Environment[$name] }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $output = if ($LogPath) { Copy-StreamToFile $process.StandardOutput $LogPath } else { $process.StandardOutput.ReadToEndAsync() }
    $process | Add-Member -NotePropertyName StdOut -NotePropertyValue $output
    $process | Add-Member -NotePropertyName StdErr -NotePropertyValue $process.StandardError.ReadToEndAsync()
    $process
}

function Copy-StreamToFile([System.IO.StreamReader] $Reader, [string] $Path) {
    # Unbuffered, so the file can be read while the process runs; the handle closes with the process
    # object's finalizer or Stop-TestProcess.
    $file = [System.IO.FileStream]::new($Path, 'Create', 'Write', 'ReadWrite', 1)
    $Reader.BaseStream.CopyToAsync($file)
}

function Stop-TestProcess([System.Diagnostics.Process] $Process) {
    if ($Process -and -not $Process.HasExited) { $Process.Kill($true); $Process.WaitForExit(10000) | Out-Null }
}

function Send-Signal([System.Diagnostics.Process] $Process, [string] $Signal) {
    & kill "-$Signal" $Process.Id
}

# ---- Watchdog clusters: nodes as processes of the exoip script, each on its own loopback address, all on one port ----

function Get-FreeUdpPort([string] $Address = '127.0.0.1') {
    # Every node binds the same port on its own address; one the OS picks is free of other runs' clusters.
    $socket = [Net.Sockets.Socket]::new('InterNetwork', 'Dgram', 'Udp')
    try { $socket.Bind([Net.IPEndPoint]::new([ipaddress]$Address, 0)); $socket.LocalEndPoint.Port } finally { $socket.Dispose() }
}

function New-TestCluster {
    <#
    .SYNOPSIS
        Describes a cluster (nothing starts): its emulator, Elastic IP, credentials, timing and nodes.
        Nodes are @{ Address; Priority; Native; Executable; Environment } (an id is made up when none is given; Native
        runs the native executable instead of the exoip script, Executable another build of it, Environment adds
        variables to the cluster's for that node alone); Start-TestNode starts them.
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
            Name = "node-$($node.Address)"; Address = $node.Address; Priority = $node.Priority; Native = [bool]$node.Native; Executable = $node['Executable']
            Environment = $node['Environment'] ?? @{}
            Id = $node.Id ?? [guid]::NewGuid().ToString(); LogDirectory = $LogDirectory
            Process = $null; Runs = [Collections.Generic.List[object]]::new(); Starts = 0; Log = $null
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
        Starts one node as its own process: the module's exoip script (or the native exoip) in watchdog mode (-W -O, with -v when
        -WatchdogVerbose) configured only through IF_* variables, as ifupdown would; its event lines go to a
        log file per start under the cluster's log folder.
    #>
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Node, [switch] $WatchdogVerbose)
    $Node.Starts++
    $Node.Log = Join-Path $Cluster.LogDirectory "$($Node.Name)-$($Node.Starts).log"
    $peers = @($Cluster.Nodes | Where-Object Address -NE $Node.Address | ForEach-Object Address) -join ','
    $variables = @{
        IF_ADDRESS = $Cluster.ElasticIp; IF_HOST_PRIORITY = $Node.Priority; IF_BIND_TO = "$($Node.Address):$($Cluster.Port)"
        IF_EXOSCALE_INSTANCE_ID = $Node.Id; IF_EXOSCALE_PEERS = $peers
        IF_DEAD_RATIO = $Cluster.DeadRatio; IF_ADVERTISEMENT_INTERVAL = $Cluster.Interval.ToString([Globalization.CultureInfo]::InvariantCulture)
        IF_EXOSCALE_API_KEY = $Cluster.Key; IF_EXOSCALE_API_SECRET = $Cluster.Secret; IF_EXOSCALE_API_ENDPOINT = $Cluster.Emulator.ApiEndpoint
    }
    foreach ($name in $Cluster.Environment.Keys) { $variables[$name] = $Cluster.Environment[$name] }
    foreach ($name in $Node.Environment.Keys) { $variables[$name] = $Node.Environment[$name] }
    $arguments = $WatchdogVerbose ? @('-W', '-O', '-v') : @('-W', '-O')
    $Node.Process = Start-ExoipProcess -Arguments $arguments -Environment $variables -LogPath $Node.Log -Native:$Node.Native -Executable $Node.Executable
    $Node.Runs.Add($Node.Process)
    $Node
}

function Stop-TestCluster {
    # Everything this cluster started (only its nodes with -NodesOnly), whatever state a failed test left it in
    # (SIGKILL ends a stopped process too).
    param([Parameter(Mandatory)] $Cluster, [switch] $NodesOnly)
    foreach ($node in $Cluster.Nodes) { foreach ($run in $node.Runs) { Stop-TestProcess $run } }
    if ($Cluster.Emulator -and -not $NodesOnly) { $Cluster.Emulator | Stop-ExoIpEmulator; $Cluster.Emulator = $null }
}

function Read-TestNodeEvent {
    <#
    .SYNOPSIS
        The events a node printed, oldest first, parsed from "<ISO timestamp> [<name>] <Kind>: <Message>" lines
        of every start's log (of the current start's only with -CurrentStart).
    #>
    param([Parameter(Mandatory)] $Node, [string] $Kind, [string] $Match, [DateTimeOffset] $Since = [DateTimeOffset]::MinValue, [switch] $CurrentStart)
    # Every start's log in the order of the starts (name-2.log before name-10.log), its lines in the order written: events
    # of one millisecond (a role changed twice in one pass batch) keep that order through the stable sort below.
    $logs = $CurrentStart ? @(Get-Item $Node.Log -ErrorAction SilentlyContinue) : @(Get-ChildItem (Split-Path $Node.Log) -Filter "$($Node.Name)-*.log" |
            Sort-Object -Stable { [int]($_.BaseName -replace '^.*-', '') })
    $events = foreach ($line in ($logs | Get-Content)) {
        if ($line -notmatch '^(?<time>\S+) \[(?<name>[^\]]+)\] (?<kind>\w+): (?<message>.*)$') { continue }
        $event = [pscustomobject]@{
            Time = [DateTimeOffset]::Parse($Matches.time, [Globalization.CultureInfo]::InvariantCulture); Kind = $Matches.kind; Message = $Matches.message
        }
        if (($Kind -and $event.Kind -ne $Kind) -or ($Match -and $event.Message -notmatch $Match) -or $event.Time -lt $Since) { continue }
        $event
    }
    $events | Sort-Object -Stable Time
}

function Get-TestNodeRole {
    # The role a node's current process last reported (Starting, Master, Backup), from its latest StateChanged event.
    param([Parameter(Mandatory)] $Node)
    $last = Read-TestNodeEvent $Node -Kind StateChanged -CurrentStart | Select-Object -Last 1
    if ($last -and $last.Message -match '-> (?<role>\w+):') { $Matches.role }
}

function Get-TestNodeFailure {
    # What shows a crash or an error the node did not handle, over every start that has ended: any line on
    # stderr, and an "Unhandled exception" in its log.
    param([Parameter(Mandatory)] $Node)
    foreach ($run in $Node.Runs | Where-Object HasExited) {
        $run.StdErr.Result -split "`n" | Where-Object { $_ -match '\S' } | ForEach-Object { "$($Node.Name) stderr: $_" }
    }
    Get-ChildItem $Node.LogDirectory -Filter "$($Node.Name)-*.log" | Select-String -Pattern 'Unhandled exception' |
        ForEach-Object { "$($_.Filename): $($_.Line)" }
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

function Wait-SoleHolder {
    # Waits until exactly this instance holds the Elastic IP.
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] $Node, [double] $TimeoutSeconds = 20)
    Wait-Until -TimeoutSeconds $TimeoutSeconds -Because "$($Node.Name) alone holds $($Cluster.ElasticIp)" {
        $holders = @(Get-Holder $Cluster.Emulator $Cluster.ElasticIp)
        $holders.Count -eq 1 -and $holders[0] -eq $Node.Id
    }
}
