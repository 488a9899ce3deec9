using System;
using ExoIp.Election;

namespace ExoIp.Notify;

/// <summary>
/// Decides which role a watchdog's notify hooks are told about, from what the loop knows after each batch: the
/// node's role and whether the API says it holds the Elastic IP. Hooks see <c>Master</c>, <c>Backup</c>,
/// <c>Fault</c> and <c>Stopped</c>, never the start-up hold-off; Master only once the Elastic IP is attached
/// here and only while the API says it is (a master whose address another node or a hand detached is Backup again until
/// its attach is back: what hooks hear is what the API says), so that a hook starting a service finds the address routed, and so as long as the API says it is here, in the
/// Backup role too (a handover, or an attach of its time as master that landed after it became backup: hooks must not
/// hear Backup while the address is routed here); Backup once the API says it is not here, or once its detach has left
/// (a lost answer must not keep it announced Master without the address); Fault at once; Stopped
/// when the watchdog ends. Each role is announced once, when it differs from the last one announced.
/// </summary>
internal sealed class RoleAnnouncer
{
    private readonly string _name;
    private readonly string _elasticIp;

    public RoleAnnouncer(string name, string elasticIp)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _elasticIp = elasticIp ?? throw new ArgumentNullException(nameof(elasticIp));
    }

    /// <summary>The role hooks were last told about; null before the first.</summary>
    public string? Announced { get; private set; }

    /// <summary>The change to announce after a batch, or null when hooks have nothing new to hear.</summary>
    /// <param name="role">The node's role now.</param>
    /// <param name="selfHolds">Whether the API last said this node holds the Elastic IP (null: not known yet).</param>
    /// <param name="releasing">This node's detach of the Elastic IP has left and not answered.</param>
    /// <param name="reason">The reason of the transition into <paramref name="role"/>.</param>
    /// <param name="now">The time.</param>
    public RoleChange? Observe(NodeRole role, bool? selfHolds, bool releasing, string? reason, DateTimeOffset now)
    {
        // A master whose address another node or a hand detached: Backup, as the API says, until its attach is back.
        if (role == NodeRole.Master && selfHolds == false && Announced == "Master")
            return Announce("Backup", "the API says the Elastic IP is no longer attached here", now);
        var announce = role switch
        {
            NodeRole.Master => selfHolds == true ? "Master" : null, // not before the attach
            NodeRole.Backup => selfHolds == false || releasing ? "Backup" : selfHolds == true ? "Master" : null, // holding it (a handover, a late attach): Master
            NodeRole.Fault => "Fault",
            _ => null, // Starting: nothing decided yet
        };
        return announce is null || announce == Announced ? null : Announce(announce, reason ?? role.ToString(), now);
    }

    /// <summary>
    /// The change to announce while a graceful stop runs: none but the loss of the Elastic IP. A stopping node advertises 255,
    /// so the election makes it a backup of whoever is left (even a peer that stopped a moment ago), which is no role to tell
    /// a hook; but hooks told Master must hear Backup once the API says the address is no longer here and the stop has not
    /// ended (its detach's answer lost, the client waiting for the API timeout).
    /// </summary>
    public RoleChange? ObserveStopping(bool? selfHolds, DateTimeOffset now) =>
        selfHolds == false && Announced == "Master" ? Announce("Backup", "the API says the Elastic IP is no longer attached here", now) : null;

    /// <summary>The Stopped change, when the watchdog ends.</summary>
    /// <param name="outcome">How the stop ended, e.g. "released the Elastic IP".</param>
    /// <param name="now">The time.</param>
    public RoleChange End(string outcome, DateTimeOffset now) => Announce("Stopped", outcome, now);

    private RoleChange Announce(string role, string reason, DateTimeOffset now)
    {
        var change = new RoleChange(now, _name, _elasticIp, role, Announced, reason);
        Announced = role;
        return change;
    }
}
