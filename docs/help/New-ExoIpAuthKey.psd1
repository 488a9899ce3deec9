@{
    Synopsis     = 'Writes a new random advertisement key to a file that only its owner may read.'

    Description  = @'
New-ExoIpAuthKey makes the shared key that authenticates the adverts of a watchdog cluster: 32 random
bytes, written as one line of base64 text (44 characters) to the file at -Path, which is created with
mode 0600 (read and write for its owner only). The key is first written to a temporary file beside
the target, made owner-only before it holds anything, then moved into place, so the file never holds
a partial key or is readable by others.

Copy the file to every node of the cluster (for instance with scp, keeping its mode), then start each
watchdog with -AuthKeyFile, or set IF_AUTH_KEY_FILE (auth-key-file in an ifupdown stanza). A
watchdog refuses a key file that the group or others may access, as ssh refuses such a private key.

The output names the file and the key's id, the 8 hexadecimal digits that every advert signed with
it carries; Get-ExoIpWatchdog shows the ids of the keys a watchdog uses, so a rotation can be
followed node by node. The key itself is never written to the pipeline.

An existing file is not replaced unless -Force is given (ErrorId AuthKeyFileExists).
'@

    Parameters   = @{
        Path  = 'The key file to write. A relative path is taken from the current location; the directory must exist. Takes FullName from the pipeline, so a FileInfo can be piped.'
        Force = 'Replaces an existing file. Without it, an existing file is an error and is left as it is.'
    }

    Examples     = @(
        @{
            Title   = 'Make a key file'
            Code    = 'New-ExoIpAuthKey -Path ./exoip.key'
            Remarks = 'Writes a new key to exoip.key with mode 0600 and shows its id.'
        }
        @{
            Title   = 'Make the next key for a rotation'
            Code    = @'
New-ExoIpAuthKey -Path ./exoip.next.key -Force
Get-Item ./exoip.next.key | Select-Object -Property Name, UnixMode
'@
            Remarks = 'Replaces exoip.next.key if it exists; its mode is -rw------- whatever it was before. See about_ExoIp and the README for the three steps of a rotation.'
        }
        @{
            Title   = 'See what would be written'
            Code    = 'New-ExoIpAuthKey -Path ./exoip.key -Force -WhatIf'
            Remarks = 'Shows the file that would be written, and writes nothing.'
        }
    )

    Inputs       = 'Strings (paths), or objects with a FullName property such as FileInfo, by property name.'

    Outputs      = 'One object per file written: Path and KeyId.'

    Notes        = @'
ErrorIds: AuthKeyFileExists (the file exists; give -Force), AuthKeyFileUnwritable (the directory is
missing or not writable), NotAFileSystemPath. On Windows there are no Unix modes: the file gets the
directory's inherited permissions.
'@

    RelatedLinks = @('Start-ExoIpWatchdog', 'Set-ExoIpWatchdog', 'ConvertFrom-ExoIpAdvertisement', 'about_ExoIp')
}
