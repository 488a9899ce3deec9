using System;
using System.Net;

namespace ExoIp.Holding;

/// <summary>Where a make-before-break handover is.</summary>
internal enum HandoverPhase
{
    /// <summary>Watching the successor through the API until it holds the Elastic IP.</summary>
    AwaitingSuccessor = 0,

    /// <summary>The successor holds it: waiting for it to detach this node (the fallback: detach itself).</summary>
    AwaitingRelease,
}

/// <summary>
/// Make-before-break from the side that holds the Elastic IP and should not. First it watches the successor
/// through the API until it holds the Elastic IP; then it waits for the successor to let this node go, as a
/// new master does right after its own attach, checking this node meanwhile. Detaching here as well would race
/// that detach, so this node detaches itself only if it still holds the Elastic IP an API timeout later.
/// A successor may also never attach (it may believe it holds the Elastic IP while this node took it away
/// during a one-way partition): after a hold-off and a third of an API timeout, this node attaches it to the
/// successor itself, then lets go at once.
/// </summary>
/// <param name="Successor">The node that should hold the Elastic IP, by address.</param>
/// <param name="Phase">Where the handover is.</param>
/// <param name="SuccessorHolds">What the API said of the successor since the handover began; null before any answer.</param>
/// <param name="Polls">Answers that said "not yet": the watch backs off with them.</param>
/// <param name="NextWatchAt">When to look again.</param>
/// <param name="AttachForSuccessorAt">When this node attaches the Elastic IP to the successor itself.</param>
/// <param name="AttachedForSuccessor">This node did so (then it lets go at once).</param>
/// <param name="DetachSelfBy">In <see cref="HandoverPhase.AwaitingRelease"/>: when this node detaches itself.</param>
internal sealed record Handover(
    IPAddress Successor,
    HandoverPhase Phase,
    bool? SuccessorHolds,
    int Polls,
    DateTimeOffset NextWatchAt,
    DateTimeOffset AttachForSuccessorAt,
    bool AttachedForSuccessor,
    DateTimeOffset? DetachSelfBy);
