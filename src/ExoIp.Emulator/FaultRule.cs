using System;

namespace ExoIp.Emulator;

/// <summary>
/// Makes matching requests fail, slow down or hang. A rule that only adds <see cref="Latency"/> or
/// <see cref="Hang"/> serves normally afterwards unless <see cref="StatusCode"/> is set explicitly;
/// any other rule fails with <see cref="StatusCode"/>.
/// </summary>
public sealed class FaultRule
{
    private int? _statusCode;

    /// <summary>A .NET regular expression matched against the path, <c>/v2</c> included, e.g. <c>^/v2/elastic-ip/.*:attach$</c>.</summary>
    public string PathPattern { get; set; } = string.Empty;

    /// <summary>The HTTP method to match (any when null).</summary>
    public string? Method { get; set; }

    /// <summary>The chance, 0 to 1, that a matching request is affected.</summary>
    public double Rate { get; set; } = 1.0;

    /// <summary>Affect only the next N matching requests, then the rule goes away; null for no limit.</summary>
    public int? Count { get; set; }

    /// <summary>The status of the failure answer (503 unless set).</summary>
    public int StatusCode
    {
        get => _statusCode ?? 503;
        set => _statusCode = value;
    }

    /// <summary>Seconds for a <c>Retry-After</c> header; a 429 sends one in any case (1 s unless set).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Delay added before the request is served (or fails).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Never answer, until the client gives up, the rule is removed (then serve) or the emulator stops.</summary>
    public bool Hang { get; set; }

    /// <summary>True when an affected request gets the failure status (rather than only a delay or a hang).</summary>
    internal bool Fails => _statusCode is not null || (Latency <= TimeSpan.Zero && !Hang);

    /// <summary>An independent copy, so changing the caller's object later does not change an active rule.</summary>
    internal FaultRule Copy() => (FaultRule)MemberwiseClone();
}
