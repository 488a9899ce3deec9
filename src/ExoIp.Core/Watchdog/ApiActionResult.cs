namespace ExoIp.Watchdog;

/// <summary>What a successful API call changed, as the loop records it and its event reports it.</summary>
/// <param name="Outcome">Done or nothing to do.</param>
/// <param name="HoldsElasticIp">For an attach, a detach or a check: whether the instance holds the Elastic IP now.</param>
internal readonly record struct ApiActionResult(ApiActionOutcome Outcome, bool? HoldsElasticIp = null)
{
    /// <summary>An attach or detach that left the instance holding the Elastic IP or not, changing something or not.</summary>
    public static ApiActionResult Acted(bool changed, bool holds) =>
        new(changed ? ApiActionOutcome.Done : ApiActionOutcome.NoOp, holds);

    /// <summary>A check: whether the instance holds the Elastic IP.</summary>
    public static ApiActionResult Checked(bool holds) => new(ApiActionOutcome.Done, holds);
}
