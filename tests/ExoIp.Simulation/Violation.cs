namespace ExoIp.Simulation;

/// <summary>One violation of an invariant, at the instant it became one, with what was seen.</summary>
public sealed record Violation(Invariant Invariant, long At, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Invariant} at {Ticks.Text(At)}: {Detail}";
}
