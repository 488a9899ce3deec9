using System;

namespace ExoIp.Authentication;

/// <summary>A key or key file that cannot be used. The message names the file, never the key.</summary>
public sealed class AuthKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthKeyException(AuthKeyProblem problem, string message, Exception? inner = null) : base(message, inner)
    {
        Problem = problem;
    }

    /// <summary>What is wrong.</summary>
    public AuthKeyProblem Problem { get; }
}
