using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Watchdog;

namespace ExoIp.Health;

/// <summary>How often and how strictly the health checks run. <see cref="Validate"/> before use.</summary>
public sealed record HealthCheckOptions
{
    /// <summary>The shortest interval accepted.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The largest fall or rise accepted.</summary>
    public const int MaximumCount = 1000;

    /// <summary>Time between the starts of two rounds of checks; fractions allowed, at least 50 ms. Default 1 s.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one check may take; null means the smaller of 1 s and the interval. At most the interval.</summary>
    public TimeSpan? HealthCheckTimeout { get; init; }

    /// <summary>Failed rounds in a row that make a healthy node unhealthy. Default 3.</summary>
    public int HealthCheckFall { get; init; } = 3;

    /// <summary>Passed rounds in a row that make an unhealthy node healthy again. Default 2.</summary>
    public int HealthCheckRise { get; init; } = 2;

    /// <summary>https:// checks accept any certificate (a self-signed local endpoint). Default false.</summary>
    public bool HealthCheckSkipCertificateCheck { get; init; }

    /// <summary><see cref="HealthCheckTimeout"/>, or its default: the smaller of 1 s and the interval.</summary>
    public TimeSpan EffectiveTimeout => HealthCheckTimeout
        ?? (HealthCheckInterval < TimeSpan.FromSeconds(1) ? HealthCheckInterval : TimeSpan.FromSeconds(1));

    /// <summary>Checks every option; each error names its option. Empty when the options are usable.</summary>
    public IReadOnlyList<WatchdogOptionError> Validate()
    {
        var errors = new List<WatchdogOptionError>();
        void Fail(string option, string message) => errors.Add(new WatchdogOptionError(option, $"{option}: {message}"));

        if (HealthCheckInterval < MinimumInterval)
            Fail(nameof(HealthCheckInterval), $"{HealthCheckInterval.TotalMilliseconds} ms is below the minimum of {MinimumInterval.TotalMilliseconds} ms.");
        if (HealthCheckTimeout is { } timeout)
        {
            if (timeout <= TimeSpan.Zero) Fail(nameof(HealthCheckTimeout), "must be positive.");
            else if (timeout > HealthCheckInterval)
                Fail(nameof(HealthCheckTimeout), $"{timeout.TotalSeconds} s is longer than the interval ({HealthCheckInterval.TotalSeconds} s): a round must end before the next starts.");
        }
        if (HealthCheckFall is < 1 or > MaximumCount) Fail(nameof(HealthCheckFall), $"{HealthCheckFall} is out of range 1–{MaximumCount}.");
        if (HealthCheckRise is < 1 or > MaximumCount) Fail(nameof(HealthCheckRise), $"{HealthCheckRise} is out of range 1–{MaximumCount}.");
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds errors.</summary>
    /// <exception cref="ArgumentException">Lists every invalid option.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid health check options: " + string.Join(" ", errors.Select(e => e.Message)));
    }
}
