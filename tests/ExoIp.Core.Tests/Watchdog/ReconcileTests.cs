using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class ReconcileTests
{
    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(30);

    private static async Task<TestCluster> SettledAsync()
    {
        return await TestCluster.StartSettledAsync(new byte[] { 10, 20 }, o => o with { ReconcileInterval = Reconcile });
    }

    [Fact]
    public async Task A_master_that_lost_the_elastic_ip_behind_its_back_attaches_it_again_at_reconciliation()
    {
        await using var cluster = await SettledAsync();
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[0].InstanceId, attached: false);
        await cluster.RunForAsync(Reconcile / 2);
        Assert.Empty(cluster.Holders); // no API call between reconciliations

        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, Reconcile, "the master re-attaches");
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task A_backup_found_holding_the_elastic_ip_lets_go_once_the_master_holds_it()
    {
        await using var cluster = await SettledAsync();
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[1].InstanceId, attached: true);

        await cluster.RunUntilAsync(() => cluster.Holders.SequenceEqual(new[] { cluster[0].Id }), Reconcile * 2, "only the master holds it");
        await cluster.RunUntilAsync(() => cluster[1].Snapshot.HoldsElasticIp == false, cluster[1].Options.MaxRetryDelay, "node 1 knows it");
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
    }

    [Fact]
    public async Task At_start_a_backup_holding_the_elastic_ip_keeps_it_until_the_master_has_it()
    {
        // A node restarted as backup while still holding it (e.g. after a planned restart) must not drop it
        // before the master has it: check first, then make-before-break.
        var cluster = new TestCluster(10, 20);
        await using var _ = cluster;
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[1].InstanceId, attached: true);
        cluster.Api.Delay = TimeSpan.FromSeconds(1);
        cluster.StartAll();

        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        Assert.Equal(new[] { ("attach", cluster[0].Id), ("detach", cluster[1].Id) },
            cluster.Api.Mutations.Skip(1).Select(m => (m.Kind, m.Instance)));
    }
}
