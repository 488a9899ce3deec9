using System;
using System.Net;

namespace ExoIp.Holding;

/// <summary>
/// Make-before-break from the side that holds the Elastic IP and should not. It watches, every interval, both
/// the successor (does it hold the Elastic IP yet?) and itself (has the new master already detached it? While a change of
/// it has not answered, its attach as master or its own detach, which may take an API timeout, a listing of the holders
/// says, since no check of it runs beside that change, nor another one); the
/// moment the successor holds it, it lets go itself, so it never says Master without holding the address nor
/// holds it as a mere backup longer than an API action. A successor may also never attach (it may believe it
/// holds the Elastic IP while this node took it away during a one-way partition): a hold-off after the handover
/// began — time enough for a master to attach what it knows it lacks — this node attaches it to the successor
/// itself, then lets go at once. Were the successor's own attach still under way, the two attaches of the same
/// instance are one change: each checks first, and a refusal of the second is checked again. From then on the
/// watch backs off, so a successor that never manages costs a bounded number of calls.
/// </summary>
/// <param name="Successor">The node that should hold the Elastic IP, by address.</param>
/// <param name="SuccessorHolds">What the API said of the successor since the handover began; null before any answer.</param>
/// <param name="Polls">Looks taken: past the attach-for-successor time, the watch backs off with them.</param>
/// <param name="NextWatchAt">When to look again.</param>
/// <param name="AttachForSuccessorAt">When this node attaches the Elastic IP to the successor itself.</param>
/// <param name="AttachedForSuccessor">This node did so (then it lets go at once).</param>
/// <param name="SuccessorListed">
/// The successor is a member as a listing of the group or pool asked for since the handover began says (always, with
/// static peers): one removed from it may not know yet and still advertise; this node neither lets go for it nor
/// attaches the address to it before then.
/// </param>
/// <param name="Began">When the handover began.</param>
internal sealed record Handover(
    IPAddress Successor,
    bool? SuccessorHolds,
    int Polls,
    DateTimeOffset NextWatchAt,
    DateTimeOffset AttachForSuccessorAt,
    bool AttachedForSuccessor,
    bool SuccessorListed,
    DateTimeOffset Began)
{
    /// <summary>The successor holds the Elastic IP and is a member: this node lets go now.</summary>
    public bool Releasing => (SuccessorHolds == true || AttachedForSuccessor) && SuccessorListed;
}
