using System.Collections.Generic;

namespace ExoIp.Authentication;

/// <summary>
/// The keys a node knows: the current one, which signs its adverts, and optionally the next one, which it
/// also accepts. Rotation moves a cluster from one key to another without a moment when two nodes cannot
/// verify each other (README, "Authenticated adverts").
/// </summary>
public sealed class AuthKeyRing
{
    /// <summary>A ring of the current key and, optionally, the next.</summary>
    public AuthKeyRing(AuthKey current, AuthKey? next = null)
    {
        Current = current ?? throw new System.ArgumentNullException(nameof(current));
        // The same key given twice is one key.
        Next = next is not null && next.Id != current.Id ? next : null;
        Keys = Next is null ? new[] { Current } : new[] { Current, Next };
    }

    /// <summary>The key this node signs with.</summary>
    public AuthKey Current { get; }

    /// <summary>A second key this node accepts but does not sign with, or null.</summary>
    public AuthKey? Next { get; }

    /// <summary>The keys accepted: <see cref="Current"/>, then <see cref="Next"/> if any.</summary>
    public IReadOnlyList<AuthKey> Keys { get; }

    /// <summary>A ring from one or two keys, the first being the current one.</summary>
    /// <exception cref="AuthKeyException">No key, or more than two.</exception>
    public static AuthKeyRing From(IReadOnlyList<AuthKey> keys)
    {
        if (keys is null || keys.Count is < 1 or > 2)
            throw new AuthKeyException(AuthKeyProblem.WrongCount,
                $"Give one key, or two during a rotation (the current one first); {keys?.Count ?? 0} were given.");
        return new AuthKeyRing(keys[0], keys.Count == 2 ? keys[1] : null);
    }

    /// <summary>The ids of the keys, current first, for logs and snapshots.</summary>
    public override string ToString() => Next is null ? Current.IdText : $"{Current.IdText} (next {Next.IdText})";
}
