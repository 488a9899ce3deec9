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
    # Polls until the condition holds; fails the test with -Because when the deadline passes.
    param([scriptblock] $Condition, [double] $TimeoutSeconds = 20, [string] $Because = 'the condition held in time')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return }
        Start-Sleep -Milliseconds 100
    }
    & $Condition | Should -BeTrue -Because $Because
}

function Get-PwshCommand {
    # pwsh as a local dotnet tool has no apphost in $PSHOME; pwsh.dll under dotnet works everywhere.
    if (Test-Path "$PSHOME/pwsh") { , @("$PSHOME/pwsh") } else { , @('dotnet', "$PSHOME/pwsh.dll") }
}

function Start-ExoipProcess {
    # Runs the module's exoip script in its own pwsh process with the given IF_* variables. Its output is
    # read as it comes (so a full pipe never blocks the node) and, with -LogPath, also written to a file.
    param([string[]] $Arguments, [hashtable] $Environment = @{}, [string] $LogPath)
    $command = Get-PwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Resolve-Path "$PSScriptRoot/../../out/ExoIp/exoip.ps1").Path) + $Arguments) {
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
