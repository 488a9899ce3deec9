@{
    Synopsis     = 'Encodes an ExoIp watchdog advertisement into the 24-byte datagram that watchdogs exchange.'

    Description  = @'
ConvertTo-ExoIpAdvertisement builds the UDP datagram an ExoIp watchdog sends to its peers every
advertisement interval: the protocol version (02 01), the priority twice (the second byte is a
check), the Elastic IP in network byte order, and the sender's identity, its instance id, in RFC 4122
byte order (as the UUID text reads).

Use it to compare with a packet capture, to test firewall rules or a peer's filtering by sending a
hand-made advertisement, or to write tests. It returns one byte array of 24 bytes; the array is
written to the pipeline as a single object, not byte by byte.
'@

    Parameters   = @{
        ElasticIp = 'The Elastic IP the advertisement is about: an IPv4 address. A watchdog drops advertisements for an Elastic IP other than its own. An IPv6 address is refused with the error InvalidElasticIp.'
        Priority  = 'The sender''s priority, from 0 to 255; the lowest value wins the election. The default, 10, is also the watchdog''s default.'
        Identity  = 'The sender''s identity: its Exoscale instance id, a UUID. Its alias InstanceId lets objects with an InstanceId property bind to it from the pipeline.'
    }

    Examples     = @(
        @{
            Title   = 'Build an advertisement and show it as hexadecimal text'
            Code    = @'
$bytes = ConvertTo-ExoIpAdvertisement -ElasticIp 198.51.100.50 -Priority 42 -Identity 1128bd56-b4d9-4ac6-a7b9-c715b187ce11
[System.Convert]::ToHexString($bytes)
'@
            Remarks = 'The text is 02012A2AC63364321128BD56B4D94AC6A7B9C715B187CE11: version 02 01, priority 2A twice, 198.51.100.50 as C6 33 64 32, then the identity.'
        }
        @{
            Title   = 'Take the values from objects in the pipeline'
            Code    = @'
$node = [pscustomobject]@{ ElasticIp = '198.51.100.50'; Priority = 5; InstanceId = '1128bd56-b4d9-4ac6-a7b9-c715b187ce11' }
$bytes = $node | ConvertTo-ExoIpAdvertisement
ConvertFrom-ExoIpAdvertisement -Datagram $bytes
'@
            Remarks = 'The properties bind by name (InstanceId through the alias of -Identity); ConvertFrom-ExoIpAdvertisement shows what a receiving watchdog would read.'
        }
        @{
            Title   = 'Send one advertisement by hand'
            Code    = @'
$advertisement = ConvertTo-ExoIpAdvertisement -ElasticIp 198.51.100.50 -Priority 255 -Identity 1128bd56-b4d9-4ac6-a7b9-c715b187ce11
$client = [System.Net.Sockets.UdpClient]::new()
try { $null = $client.Send($advertisement, $advertisement.Length, '127.0.0.1', 12345) }
finally { $client.Dispose() }
'@
            Remarks = 'Sends the datagram to port 12345, the watchdogs'' default, for instance to check that a firewall lets it through. Priority 255 loses every election, so a watchdog that accepts it is not disturbed. Replace 127.0.0.1 with a peer''s address.'
        }
    )

    Inputs       = 'You can pipe objects with ElasticIp, Priority and Identity (or InstanceId) properties to this cmdlet.'

    Outputs      = 'The 24-byte datagram, as one array.'

    Notes        = 'The identity is written in RFC 4122 (big-endian) byte order. System.Guid.ToByteArray() uses another order for the first eight bytes, so compare with the hexadecimal text, not with those bytes.'

    RelatedLinks = @('ConvertFrom-ExoIpAdvertisement', 'about_ExoIp')
}
