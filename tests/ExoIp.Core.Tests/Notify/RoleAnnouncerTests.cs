using System;
using System.Linq;
using ExoIp.Election;
using ExoIp.Notify;

namespace ExoIp.Tests.Notify;

public sealed class RoleAnnouncerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // Each step: the role after a batch, whether the API says this node holds the Elastic IP ("releasing": it does, and its
    // detach has left), and what hooks hear ("-": nothing).
    [Theory]
    [InlineData("Starting:null:-", "Starting:false:-")]
    [InlineData("Starting:null:-", "Backup:false:Backup", "Backup:false:-")]
    [InlineData("Starting:null:-", "Master:null:-", "Master:false:-", "Master:true:Master", "Master:true:-")]
    [InlineData("Master:false:-", "Backup:false:Backup", "Master:false:-", "Master:true:Master")]
    [InlineData("Master:true:Master", "Backup:true:-", "Backup:false:Backup", "Fault:false:Fault", "Backup:false:Backup")] // a backup still holding it is still, as the API says, where the Elastic IP is
    [InlineData("Starting:true:-", "Backup:true:Master", "Backup:null:-", "Backup:false:Backup")] // found holding it at its start: routed here; then not known: it may hold it
    [InlineData("Master:false:-", "Backup:false:Backup", "Backup:true:Master", "Backup:releasing:Backup")] // its attach as master landed after it became backup: routed here until it lets go
    [InlineData("Master:true:Master", "Fault:true:Fault", "Fault:false:-", "Master:false:-", "Master:true:Master")]
    [InlineData("Master:false:-", "Master:null:-", "Master:false:-")] // never announced Master: nothing to take back
    [InlineData("Starting:true:-", "Fault:null:Fault")]
    [InlineData("Master:true:Master", "Backup:true:-", "Backup:releasing:Backup", "Backup:false:-")] // its detach left: an answer lost must not keep it Master
    [InlineData("Master:true:Master", "Master:releasing:-")] // a master never releases; were it to, the address may still be here
    public void Hooks_hear_Master_only_once_the_elastic_ip_is_attached_here_and_other_roles_at_once(params string[] steps)
    {
        var announcer = new RoleAnnouncer("lb", "198.51.100.50");
        string? previous = null;
        foreach (var step in steps)
        {
            var parts = step.Split(':');
            var role = Enum.Parse<NodeRole>(parts[0]);
            var releasing = parts[1] == "releasing";
            bool? holds = parts[1] == "null" ? null : releasing || bool.Parse(parts[1]);
            var change = announcer.Observe(role, holds, releasing, $"reason for {step}", Now);
            if (parts[2] == "-")
            {
                Assert.Null(change);
                continue;
            }
            Assert.NotNull(change);
            Assert.Equal((parts[2], previous, $"reason for {step}", "lb", "198.51.100.50", Now),
                (change!.Role, change.PreviousRole, change.Reason, change.Name, change.ElasticIp, change.Timestamp));
            previous = change.Role;
        }
        Assert.Equal(previous, announcer.Announced);
    }

    [Fact]
    public void A_master_detached_by_another_is_Backup_as_the_API_says_until_its_attach_is_back()
    {
        var announcer = new RoleAnnouncer("lb", "198.51.100.50");
        Assert.Equal("Master", announcer.Observe(NodeRole.Master, true, false, "master: no live peer", Now)!.Role);
        var lost = announcer.Observe(NodeRole.Master, false, false, "master: no live peer", Now.AddSeconds(1));
        Assert.Equal(("Backup", "Master", "the API says the Elastic IP is no longer attached here"), (lost!.Role, lost.PreviousRole, lost.Reason));
        Assert.Null(announcer.Observe(NodeRole.Master, null, false, "master: no live peer", Now.AddSeconds(2)));
        Assert.Null(announcer.Observe(NodeRole.Master, false, false, "master: no live peer", Now.AddSeconds(2)));
        var back = announcer.Observe(NodeRole.Master, true, false, "master: no live peer", Now.AddSeconds(3));
        Assert.Equal(("Master", "Backup"), (back!.Role, back.PreviousRole));
    }

    [Fact]
    public void The_end_is_Stopped_after_the_last_role_with_the_stop_s_outcome()
    {
        var announcer = new RoleAnnouncer("lb", "198.51.100.50");
        announcer.Observe(NodeRole.Master, true, false, "master: no live peer", Now);
        var end = announcer.End("released the Elastic IP", Now.AddSeconds(1));
        Assert.Equal(("Stopped", "Master", "released the Elastic IP", Now.AddSeconds(1)), (end.Role, end.PreviousRole, end.Reason, end.Timestamp));
        Assert.Equal(new[] { "Stopped", "198.51.100.50" }, end.ToArguments());
    }

    [Fact]
    public void A_watchdog_that_ends_in_its_hold_off_says_Stopped_with_no_previous_role()
    {
        var announcer = new RoleAnnouncer("lb", "198.51.100.50");
        Assert.Null(announcer.Observe(NodeRole.Starting, null, false, "starting", Now));
        var end = announcer.End("stopped", Now);
        Assert.Equal(("Stopped", (string?)null), (end.Role, end.PreviousRole));
        Assert.Equal("", end.ToEnvironment()["EXOIP_PREVIOUS_ROLE"]);
    }
}
