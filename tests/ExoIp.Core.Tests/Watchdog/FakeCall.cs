using System;

namespace ExoIp.Tests.Watchdog;

/// <summary>One call the fake API received.</summary>
internal sealed class FakeCall
{
    public FakeCall(string method, string? target, DateTimeOffset startedAt)
    {
        Method = method;
        Target = target;
        StartedAt = startedAt;
    }

    public int Sequence { get; set; }
    public string Method { get; }
    public string? Target { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt { get; set; }
    public object? Result { get; set; }
    public string? Error { get; set; }

    public override string ToString() => $"#{Sequence} {Method}({Target}) {StartedAt:ss.fff}-{EndedAt:ss.fff} -> {Result ?? Error}";
}
