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
