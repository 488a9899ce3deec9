using System;
using System.Collections.Generic;
using ExoIp.Execution;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>
/// What a role decided, every effect as data (the pass applies it in one place, in this order): the bookkeeping, the
/// lookups, the listing of the holders, then the role's API commands.
/// </summary>
/// <param name="State">The new state.</param>
/// <param name="Commands">The role's calls wanted now; the executor drops those whose slot is busy.</param>
/// <param name="Finished">For a stop: its outcome, as a sentence, once it is over.</param>
internal sealed record Decision(HoldingState State, IReadOnlyList<ApiCommand> Commands, string? Finished = null)
{
    /// <summary>
    /// The routine reconciliation is due: it is told, the preemption rule's listing is out of date, and a node refused the
    /// attach tries again (its role may have been granted since).
    /// </summary>
    public bool Reconciling { get; init; }

    /// <summary>What the API said of every peer's holding is forgotten, to be checked again.</summary>
    public bool ForgetPeerHoldings { get; init; }

    /// <summary>A node in Fault keeps the Elastic IP with no healthy node to hand it to, and says so.</summary>
    public bool Keeps { get; init; }

    /// <summary>The Elastic IP's id is to be looked up (nothing is attached or detached before).</summary>
    public bool ResolveElasticIp { get; init; }

    /// <summary>The peers are to be listed (or the static peers looked up): their refresh is due.</summary>
    public bool RefreshPeers { get; init; }

    /// <summary>The holders are to be listed, and why; null when they are not.</summary>
    public ListingPurpose? Listing { get; init; }

    /// <summary>No call, the state unchanged.</summary>
    public static Decision None(HoldingState state) => new(state, Array.Empty<ApiCommand>());

    /// <summary>One call.</summary>
    public static Decision One(HoldingState state, ApiCommand command) => new(state, new[] { command });

    /// <summary>The stop is over.</summary>
    public static Decision Finish(HoldingState state, string outcome) => new(state, Array.Empty<ApiCommand>(), outcome);

    /// <summary>Lists the holders for <paramref name="purpose"/>, unless a listing is asked for already (the first asked for goes).</summary>
    public Decision ListHolders(ListingPurpose purpose) => this with { Listing = Listing ?? purpose };

    /// <summary>
    /// This upkeep's effects, then <paramref name="rules"/>: a role's rules, with their state and calls. An effect either
    /// asks for is kept (the upkeep's listing first, as with <see cref="ListHolders"/>): none is lost in the merge.
    /// </summary>
    public Decision Then(Decision rules) => this with
    {
        State = rules.State,
        Commands = rules.Commands,
        Finished = rules.Finished ?? Finished,
        Reconciling = Reconciling || rules.Reconciling,
        ForgetPeerHoldings = ForgetPeerHoldings || rules.ForgetPeerHoldings,
        Keeps = Keeps || rules.Keeps,
        ResolveElasticIp = ResolveElasticIp || rules.ResolveElasticIp,
        RefreshPeers = RefreshPeers || rules.RefreshPeers,
        Listing = Listing ?? rules.Listing,
    };
}
