using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class PeerGroupTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Peers_come_from_the_security_group_and_follow_its_membership()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = "cluster", PeerRefreshInterval = Refresh });
        var outsider = Guid.NewGuid();
        cluster.Api.AddInstance(outsider, "10.0.0.50", "running");
        var stopped = Guid.NewGuid();
        cluster.Api.AddInstance(stopped, "10.0.0.51", "stopped", TestCluster.GroupId);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal(new[] { NodeRole.Master, NodeRole.Backup, NodeRole.Backup }, cluster.Nodes.Select(n => n.Role));
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(cluster.Nodes.Where(n => n != node).Select(n => n.Address.ToString()).OrderBy(a => a),
                node.Snapshot.Peers.Select(p => p.Address.ToString()));
            Assert.Equal(2, node.EventsOf(WatchdogEventKind.PeerJoined).Count());
        }

        // A fourth instance joins the group, then leaves it.
        cluster.Api.SetGroups(outsider, TestCluster.GroupId);
        await cluster.RunForAsync(Refresh);
        Assert.All(cluster.Nodes, n => Assert.Contains(n.Snapshot.Peers, p => p.InstanceId == outsider));
        var callsBefore = cluster.Api.Calls.Count;
        cluster.Api.SetGroups(outsider);
        await cluster.RunForAsync(Refresh * 2);
        Assert.All(cluster.Nodes, n =>
        {
            Assert.DoesNotContain(n.Snapshot.Peers, p => p.InstanceId == outsider);
            Assert.Equal(outsider.ToString(), Assert.Single(n.EventsOf(WatchdogEventKind.PeerLeft)).InstanceId);
        });
        // The master made sure, once, that the departed instance does not keep the Elastic IP; nobody else acted on it.
        var departed = Assert.Single(cluster.Api.Calls.Skip(callsBefore), c => c.Target == outsider.ToString());
        Assert.Equal(("DetachElasticIp", (object?)false), (departed.Method, departed.Result));
    }

    [Fact]
    public async Task A_strangers_adverts_make_a_node_list_its_group_again_no_more_often_than_the_retry_ceiling()
    {
        // A newcomer to the group, or a member back in it, advertises before the others list it: its adverts come from an
        // address outside their listing. Rather than wait for the next refresh (5 minutes here), a node lists the group
        // again, a retry ceiling after its last listing at the earliest, whatever sends what.
        await using var cluster = new TestCluster(new byte[] { 10, 20 },
            o => o with { Peers = null, PeerGroup = TestCluster.GroupId, MaxRetryDelay = TimeSpan.FromSeconds(4) });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        int Listings() => cluster.Api.Calls.Count(c => c.Method == "ListSecurityGroups");
        var before = Listings();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before, Listings());

        var advert = new Advertisement(5, IPAddress.Parse(TestCluster.ElasticIpAddress), Guid.NewGuid()).Encode();
        for (var i = 0; i < 100; i++)
        {
            cluster.Network.Inject(IPAddress.Parse("10.0.0.99"), cluster[0].Address, advert);
            await cluster.RunForAsync(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(3, Listings() - before); // at once, then every 4 s while it advertises: 10 s
        Assert.Equal(100, cluster[0].Engine.Counters.Dropped(DatagramDropReason.UnknownSource));
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task A_node_back_in_its_group_takes_nothing_from_a_master_that_does_not_send_to_it_yet()
    {
        // Node 1 is out of the group long enough for the master to list it out and stop sending to it. Back in, node 1 lists
        // every 2 s, the master every 5 s: for a while node 1 hears nobody, and the master it last heard looks dead to it.
        // It took the address from that live master and detached it; it now waits until it hears it.
        await using var cluster = new TestCluster(new byte[] { 10, 20 }, o => o with
        {
            Peers = null, PeerGroup = TestCluster.GroupId,
            PeerRefreshInterval = TimeSpan.FromSeconds(o.Priority == 10 ? 5 : 2), MaxRetryDelay = TimeSpan.FromMinutes(1),
        });
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(10));
        cluster.Api.SetGroups(cluster[1].InstanceId);
        await cluster.RunForAsync(TimeSpan.FromSeconds(12));
        Assert.Equal(NodeRole.Fault, cluster[1].Role);
        Assert.DoesNotContain(cluster[0].Snapshot.Peers, p => p.InstanceId == cluster[1].InstanceId);
        var mutationsBefore = cluster.Api.Mutations.Count;

        cluster.Api.SetGroups(cluster[1].InstanceId, TestCluster.GroupId);
        await cluster.RunForAsync(TimeSpan.FromSeconds(15));

        Assert.Empty(cluster.Api.Mutations.Skip(mutationsBefore));
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal((NodeRole.Master, NodeRole.Backup), (cluster[0].Role, cluster[1].Role));
    }

    [Fact]
    public async Task A_node_back_in_its_group_beside_a_holder_it_cannot_hear_stays_out_rather_than_take_turns_between_fault_and_backup()
    {
        // Node 0, the best, holds and is cut off from its peers (node 2 is patient: dead only after 100 s). Node 1 leaves the
        // group and comes back; it hears node 2 again, not node 0: node 0 may not list it again yet, so it leaves the address
        // to that running holder, in Fault. There it advertises 255 and loses to node 2, which must not end that Fault: it
        // took turns between Fault and Backup every half second.
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with
        {
            Peers = null, PeerGroup = TestCluster.GroupId, PeerRefreshInterval = TimeSpan.FromSeconds(2), DeadRatio = o.Priority == 30 ? 100 : 3,
        });
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(10));
        var isolated = cluster[0].Address;
        cluster.Network.Filter = (from, to) => !from.Equals(isolated) && !to.Equals(isolated);
        cluster.Api.SetGroups(cluster[1].InstanceId);
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(NodeRole.Fault, cluster[1].Role);
        var backAt = cluster.Time.GetUtcNow();
        cluster.Api.SetGroups(cluster[1].InstanceId, TestCluster.GroupId);
        await cluster.RunForAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(NodeRole.Fault, cluster[1].Role);
        // Out of the group no more, it would be master: it lists the holders first, finds node 0 holding, and stays out.
        Assert.Equal(new NodeRole?[] { NodeRole.Master, NodeRole.Fault },
            cluster[1].EventsOf(WatchdogEventKind.StateChanged).Where(e => e.Timestamp >= backAt).Select(e => e.Role));
        Assert.Equal(ElectionReason.CutOff, cluster[1].EventsOf(WatchdogEventKind.StateChanged).Last().Reason);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task The_best_node_leaving_the_group_leaves_the_election_of_the_others()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = TestCluster.GroupId, PeerRefreshInterval = Refresh });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        Assert.Equal(NodeRole.Backup, cluster[1].Role);

        cluster.Api.SetGroups(cluster[0].InstanceId);
        await cluster.RunForAsync(Refresh);

        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.Equal(NodeRole.Backup, cluster[2].Role);
        Assert.DoesNotContain(cluster[2].Snapshot.Peers, p => p.Address.Equals(cluster[0].Address));
    }

    [Fact]
    public async Task A_master_hands_over_only_to_a_peer_its_group_still_lists()
    {
        // Refreshed every 5 minutes: node 1 is removed from the group and raised above the master, and neither knows of
        // the removal until one of them asks: node 1 before it takes the address from a live master, the master before
        // it lets go (whichever asks first, node 1 ends in Fault and the master keeps the address).
        await using var cluster = new TestCluster(new byte[] { 10, 20 }, o => o with { Peers = null, PeerGroup = TestCluster.GroupId });
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(10));
        var mutationsBefore = cluster.Api.Mutations.Count;

        cluster.Api.SetGroups(cluster[1].InstanceId);
        cluster[1].Engine.SetPriority(5);
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(cluster.Api.Mutations.Skip(mutationsBefore)); // node 1 never took the address, node 0 never let go
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal((NodeRole.Master, NodeRole.Fault), (cluster[0].Role, cluster[1].Role));
    }

    [Fact]
    public async Task A_peer_that_leaves_the_group_holding_the_elastic_ip_is_detached_by_the_master_once_it_holds_it()
    {
        // Peers are dead only after 10 s here, so the departure is seen (refresh every 2 s) long before the silence.
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = "cluster", PeerRefreshInterval = TimeSpan.FromSeconds(2), DeadRatio = 10 });
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.SequenceEqual(new[] { cluster[0].Id }) && cluster[1].Role == NodeRole.Backup,
            TimeSpan.FromSeconds(30), "node 0 elected and holding");
        var mutationsBefore = cluster.Api.Mutations.Count;
        var callsBefore = cluster.Api.Calls.Count;

        // Node 0 stops keeping the Elastic IP (as for a restart that never comes back) and leaves the group.
        await cluster[0].Engine.StopAsync(releaseElasticIp: false).WaitAsync(TimeSpan.FromSeconds(10));
        cluster.Api.SetGroups(cluster[0].InstanceId);
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(8));

        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        Assert.Equal(new[] { ("attach", cluster[1].Id), ("detach", cluster[0].Id) },
            cluster.Api.Mutations.Skip(mutationsBefore).Select(m => (m.Kind, m.Instance)));
        Assert.Empty(cluster[1].EventsOf(WatchdogEventKind.PeerDown)); // it left the group; it was not declared dead
        Assert.Single(cluster.Api.Calls.Skip(callsBefore), c => c.Target == cluster[0].Id); // only the master acts on it
    }

    [Fact]
    public async Task A_node_whose_group_listing_answers_after_the_hold_off_waits_for_it_and_takes_nothing_from_the_master()
    {
        // Seen live: the listing answered after the hold-off, the node ended it knowing no peer, became master
        // and detached the Elastic IP from the real master. The hold-off must count from when the peers are known,
        // and end early only once every listed peer is heard.
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { Peers = null, PeerGroup = "cluster" });
        cluster[0].Start();
        cluster[1].Start();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(10));
        var lateStart = cluster.Time.GetUtcNow();
        cluster.Api.FailNext("ListSecurityGroups", 3); // node 2's listing: tried again after 1, 2 and 4 s, well past its hold-off
        cluster[2].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "AttachElasticIp" && c.Target == cluster[2].Id);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "DetachElasticIp" && c.Target == cluster[0].Id);
        var listed = cluster[2].EventsOf(WatchdogEventKind.PeerJoined).ToList();
        Assert.Equal(2, listed.Count);
        var verdict = Assert.Single(cluster[2].EventsOf(WatchdogEventKind.StateChanged));
        Assert.Equal(NodeRole.Backup, verdict.Role);
        var heardAll = cluster[2].EventsOf(WatchdogEventKind.PeerUp).Skip(1).First().Timestamp;
        Assert.True(verdict.Timestamp >= listed[1].Timestamp && verdict.Timestamp >= heardAll,
            $"decided at {verdict.Timestamp - lateStart} after its start, its peers listed at {listed[1].Timestamp - lateStart}, both heard at {heardAll - lateStart}");
    }

    [Fact]
    public async Task A_node_that_hears_no_peer_leaves_a_running_holder_it_does_not_know_alone_then_takes_over_once_it_hears_it()
    {
        // Node 1 holds the Elastic IP but is not in the group yet: node 0 starts alone and hears nobody. Taking the
        // address from a running instance it cannot hear is what a mistyped peer list does to a healthy master:
        // node 0 stays out (Fault) until node 1 joins and is heard; then make-before-break.
        await using var cluster = new TestCluster(new byte[] { 10, 20 },
            o => o with { Peers = null, PeerGroup = "cluster", PeerRefreshInterval = TimeSpan.FromSeconds(4) });
        cluster.Api.SetGroups(cluster[1].InstanceId);
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[1].InstanceId, attached: true);
        cluster.Api.Delay = TimeSpan.FromMilliseconds(300); // the listing answers between two of node 1's adverts
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster[0].Role == NodeRole.Fault, TimeSpan.FromSeconds(10), "node 0 stays out");
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(NodeRole.Fault, cluster[0].Role);
        Assert.Contains("no peer is heard", cluster[0].Snapshot.LastTransitionReason);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method is "AttachElasticIp" or "DetachElasticIp");

        cluster.Api.SetGroups(cluster[1].InstanceId, TestCluster.GroupId);
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        Assert.Equal(new[] { ("attach", cluster[0].Id), ("detach", cluster[1].Id) },
            cluster.Api.Mutations.Skip(1).Select(m => (m.Kind, m.Instance)));
    }

    [Fact]
    public async Task An_unknown_group_is_a_warning_retried_and_meanwhile_the_node_claims_nothing()
    {
        // Not knowing its peers, the node cannot tell whether a master is alive: it must not take the Elastic IP.
        await using var cluster = new TestCluster(new byte[] { 10 }, o => o with { Peers = null, PeerGroup = "nope" });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        Assert.True(cluster[0].IsRunning);
        Assert.True(cluster[0].EventsOf(WatchdogEventKind.Warning).Count(e => e.Message.Contains("No security group is named 'nope'")) >= 2);
        Assert.Equal(NodeRole.Starting, cluster[0].Role);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method is "AttachElasticIp" or "DetachElasticIp" or "GetInstance");

        // Once the group exists, the hold-off runs from its first listing, then the node decides.
        var group = Guid.NewGuid().ToString();
        cluster.Api.AddSecurityGroup(group, "nope");
        cluster.Api.SetGroups(cluster[0].InstanceId, group); // a member of it: a node its group does not list stays out
        await cluster.RunUntilAsync(() => cluster[0].Role == NodeRole.Master, cluster[0].Options.MaxRetryDelay + TimeSpan.FromSeconds(5), "node 0 decides");
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }
}
