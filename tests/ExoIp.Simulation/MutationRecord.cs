namespace ExoIp.Simulation;

/// <summary>
/// One attach or detach call as the world saw it, for I6: when the node issued it and under which belief epoch,
/// when its check was answered, when its PUT left (and the node's epoch then), when the operation applied and
/// whether it changed the holders. Times are ticks; -1 means "did not happen".
/// </summary>
public sealed class MutationRecord
{
    /// <summary>The issuing node.</summary>
    public required int Node { get; init; }

    /// <summary>Attach (true) or detach.</summary>
    public required bool Attach { get; init; }

    /// <summary>The instance it acts on (a node's index, or the stray's).</summary>
    public required int Target { get; init; }

    /// <summary>When the call was made.</summary>
    public required long IssuedAt { get; init; }

    /// <summary>The node's belief epoch when it made the call.</summary>
    public required int IssueEpoch { get; init; }

    /// <summary>What the node said about itself when it made the call.</summary>
    public required string IssueBelief { get; init; }

    /// <summary>True when the node ran with another key and said it was in Fault when it made the call.</summary>
    public bool IssuedInKeyFault { get; init; }

    /// <summary>When the PUT left the node (-1: it never did).</summary>
    public long PutSentAt { get; set; } = -1;

    /// <summary>The node's belief epoch when the PUT left.</summary>
    public int PutEpoch { get; set; } = -1;

    /// <summary>What the node said about itself when the PUT left.</summary>
    public string? PutBelief { get; set; }

    /// <summary>When the operation applied (-1: never).</summary>
    public long AppliedAt { get; set; } = -1;

    /// <summary>True when applying it changed the holders.</summary>
    public bool Changed { get; set; }

    /// <summary>The node's belief epoch when it applied.</summary>
    public int ApplyEpoch { get; set; } = -1;

    /// <inheritdoc />
    public override string ToString() =>
        $"node {Node} {(Attach ? "attach" : "detach")} instance {Target}: issued {Ticks.Text(IssuedAt)} (epoch {IssueEpoch}, {IssueBelief}), " +
        $"PUT {(PutSentAt < 0 ? "never" : Ticks.Text(PutSentAt) + $" (epoch {PutEpoch}, {PutBelief})")}, " +
        $"applied {(AppliedAt < 0 ? "never" : Ticks.Text(AppliedAt) + $" (epoch {ApplyEpoch}){(Changed ? "" : ", no change")}")}";
}
