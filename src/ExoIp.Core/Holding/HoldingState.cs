using System;

namespace ExoIp.Holding;

/// <summary>
/// What this node believes about the Elastic IP and what it is doing about it; immutable, replaced by the
/// policies. Three parts, because a stopping node goes through the same beliefs and the same handover as a
/// running one: the belief (<see cref="Belief"/>: unknown, holding, not holding), the handover in progress
/// when it holds the Elastic IP and another node should (<see cref="Handover"/>), and the graceful stop's
/// deadlines (<see cref="Stop"/>).
/// </summary>
internal sealed record HoldingState
{
    /// <summary>Before anything is known: the start-up reconciliation finds out.</summary>
    public static readonly HoldingState Initial = new();

    /// <summary>What the API last said about this node; null = not known, to be checked before acting.</summary>
    public bool? SelfHolds { get; init; }

    /// <summary>Since when the API has said this node holds the Elastic IP; null while it does not (or is not known to).</summary>
    public DateTimeOffset? HeldSince { get; init; }

    /// <summary>Make-before-break towards another node, while this one holds the Elastic IP and should not.</summary>
    public Handover? Handover { get; init; }

    /// <summary>When the API last said this node holds the Elastic IP; null while it does not (or is not known to).</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>How long this node's attach that took the Elastic IP lasted; null unless it holds it by such an attach.</summary>
    public TimeSpan? TakenIn { get; init; }

    /// <summary>
    /// How long this node's last change through the API took (an attach or a detach that changed something); the API's
    /// pace as this node last saw it, not a belief about the Elastic IP, so forgetting the beliefs keeps it.
    /// </summary>
    public TimeSpan? ActionTime { get; init; }

    /// <summary>A graceful stop in progress.</summary>
    public StopDeadlines? Stop { get; init; }

    /// <summary>When the node next checks its beliefs against the API; never before the first verdict.</summary>
    public DateTimeOffset NextReconcileAt { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>
    /// The beliefs now unknown were forgotten by a routine reconciliation: answers that only confirm them are not
    /// news (Debug log, no event). Cleared by anything that makes them worth telling (a role change, a peer up).
    /// </summary>
    public bool Routine { get; init; }

    /// <summary>The belief as one word.</summary>
    public HoldingBelief Belief => SelfHolds switch
    {
        null => HoldingBelief.Unknown,
        true => HoldingBelief.Holding,
        false => HoldingBelief.NotHolding,
    };

    /// <summary>Forgets this node's holding (to check it again) for a reason worth telling.</summary>
    public HoldingState Unknown() => this with { SelfHolds = null, HeldSince = null, ConfirmedAt = null, TakenIn = null, Routine = false };

    /// <summary>What the API said of this node at <paramref name="now"/>.</summary>
    public HoldingState Learnt(bool holds, DateTimeOffset now) =>
        this with { SelfHolds = holds, HeldSince = holds ? HeldSince ?? now : null, ConfirmedAt = holds ? now : null, TakenIn = holds ? TakenIn : null };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Belief}{(Handover is { } h ? $", handing over to {h.Successor}{(h.Releasing ? " (releasing)" : "")}" : "")}{(Stop is null ? "" : ", stopping")}";
}

/// <summary>What this node believes about its own holding of the Elastic IP.</summary>
internal enum HoldingBelief
{
    /// <summary>Not known: to be checked (or acted on, with a call that checks first).</summary>
    Unknown = 0,

    /// <summary>The API said this node holds it.</summary>
    Holding,

    /// <summary>The API said this node does not hold it.</summary>
    NotHolding,
}
