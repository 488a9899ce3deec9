@{
    Synopsis    = 'Attaches an Exoscale Elastic IP to an instance (this one by default).'
    Description = @'
Makes sure the Elastic IP is attached to the instance: it looks first and attaches only when needed, then waits for Exoscale's operation to finish. An Elastic IP that is already attached is a success (said in Verbose), so the command is safe to repeat. This is the original exoip's association mode (-A).

The Elastic IP is given by address or id, else read from IF_ADDRESS. The instance is -InstanceId, else IF_EXOSCALE_INSTANCE_ID, else this instance from the metadata service. Credentials and endpoint come from the parameters, else IF_EXOSCALE_API_KEY / IF_EXOSCALE_API_SECRET / IF_EXOSCALE_API_ENDPOINT, else EXOSCALE_API_KEY / EXOSCALE_API_SECRET / EXOSCALE_API_ENDPOINT / EXOSCALE_ZONE, else the default account of exoscale.toml; with no parameters at all it works from what ifupdown exports.

An Exoscale Elastic IP may sit on several instances at once: attaching it here does not detach it elsewhere (see Remove-ExoElasticIp).
'@
    Parameters  = @{
        ElasticIp   = 'The Elastic IP, by IPv4 address (198.51.100.50) or id (a UUID); anything else is refused before any API call. Default: IF_ADDRESS. Accepts pipeline input by property name (ElasticIp or Address).'
        InstanceId  = 'The instance to attach to. Default: IF_EXOSCALE_INSTANCE_ID, else this instance as the metadata service names it. Accepts pipeline input by property name.'
        PassThru    = 'Emits an ElasticIpAssignment object describing what was done (Changed is False when the Elastic IP was already attached).'
        Credential  = 'The API key as user name and the API secret as password. Do not combine with -ApiKey or -ApiSecret.'
        ApiKey      = 'The API key. Default: IF_EXOSCALE_API_KEY, EXOSCALE_API_KEY, or the exoscale.toml account.'
        ApiSecret   = 'The API secret as a SecureString. Default: IF_EXOSCALE_API_SECRET, EXOSCALE_API_SECRET, or the exoscale.toml account. Never printed or logged.'
        ApiEndpoint = 'A full API base URL including /v2 (plain http only for loopback addresses, e.g. the ExoIp emulator). Default: IF_EXOSCALE_API_ENDPOINT, EXOSCALE_API_ENDPOINT, the exoscale.toml account, else built from the zone.'
        Zone        = 'The zone (ch-gva-2, ch-dk-2, de-fra-1, de-muc-1, at-vie-1, at-vie-2, bg-sof-1, hr-zag-1). Default: IF_EXOSCALE_ZONE, EXOSCALE_ZONE, the exoscale.toml account, else the instance metadata.'
    }
    Examples    = @(
        @{
            Title   = 'Attach an Elastic IP to this instance'
            Code    = 'Add-ExoElasticIp -ElasticIp 198.51.100.50 -Verbose'
            Remarks = 'Credentials and zone come from the environment or exoscale.toml; the instance id from the metadata service.'
        }
        @{
            Title   = 'Attach to a named instance and see the result'
            Code    = 'Add-ExoElasticIp 198.51.100.50 -InstanceId 8f1c6c41-5b3e-4a51-9f1b-2a3c4d5e6f70 -Zone ch-gva-2 -PassThru'
            Remarks = 'Changed is False when the Elastic IP was already attached.'
        }
        @{
            Title   = 'Preview the change'
            Code    = 'Add-ExoElasticIp -ElasticIp 198.51.100.50 -InstanceId 8f1c6c41-5b3e-4a51-9f1b-2a3c4d5e6f70 -WhatIf'
            Remarks = 'Looks the Elastic IP and the instance up and says what it would attach, or that nothing would change when it is already attached; changes nothing.'
        }
    )
    Inputs      = 'Objects with ElasticIp (or Address) and InstanceId properties, such as Get-ExoIpPeer output.'
    Outputs     = 'ExoIp.PowerShell.Output.ElasticIpAssignment with -PassThru; nothing otherwise.'
    Notes       = 'ErrorIds: ElasticIpNotFound, InstanceNotFound, AuthenticationFailed, InvalidRequest, ApiUnavailable, ApiTimeout, OperationFailed, MetadataUnavailable, MissingConfiguration, InvalidConfiguration, ConflictingCredentials.'
    RelatedLinks = @('Remove-ExoElasticIp', 'Start-ExoIpWatchdog', 'about_ExoIp')
}
