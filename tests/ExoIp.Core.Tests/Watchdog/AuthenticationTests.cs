using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Authentication;
using ExoIp.Election;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>Keyed clusters: authenticated adverts elect and fail over; forged, replayed and wrong-key ones change nothing.</summary>
public class AuthenticationTests
{
    private static readonly AuthKey Key = AuthKey.FromText("exoip-test-vector-key-0123456789", "the test");
    private static readonly AuthKey NextKey = AuthKey.FromText("the-next-key-of-at-least-16-bytes", "the test");
    private static readonly AuthKey WrongKey = AuthKey.FromText("a-wrong-key-of-at-least-16-bytes", "the test");

    private static Func<WatchdogOptions, WatchdogOptions> Keyed(AuthKeyRing ring) => o => o with { AuthKeys = ring };

    private static byte[] Plain(byte priority, Guid identity) =>
        new Advertisement(priority, IPAddress.Parse(TestCluster.ElasticIpAddress), identity).Encode();

    [Fact]
    public async Task Two_keyed_nodes_elect_and_fail_over()
    {
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20 }, Keyed(new AuthKeyRing(Key)));
        Assert.True(cluster[0].Engine.Counters.AdvertisementsAccepted > 0);
        cluster.AssertStable(cluster[0]);

        cluster[0].Kill();
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(10));
        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.Equal(0, cluster[1].Engine.Counters.Dropped(DatagramDropReason.Unauthenticated));
    }

    [Fact]
    public async Task A_forged_unauthenticated_better_advert_from_a_peer_address_for_10_s_changes_nothing()
    {
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20 }, Keyed(new AuthKeyRing(Key)));
        var master = cluster[0];
        for (var i = 0; i < 100; i++)
        {
            cluster.Network.Inject(cluster[1].Address, master.Address, Plain(0, cluster[1].InstanceId));
            await cluster.RunForAsync(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(100, master.Engine.Counters.Dropped(DatagramDropReason.Unauthenticated));
        cluster.AssertStable(master);
    }

    [Fact]
    public async Task A_killed_masters_captured_adverts_replayed_from_its_address_do_not_keep_it_alive()
    {
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20 }, Keyed(new AuthKeyRing(Key)));
        var (master, backup) = (cluster[0], cluster[1]);
        var captured = new ConcurrentQueue<byte[]>();
        cluster.Network.Tap = (from, to, payload) => { if (from.Equals(master.Address)) captured.Enqueue(payload); };
        await cluster.RunForAsync(TimeSpan.FromSeconds(2));
        cluster.Network.Tap = null;
        Assert.NotEmpty(captured);

        master.Kill();
        var replays = captured.ToArray();
        var replayed = 0;
        var took = await cluster.RunUntilAsync(() =>
        {
            // Every 100 ms of fake time, the whole capture again, from the dead master's address.
            foreach (var advert in replays) cluster.Network.Inject(master.Address, backup.Address, advert);
            replayed += replays.Length;
            return cluster.Holders.SequenceEqual(new[] { backup.Id });
        }, TimeSpan.FromSeconds(10), "the backup holds the Elastic IP");

        await cluster.SettleAsync(); // the last batch, injected as the condition held
        // Dead time (1 s x 3) plus one API operation, on the fake clock.
        Assert.True(took <= master.Options.Interval * master.Options.DeadRatio + TimeSpan.FromSeconds(1), $"took {took}");
        Assert.Equal(replayed, backup.Engine.Counters.Dropped(DatagramDropReason.Replayed) + backup.Engine.Counters.Dropped(DatagramDropReason.Stale));
        Assert.Single(backup.EventsOf(WatchdogEventKind.PeerDown));
    }

    [Fact]
    public async Task A_node_with_the_wrong_key_is_ignored_and_counted_and_stays_out_in_fault()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 5 }, o => o with { AuthKeys = new AuthKeyRing(Key) });
        // The third node, the best priority, has another key.
        cluster[2].Options = cluster[2].Options with { AuthKeys = new AuthKeyRing(WrongKey) };
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(NodeRole.Fault, cluster[2].Role);
        Assert.True(cluster[0].Engine.Counters.Dropped(DatagramDropReason.UnknownKey) > 0);
        Assert.True(cluster[2].Engine.Counters.Dropped(DatagramDropReason.UnknownKey) > 0);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "AttachElasticIp" && c.Target == cluster[2].Id);
        Assert.Contains(cluster[2].EventsOf(WatchdogEventKind.StateChanged), e => e.Role == NodeRole.Fault && e.Message.Contains("key"));
    }

    [Fact]
    public async Task Rotation_with_two_keys_loses_no_advert()
    {
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20, 30 }, Keyed(new AuthKeyRing(Key)));
        var steps = new[]
        {
            new AuthKeyRing(Key, NextKey), // 1: everyone accepts both, signs with the old
            new AuthKeyRing(NextKey, Key), // 2: everyone signs with the new
            new AuthKeyRing(NextKey),      // 3: the old one is gone
        };
        foreach (var ring in steps)
        {
            foreach (var node in cluster.Nodes)
            {
                node.Engine.UseAuthKeys(ring);
                await cluster.RunForAsync(TimeSpan.FromMilliseconds(300)); // nodes switch one after another
            }
            await cluster.RunForAsync(TimeSpan.FromSeconds(2));
        }
        foreach (var node in cluster.Nodes)
        {
            var counters = node.Engine.Counters;
            Assert.Equal(0, counters.Dropped(DatagramDropReason.UnknownKey) + counters.Dropped(DatagramDropReason.Unauthenticated));
            Assert.Equal(NextKey.Id, node.Engine.AuthKeys!.Current.Id);
        }
        cluster.AssertStable(cluster[0]);
    }

    [Fact]
    public async Task A_master_that_put_the_new_key_first_before_its_peer_had_it_answers_in_the_old_one_and_keeps_the_address()
    {
        // A rotation done out of order: the master (node 0) gets step 2 while its peer never got step 1.
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20 },
            o => o with { AuthKeys = new AuthKeyRing(Key), ReconcileInterval = TimeSpan.FromSeconds(10) });
        var (master, peer) = (cluster[0], cluster[1]);
        master.Engine.UseAuthKeys(new AuthKeyRing(NextKey, Key));

        // The peer cannot verify the master any more, takes it for dead and takes the address; the master finds it lost
        // the address to a peer that signs with its next key, signs with that key from then on, and is heard again.
        await cluster.RunUntilAsync(() => master.Engine.AuthKeys!.Current.Id == Key.Id, TimeSpan.FromSeconds(30), "the master signs with the old key");
        await cluster.RunUntilSoleHolderAsync(master, TimeSpan.FromSeconds(30));
        var settled = cluster.History.Count;
        await cluster.RunForAsync(TimeSpan.FromSeconds(30));

        Assert.True(peer.Engine.Counters.Dropped(DatagramDropReason.UnknownKey) > 0);
        Assert.Equal(NextKey.Id, master.Engine.AuthKeys!.Next!.Id);
        Assert.Equal(NodeRole.Master, master.Role);
        Assert.Equal(NodeRole.Backup, peer.Role);
        Assert.Equal(settled, cluster.History.Count); // nothing moves once the master is heard again
        Assert.Contains(master.EventsOf(WatchdogEventKind.Warning), e => e.Message.Contains("signing with the next key"));
    }
}
