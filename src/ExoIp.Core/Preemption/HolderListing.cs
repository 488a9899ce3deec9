using System;
using System.Collections.Generic;

namespace ExoIp.Preemption;

/// <summary>
/// Who holds the Elastic IP, as the API last listed it: what a node under a preemption rule needs to know whom
/// it defers to. The adverts cannot say it (the 24-byte format has no room), and the API's answer is the same
/// for every node. Stale after anything that may have moved the Elastic IP until an answer to a request made
/// since: an answer to an older request is kept, but does not make the listing fresh.
/// </summary>
internal sealed class HolderListing
{
    private HashSet<Guid>? _holders;
    private bool _requestIsCurrent; // the request in flight was made after the last Invalidate

    /// <summary>True until the first answer, and after <see cref="Invalidate"/> until an answer to a later request.</summary>
    public bool Stale { get; private set; } = true;

    /// <summary>True once the API has answered at least once.</summary>
    public bool Answered => _holders is not null;

    /// <summary>The listing may be out of date: ask again.</summary>
    public void Invalidate()
    {
        Stale = true;
        _requestIsCurrent = false;
    }

    /// <summary>A listing was asked for now.</summary>
    public void Requested() => _requestIsCurrent = true;

    /// <summary>The API's answer: the instances the Elastic IP is attached to.</summary>
    public void Record(IEnumerable<Guid> holders)
    {
        _holders = new HashSet<Guid>(holders);
        if (_requestIsCurrent) Stale = false;
    }

    /// <summary>Whether an instance other than <paramref name="self"/> held it at the last answer; true before any answer.</summary>
    public bool HeldByOtherThan(Guid self)
    {
        if (_holders is null) return true;
        foreach (var holder in _holders)
            if (holder != self) return true;
        return false;
    }

    /// <summary>Whether the instance held the Elastic IP at the last answer; true before any answer (assume it may).</summary>
    public bool MayHold(Guid? instanceId) => _holders is null || instanceId is { } id && _holders.Contains(id);
}
