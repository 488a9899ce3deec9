using System;

namespace ExoIp.Health;

/// <summary>The health verdict changed.</summary>
/// <param name="Timestamp">When the deciding round ended.</param>
/// <param name="Previous">The verdict before.</param>
/// <param name="Status">The verdict now.</param>
/// <param name="Reason">The last failure's reason ("tcp://127.0.0.1:80: Connection refused"): for Unhealthy the one that tipped it, for Healthy the one it recovered from; null when no check has failed.</param>
public sealed record HealthTransition(DateTimeOffset Timestamp, HealthStatus Previous, HealthStatus Status, string? Reason);
