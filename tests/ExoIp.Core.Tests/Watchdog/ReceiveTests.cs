using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Protocol;
using ExoIp.Tests.Exoscale;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Tests.Watchdog;

public class ReceiveTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("10.0.0.99");

    private static byte[] Advert(byte priority, Guid identity, string elasticIp = TestCluster.ElasticIpAddress) =>
        new Advertisement(priority, IPAddress.Parse(elasticIp), identity).Encode();

    [Fact]
    public async Task Adverts_from_a_non_peer_or_with_a_peer_address_but_another_identity_change_nothing()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        var master = cluster[0];

        for (var i = 0; i < 30; i++)
        {
            cluster.Network.Inject(Stranger, master.Address, Advert(0, Guid.NewGuid()));
            cluster.Network.Inject(cluster[1].Address, master.Address, Advert(0, Guid.NewGuid()));
            cluster.Network.Inject(cluster[1].Address, master.Address, Advert(0, master.InstanceId));
            await cluster.RunForAsync(TimeSpan.FromMilliseconds(100));
        }

        var counters = master.Engine.Counters;
        Assert.Equal(30, counters.Dropped(DatagramDropReason.UnknownSource));
        Assert.Equal(60, counters.Dropped(DatagramDropReason.IdentityMismatch));
        Assert.Equal(NodeRole.Master, master.Role);
        Assert.Single(master.EventsOf(WatchdogEventKind.StateChanged));
        Assert.Equal(new[] { master.Id }, cluster.Holders);
        Assert.Single(cluster.History);
    }

    [Fact]
    public async Task A_forged_better_advert_from_a_peer_address_never_leaves_the_elastic_ip_without_holder()
    {
        // The original master released at once on such an advert, and no one took over for 10 s.
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        cluster.Network.Inject(cluster[1].Address, cluster[0].Address, Advert(0, cluster[1].InstanceId));
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "DetachElasticIp" && c.Target == cluster[0].Id);
        // It believed the forgery until the real advert came, watched the "master" through the API, kept the EIP.
        Assert.Equal(new[] { NodeRole.Master, NodeRole.Backup, NodeRole.Master },
            cluster[0].EventsOf(WatchdogEventKind.StateChanged).Select(e => e.Role!.Value));
        Assert.Contains(cluster.Api.Calls, c => c.Method == "GetInstance" && c.Target == cluster[1].Id);
    }

    [Fact]
    public async Task A_flood_of_bad_datagrams_is_counted_by_reason_and_logged_at_a_bounded_rate()
    {
        await using var cluster = new TestCluster(10, 20);
        var logger = new CapturingLogger();
        cluster[0].Logger = logger;
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        var peer = cluster[1].Address;
        var valid = Advert(20, cluster[1].InstanceId);
        var badVersion = (byte[])valid.Clone();
        badVersion[1] = 2;
        var badCheck = (byte[])valid.Clone();
        badCheck[3] = 21;
        var notIPv4 = (byte[])valid.Clone();
        notIPv4[4] = 224;
        var longer = valid.Concat(new byte[6]).ToArray();
        var info = Encoding.ASCII.GetBytes("info");
        var floods = new (byte[] Payload, IPAddress From, DatagramDropReason Reason)[]
        {
            (longer, peer, DatagramDropReason.WrongLength),
            (info, peer, DatagramDropReason.WrongLength),
            (badVersion, peer, DatagramDropReason.WrongVersion),
            (badCheck, peer, DatagramDropReason.PriorityCheckMismatch),
            (notIPv4, peer, DatagramDropReason.NotIPv4),
            (Advert(20, cluster[1].InstanceId, "198.51.100.51"), peer, DatagramDropReason.ForeignElasticIp),
            (valid, Stranger, DatagramDropReason.UnknownSource),
        };

        for (var round = 0; round < 2; round++)
        {
            foreach (var (payload, from, _) in floods)
                for (var i = 0; i < 500; i++) cluster.Network.Inject(from, cluster[0].Address, payload);
            await cluster.RunForAsync(TimeSpan.FromSeconds(11));
        }

        var counters = cluster[0].Engine.Counters;
        var byReason = counters.DroppedByReason();
        foreach (var group in floods.GroupBy(f => f.Reason))
        {
            Assert.Equal(2 * 500 * group.Count(), counters.Dropped(group.Key));
            Assert.Equal(counters.Dropped(group.Key), byReason[group.Key]);
        }
        Assert.Equal(0, counters.Dropped(DatagramDropReason.IdentityMismatch));
        Assert.Equal(7000, counters.DatagramsDropped);
        // One line per reason and 10 s window: 6 reasons, 2 windows.
        var dropLines = logger.Lines.Where(l => l.Text.Contains("dropped a datagram")).ToList();
        Assert.Equal(12, dropLines.Count);
        Assert.Contains(dropLines, l => l.Text.Contains("(999 more like it"));
        // Each line is derived from a Warning event, which every host shows (exoip -W wrote none of them before).
        var dropEvents = cluster[0].EventsOf(WatchdogEventKind.Warning).Where(e => e.Message.Contains("dropped a datagram")).ToList();
        Assert.Equal(dropLines.Select(l => l.Text), dropEvents.Select(e => $"[{e.Watchdog}] Warning: {e.Message}"));
        Assert.All(dropEvents, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(NodeRole.Master, cluster[0].Role);
        Assert.True(cluster[1].Snapshot.Peers.Single().IsAlive);
    }
}
