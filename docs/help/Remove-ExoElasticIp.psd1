@{
    Synopsis    = 'Detaches an Exoscale Elastic IP from an instance (this one by default).'
    Description = @'
Makes sure the Elastic IP is not attached to the instance: it looks first and detaches only when needed, then waits for Exoscale's operation to finish. An Elastic IP that is not attached is a success (said in Verbose), so the command is safe to repeat. This is the original exoip's dissociation mode (-D).

The Elastic IP, the instance, the credentials and the endpoint are found as for Add-ExoElasticIp: parameters, else IF_* variables, else EXOSCALE_* variables, else exoscale.toml, else the metadata service for the instance id and zone.
'@
    Parameters  = @{
        ElasticIp   = 'The Elastic IP, by IPv4 address (198.51.100.50) or id (a UUID); anything else is refused before any API call. Default: IF_ADDRESS. Accepts pipeline input by property name (ElasticIp or Address).'
        InstanceId  = 'The instance to detach from. Default: IF_EXOSCALE_INSTANCE_ID, else this instance as the metadata service names it. Accepts pipeline input by property name.'
        PassThru    = 'Emits an ElasticIpAssignment object describing what was done (Changed is False when the Elastic IP was not attached).'
        Credential  = 'The API key as user name and the API secret as password. Do not combine with -ApiKey or -ApiSecret.'
        ApiKey      = 'The API key. Default: IF_EXOSCALE_API_KEY, EXOSCALE_API_KEY, or the exoscale.toml account.'
        ApiSecret   = 'The API secret as a SecureString. Default: IF_EXOSCALE_API_SECRET, EXOSCALE_API_SECRET, or the exoscale.toml account. Never printed or logged.'
        ApiEndpoint = 'A full API base URL including /v2 (plain http only for loopback addresses, e.g. the ExoIp emulator). Default: IF_EXOSCALE_API_ENDPOINT, EXOSCALE_API_ENDPOINT, the exoscale.toml account, else built from the zone.'
        Zone        = 'The zone (ch-gva-2, ch-dk-2, de-fra-1, de-muc-1, at-vie-1, at-vie-2, bg-sof-1, hr-zag-1). Default: IF_EXOSCALE_ZONE, EXOSCALE_ZONE, the exoscale.toml account, else the instance metadata.'
    }
    Examples    = @(
        @{
            Title   = 'Detach an Elastic IP from this instance'
            Code    = 'Remove-ExoElasticIp -ElasticIp 198.51.100.50 -Verbose'
            Remarks = 'Credentials and zone come from the environment or exoscale.toml; the instance id from the metadata service.'
        }
        @{
            Title   = 'Detach from every instance a list names'
            Code    = @'
'8f1c6c41-5b3e-4a51-9f1b-2a3c4d5e6f70', '0b7e2f4a-9c1d-4e3f-8a2b-1c2d3e4f5a6b' |
    ForEach-Object { [pscustomobject]@{ ElasticIp = '198.51.100.50'; InstanceId = $_ } } |
    Remove-ExoElasticIp -PassThru
'@
            Remarks = 'ElasticIp and InstanceId bind from the pipeline by property name.'
        }
    )
    Inputs      = 'Objects with ElasticIp (or Address) and InstanceId properties, such as Get-ExoIpPeer output.'
    Outputs     = 'ExoIp.PowerShell.Output.ElasticIpAssignment with -PassThru; nothing otherwise.'
    Notes       = 'ErrorIds: ElasticIpNotFound, InstanceNotFound, AuthenticationFailed, InvalidRequest, ApiUnavailable, ApiTimeout, OperationFailed, MetadataUnavailable, MissingConfiguration, InvalidConfiguration, ConflictingCredentials.'
    RelatedLinks = @('Add-ExoElasticIp', 'Start-ExoIpWatchdog', 'about_ExoIp')
}
