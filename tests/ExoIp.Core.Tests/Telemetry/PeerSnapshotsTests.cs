using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Election;
using ExoIp.Peers;
using ExoIp.Telemetry;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Telemetry;

public class PeerSnapshotsTests
{
    private static readonly ElectionTiming Timing = new(TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("00000001-0000-0000-0000-000000000000");

    private static PeerTable Table(params string[] addresses)
    {
        var table = new PeerTable(Timing);
        foreach (var address in addresses) table.Add(IPAddress.Parse(address));
        return table;
    }

    private static Peer Find(PeerTable table, string address) => table.Find(IPAddress.Parse(address))!;

    // What the snapshot showed before it was carried from pass to pass: every entry made anew, sorted by address text.
    private static List<PeerSnapshot> Fresh(PeerTable table, IPAddress? master, DateTimeOffset now) =>
        table.Peers
            .Select(p => new PeerSnapshot(p.Address, p.InstanceId, p.Priority, p.IsAliveAt(now, Timing), p.LastSeen, master?.Equals(p.Address) == true, p.HoldsElasticIp))
            .OrderBy(p => p.Address.ToString(), StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Peers_are_listed_by_the_ordinal_order_of_their_address_text()
    {
        var table = Table("127.0.0.9", "127.0.0.10", "10.0.0.2");

        var listed = new PeerSnapshots().Update(table.Peers, null, Start, Timing);

        Assert.Equal(new[] { "10.0.0.2", "127.0.0.10", "127.0.0.9" }, listed.Select(p => p.Address.ToString()));
    }

    [Fact]
    public void A_pass_that_changed_nothing_publishes_the_same_list()
    {
        var table = Table("127.0.0.2", "127.0.0.3");
        var snapshots = new PeerSnapshots();
        var first = snapshots.Update(table.Peers, null, Start, Timing);

        Assert.Same(first, snapshots.Update(table.Peers, null, Start, Timing));
    }

    [Fact]
    public void An_advert_makes_a_new_entry_for_its_peer_alone_and_leaves_the_published_list_as_it_was()
    {
        var table = Table("127.0.0.2", "127.0.0.3");
        var snapshots = new PeerSnapshots();
        var before = snapshots.Update(table.Peers, null, Start, Timing);
        var shownBefore = before.ToList();

        Find(table, "127.0.0.3").RecordAdvertisement(Id, 7, Start);
        var after = snapshots.Update(table.Peers, null, Start, Timing);

        Assert.NotSame(before, after);
        Assert.Equal(shownBefore, before); // readers on other threads still hold it
        Assert.Same(before[0], after[0]);
        Assert.Equal(new PeerSnapshot(IPAddress.Parse("127.0.0.3"), Id, 7, true, Start, false, null), after[1]);
    }

    [Fact]
    public void Liveness_the_master_and_the_holding_follow_the_time_and_the_arguments()
    {
        var table = Table("127.0.0.2", "127.0.0.3");
        var snapshots = new PeerSnapshots();
        Find(table, "127.0.0.2").RecordAdvertisement(Id, 7, Start);
        snapshots.Update(table.Peers, null, Start, Timing);

        var master = IPAddress.Parse("127.0.0.2");
        Find(table, "127.0.0.3").HoldsElasticIp = false;
        var later = Start + TimeSpan.FromSeconds(4); // past the dead time: 127.0.0.2 is dead

        Assert.Equal(Fresh(table, master, later), snapshots.Update(table.Peers, master, later, Timing));
        Assert.All(snapshots.Update(table.Peers, master, null, Timing), p => Assert.False(p.IsAlive));
    }

    [Fact]
    public void A_peer_added_or_removed_is_listed_in_its_place()
    {
        var table = Table("127.0.0.5", "127.0.0.3");
        var snapshots = new PeerSnapshots();
        Find(table, "127.0.0.5").RecordAdvertisement(Id, 7, Start);
        snapshots.Update(table.Peers, null, Start, Timing);

        table.Add(IPAddress.Parse("127.0.0.4"));
        Assert.Equal(Fresh(table, null, Start), snapshots.Update(table.Peers, null, Start, Timing));

        table.Remove(IPAddress.Parse("127.0.0.3"));
        Assert.Equal(Fresh(table, null, Start), snapshots.Update(table.Peers, null, Start, Timing));

        // Removed and added back: a new peer, never heard, under the same address.
        table.Remove(IPAddress.Parse("127.0.0.5"));
        table.Add(IPAddress.Parse("127.0.0.5"));
        var listed = snapshots.Update(table.Peers, null, Start, Timing);
        Assert.Equal(Fresh(table, null, Start), listed);
        Assert.Null(listed.Single(p => p.Address.Equals(IPAddress.Parse("127.0.0.5"))).LastSeen);
    }

    [Fact]
    public void The_same_instant_at_another_offset_makes_a_new_entry()
    {
        var table = Table("127.0.0.2");
        var snapshots = new PeerSnapshots();
        var peer = Find(table, "127.0.0.2");
        peer.RecordAdvertisement(Id, 7, Start);
        snapshots.Update(table.Peers, null, Start, Timing);

        var elsewhere = Start.ToOffset(TimeSpan.FromHours(2));
        peer.RecordAdvertisement(Id, 7, elsewhere);

        Assert.Equal(elsewhere.Offset, snapshots.Update(table.Peers, null, Start, Timing).Single().LastSeen!.Value.Offset);
    }
}
