@{
    Synopsis     = 'Decodes an ExoIp advertisement datagram and tells whether a watchdog would accept it.'

    Description  = @'
ConvertFrom-ExoIpAdvertisement reads a watchdog advertisement, the 24-byte UDP datagram that ExoIp
watchdogs send to their peers, and returns what it says: the sender's priority, the Elastic IP it
watches over and its identity (its instance id).

It makes the same checks as a receiving watchdog and reports, in the Rejection property, why a
datagram would be dropped: WrongLength (not exactly 24 bytes; longer datagrams are not truncated),
WrongVersion (the first two bytes are not 02 01), PriorityCheckMismatch (byte 3 differs from the
priority in byte 2) or NotIPv4 (the Elastic IP is not a usable IPv4 unicast address). A rejected
datagram has no Priority, ElasticIp or Identity.

With -AuthKey or -AuthKeyFile it checks an authenticated advert, 52 bytes (the 24 above, then a key
id, a timestamp and a MAC; see the README's wire format), as a watchdog with that key would:
Unauthenticated (a plain 24-byte advert, or a MAC that does not match: forged, altered, or signed
with another key of the same id), UnknownKey (signed with a key that is not given), Stale (the MAC is
right, but the timestamp is more than 4 s from this computer's clock, the window of the default
timings: a capture from earlier, or a clock that is off) or Replayed (the MAC is right, but the same
sender's advert with this timestamp or a later one came earlier in the same call). A stale or
replayed advert is authentic, so its Priority, ElasticIp and Identity are shown. Without a key, a
52-byte datagram is WrongLength, as a watchdog without a key sees it, and KeyId and Timestamp show
what its trailer claims.

Give the datagram as bytes with -Datagram, or as hexadecimal text with -Hex, for instance copied from
a packet capture. Text that is not hexadecimal is reported as the error InvalidHexString and the
cmdlet goes on with the next input.
'@

    Parameters   = @{
        AuthKey     = 'The shared key, as a SecureString (its text, as in a key file); or two, the current and the next during a rotation. An advert signed with either is verified. At least 16 bytes; a shorter key is the error AuthKeyTooShort.'
        AuthKeyFile = 'One or two key files, the key being each file''s first line, as -AuthKey. A file that the group or others may access is refused (AuthKeyFileTooOpen), as ssh refuses such a private key; a missing file is AuthKeyFileNotFound. Give -AuthKey or -AuthKeyFile, not both.'
        Datagram = 'The datagram as bytes, for example the output of ConvertTo-ExoIpAdvertisement or the payload of a captured UDP packet. Any length is accepted; a datagram that is not exactly 24 bytes is reported as WrongLength.'
        Hex      = 'The datagram as hexadecimal text, two digits a byte, in upper or lower case. Spaces, colons and dashes are ignored, so the hexadecimal columns of tcpdump -x or of Wireshark can be pasted as they are (without the offsets). Takes strings from the pipeline, one datagram each.'
    }

    Examples     = @(
        @{
            Title   = 'Decode hexadecimal text from a packet capture'
            Code    = "'0201 2a2a c633 6432 1128 bd56 b4d9 4ac6 a7b9 c715 b187 ce11' | ConvertFrom-ExoIpAdvertisement"
            Remarks = 'The datagram is accepted: priority 42, Elastic IP 198.51.100.50, identity 1128bd56-b4d9-4ac6-a7b9-c715b187ce11.'
        }
        @{
            Title   = 'Round-trip an advertisement'
            Code    = @'
$bytes = ConvertTo-ExoIpAdvertisement -ElasticIp 203.0.113.9 -Priority 5 -Identity 1128bd56-b4d9-4ac6-a7b9-c715b187ce11
ConvertFrom-ExoIpAdvertisement -Datagram $bytes
'@
            Remarks = 'ConvertTo-ExoIpAdvertisement builds the 24 bytes; ConvertFrom-ExoIpAdvertisement reads back the same priority, Elastic IP and identity.'
        }
        @{
            Title   = 'Find out why a datagram is dropped'
            Code    = "ConvertFrom-ExoIpAdvertisement -Hex '02012a2bc63364321128bd56b4d94ac6a7b9c715b187ce11' | Select-Object -Property Accepted, Rejection"
            Remarks = 'Byte 3 (2b) is not a copy of the priority in byte 2 (2a), so a watchdog drops the datagram: Accepted is False and Rejection is PriorityCheckMismatch.'
        }
        @{
            Title   = 'Verify a captured authenticated advert'
            Code    = @'
$key = ConvertTo-SecureString -String 'exoip-test-vector-key-0123456789' -AsPlainText -Force
'02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce110cb58654000647484620400026871295bbf07ef5e3ff780121366363' |
    ConvertFrom-ExoIpAdvertisement -AuthKey $key | Select-Object -Property Rejection, KeyId, Timestamp, Priority
'@
            Remarks = 'The README''s test vector: the MAC is right for that key (id 0cb58654), but it was signed at 2026-01-01T00:00:00Z, so today it is Stale; with another key it would be UnknownKey, and with one byte changed Unauthenticated.'
        }
    )

    Inputs       = 'You can pipe strings of hexadecimal text to this cmdlet; each is one datagram.'

    Outputs      = 'One record a datagram: Accepted, Rejection, Length, and, when accepted (or authentic but Stale or Replayed), Priority, ElasticIp and Identity; for a 52-byte datagram, KeyId and Timestamp.'

    Notes        = @'
A running watchdog also drops advertisements that name another Elastic IP than its own or that come
from an address that is not one of its peers. Those checks depend on the watchdog's configuration and
are not made here. A watchdog remembers the last timestamp of every sender across all its datagrams;
this cmdlet only across the datagrams of one call. ErrorIds: AuthKeyTooShort, AuthKeyFileNotFound,
AuthKeyFileTooOpen, AuthKeyFileUnreadable, AuthKeyAndAuthKeyFile.
'@

    RelatedLinks = @('ConvertTo-ExoIpAdvertisement', 'about_ExoIp')
}
