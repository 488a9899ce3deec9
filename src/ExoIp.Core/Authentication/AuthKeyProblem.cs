namespace ExoIp.Authentication;

/// <summary>What is wrong with a key or a key file; each maps to a stable error id.</summary>
public enum AuthKeyProblem
{
    /// <summary>Fewer than <see cref="AuthKey.MinimumLength"/> bytes of key material.</summary>
    TooShort,

    /// <summary>The key file does not exist.</summary>
    FileNotFound,

    /// <summary>The key file exists but cannot be read (permissions of the reader, a directory, an I/O error).</summary>
    FileUnreadable,

    /// <summary>A new key file cannot be written (the directory is missing or not writable, an I/O error).</summary>
    FileUnwritable,

    /// <summary>Other users than the owner may access the key file (as ssh refuses a private key).</summary>
    FileTooOpen,

    /// <summary>A new key file would replace an existing one, and overwriting was not asked for.</summary>
    FileExists,

    /// <summary>Two keys were given where one or two different ones are expected.</summary>
    WrongCount,
}
