using System;
using ExoIp.Protocol;

namespace ExoIp.Election;

/// <summary>
/// What a node competes with: its priority (lower wins) and its identity, which breaks ties. Identities
/// compare as their RFC 4122 bytes, the form on the wire, so every node orders them the same way whatever
/// platform it runs on (<see cref="Guid.CompareTo(Guid)"/> orders by the mixed-endian layout instead).
/// </summary>
public readonly record struct ElectionCandidate(Guid Identity, byte Priority)
{
    /// <summary>True when this candidate wins over <paramref name="other"/>: lower priority, then lower identity.</summary>
    public bool Beats(ElectionCandidate other)
    {
        if (Priority != other.Priority) return Priority < other.Priority;
        return CompareIdentities(Identity, other.Identity) < 0;
    }

    /// <summary>Compares two identities as RFC 4122 bytes.</summary>
    public static int CompareIdentities(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        UuidBytes.Write(left, a);
        UuidBytes.Write(right, b);
        return a.SequenceCompareTo(b);
    }
}
