using System;

namespace ExoIp.Emulator;

/// <summary>One request the emulator answered (API and metadata, not the control API).</summary>
/// <param name="Time">When it arrived (millisecond precision).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Query">The query as sent (<c>?manager-type=instance-pool&amp;manager-id=...</c>), empty without one.</param>
/// <param name="Status">The status answered; 499 when the client went away first.</param>
/// <param name="Duration">How long the emulator took, injected latency included.</param>
public sealed record RequestRecord(DateTimeOffset Time, string Method, string Path, string Query, int Status, TimeSpan Duration);
