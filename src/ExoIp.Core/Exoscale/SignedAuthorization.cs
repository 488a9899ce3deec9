using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExoIp.Exoscale;

/// <summary>A parsed EXO2-HMAC-SHA256 Authorization header (what a server reads back).</summary>
public sealed class SignedAuthorization
{
    private SignedAuthorization(string credential, IReadOnlyList<string> signedQueryArgs, long expires, string signature)
    {
        Credential = credential;
        SignedQueryArgs = signedQueryArgs;
        Expires = expires;
        Signature = signature;
    }

    /// <summary>The API key.</summary>
    public string Credential { get; }

    /// <summary>Names of the signed query parameters, in signing order.</summary>
    public IReadOnlyList<string> SignedQueryArgs { get; }

    /// <summary>Expiry, Unix seconds.</summary>
    public long Expires { get; }

    /// <summary>The Base64 signature.</summary>
    public string Signature { get; }

    /// <summary>Parses a header value; false when it is not a well-formed EXO2-HMAC-SHA256 header.</summary>
    public static bool TryParse(string? header, out SignedAuthorization? authorization)
    {
        authorization = null;
        if (header is null || !header.StartsWith(RequestSigner.Scheme + " ", StringComparison.Ordinal)) return false;
        string? credential = null, signature = null, expires = null;
        var signedArgs = Array.Empty<string>();
        foreach (var pair in header.Substring(RequestSigner.Scheme.Length + 1).Split(','))
        {
            // Split on the first '=' only: a Base64 signature may end in '='.
            var equals = pair.IndexOf('=');
            if (equals <= 0) return false;
            var value = pair.Substring(equals + 1);
            switch (pair.Substring(0, equals))
            {
                case "credential": credential = value; break;
                case "signed-query-args": signedArgs = value.Split(';'); break;
                case "expires": expires = value; break;
                case "signature": signature = value; break;
                default: return false;
            }
        }
        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signature) ||
            !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
            return false;
        authorization = new SignedAuthorization(credential!, signedArgs, expiresAt, signature!);
        return true;
    }
}
