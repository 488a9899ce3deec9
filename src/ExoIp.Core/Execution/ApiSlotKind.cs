namespace ExoIp.Execution;

/// <summary>One kind of API work: at most one call of a kind is in flight.</summary>
internal enum ApiSlotKind
{
    /// <summary>Resolving the Elastic IP.</summary>
    ElasticIp = 0,

    /// <summary>Listing the peers.</summary>
    PeerList,

    /// <summary>Acting on this node.</summary>
    Self,

    /// <summary>Acting on a peer.</summary>
    Peer,

    /// <summary>Listing the Elastic IP's holders.</summary>
    Holders,
}
