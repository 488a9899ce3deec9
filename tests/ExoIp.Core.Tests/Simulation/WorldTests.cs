using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>The world's mechanics: clocks and timers across pauses, cancellation over virtual time, the non-atomic API.</summary>
public class WorldTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    private readonly SimWorld _world;
    private readonly PassiveNode _node;

    private readonly List<PassiveNode> _nodes = new();

    public WorldTests()
    {
        var nodes = _nodes;
        _world = new SimWorld(new RandomStreams(5), HistoryBuilder.Parameters, () =>
        {
            var node = new PassiveNode();
            nodes.Add(node);
            return node;
        });
        _world.StartNode(0);
        _node = nodes[0];
    }

    private SimClock Clock => _node.Environment.Clock;

    private IExoscaleClient Api => _node.Environment.Api;

    private string Me => _world.Slots[0].Instance.Id;

    private void RunUntil(double seconds) => _world.Scheduler.RunUntil((long)(seconds * Second));

    [Fact]
    public void Timers_fire_in_virtual_time_and_periodically()
    {
        var fired = new List<(string What, long At)>();
        Clock.CreateTimer(_ => fired.Add(("once", _world.Scheduler.Now)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Clock.CreateTimer(_ => fired.Add(("tick", _world.Scheduler.Now)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        RunUntil(3.5);

        Assert.Equal([("tick", 1 * Second), ("once", 2 * Second), ("tick", 2 * Second), ("tick", 3 * Second)], fired);
    }

    [Fact]
    public void A_paused_process_runs_its_due_timers_in_order_at_resume_and_a_killed_one_never()
    {
        var fired = new List<(int Timer, long At)>();
        Clock.CreateTimer(_ => fired.Add((1, _world.Scheduler.Now)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Clock.CreateTimer(_ => fired.Add((2, _world.Scheduler.Now)), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        var process = _world.Slots[0].Process!;

        RunUntil(1);
        process.Pause(freezeMonotonic: false);
        RunUntil(5);
        Assert.Empty(fired);
        process.Resume();
        RunUntil(5);
        Assert.Equal([(1, 5 * Second), (2, 5 * Second)], fired);

        Clock.CreateTimer(_ => fired.Add((3, _world.Scheduler.Now)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        _world.EndProcess(0, kill: true);
        RunUntil(10);
        Assert.Equal(2, fired.Count);
    }

    [Fact]
    public void A_VM_pause_freezes_the_monotonic_clock_and_postpones_timers_while_the_wall_clock_steps()
    {
        var fired = new List<long>();
        Clock.CreateTimer(_ => fired.Add(_world.Scheduler.Now), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        var process = _world.Slots[0].Process!;
        RunUntil(1);
        var monotonic = Clock.GetTimestamp();
        var wall = Clock.GetUtcNow();

        process.Pause(freezeMonotonic: true);
        RunUntil(11);
        process.Resume();

        Assert.Equal(monotonic, Clock.GetTimestamp());
        Assert.Equal(wall.AddSeconds(10), Clock.GetUtcNow());
        RunUntil(12.5);
        Assert.Empty(fired);
        RunUntil(13);
        Assert.Equal([13 * Second], fired);
    }

    [Fact]
    public void Cancellation_and_delays_over_the_clock_complete_inline_in_virtual_time()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), Clock);
        var delay = Clock.Delay(TimeSpan.FromSeconds(1));
        var thread = Environment.CurrentManagedThreadId;
        var continuedOn = -1;
        long continuedAt = -1;
        var continuation = delay.ContinueWith(_ =>
        {
            continuedOn = Environment.CurrentManagedThreadId;
            continuedAt = _world.Scheduler.Now;
        }, TaskContinuationOptions.ExecuteSynchronously);

        RunUntil(1.5);
        Assert.True(continuation.IsCompleted);
        Assert.Equal(thread, continuedOn);
        Assert.Equal(1 * Second, continuedAt);
        Assert.False(timeout.IsCancellationRequested);
        RunUntil(2);
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task An_attach_checks_puts_applies_and_answers_at_separate_instants()
    {
        var call = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me);
        var record = Assert.Single(_world.Api.Mutations);

        RunUntil(10);

        Assert.True(await call);
        Assert.True(record.IssuedAt < record.PutSentAt && record.PutSentAt < record.AppliedAt);
        Assert.True(record.Changed);
        Assert.Equal(record.AppliedAt, _world.Api.History[^1].At);
        Assert.Equal(1UL, _world.Api.Holders);
        var again = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me);
        RunUntil(20);
        Assert.False(await again);
        Assert.Equal(-1, _world.Api.Mutations[1].PutSentAt);
    }

    [Fact]
    public async Task A_call_cancelled_after_its_PUT_left_ends_cancelled_yet_the_change_applies()
    {
        using var cancel = new CancellationTokenSource();
        var call = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me, cancel.Token);
        var record = _world.Api.Mutations[0];
        while (record.PutSentAt < 0) _world.Scheduler.RunUntil(_world.Scheduler.Now + 10_000);

        cancel.Cancel();

        Assert.True(call.IsCanceled);
        RunUntil(10);
        Assert.True(record.Changed);
        Assert.True(_world.Api.Holds(0));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_lost_answer_or_a_404_poll_fails_the_call_though_the_change_applied()
    {
        _world.Slots[0].ApiFaults.Add(new ActiveApiFault(FaultKind.Operation404, 0));
        var attach = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me);
        RunUntil(10);
        var notFound = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => attach);
        Assert.Equal("operation", notFound.ResourceKind);
        Assert.True(_world.Api.Holds(0));

        _world.Slots[0].ApiFaults.Add(new ActiveApiFault(FaultKind.LostAnswer, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), Clock);
        var detach = Api.DetachElasticIpAsync(_world.Api.ElasticIpId, Me, timeout.Token);
        RunUntil(20);
        await Assert.ThrowsAnyAsync<Exception>(() => detach);
        Assert.False(_world.Api.Holds(0));
    }

    [Fact]
    public async Task A_forbidden_attach_answers_403_and_changes_nothing()
    {
        _world.Slots[0].ApiFaults.Add(new ActiveApiFault(FaultKind.AttachForbidden, 0));

        var call = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me);
        RunUntil(10);

        var refused = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => call);
        Assert.Equal(403, refused.StatusCode);
        Assert.True(refused.IsPermissionDenied);
        Assert.Equal(0UL, _world.Api.Holders);
    }

    [Fact]
    public void A_late_operation_applies_after_its_answer()
    {
        _world.Slots[0].ApiFaults.Add(new ActiveApiFault(FaultKind.LateApply, 3));

        var call = Api.AttachElasticIpAsync(_world.Api.ElasticIpId, Me);
        RunUntil(1);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.False(_world.Api.Holds(0));
        RunUntil(10);
        Assert.True(_world.Api.Holds(0));
    }

    [Fact]
    public async Task A_paused_caller_gets_its_answer_when_it_resumes()
    {
        var call = Api.GetInstanceAsync(Me);
        _world.Slots[0].Process!.Pause(freezeMonotonic: false);

        RunUntil(5);
        Assert.False(call.IsCompleted);
        _world.Slots[0].Process!.Resume();
        RunUntil(5);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(Me, (await call).Id);
    }

    [Fact]
    public void A_cut_off_node_hangs_until_it_gives_up()
    {
        _world.Slots[0].ApiFaults.Add(new ActiveApiFault(FaultKind.ApiCutOff, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), Clock);

        var call = Api.ListInstancesAsync(_world.Api.ElasticIpAddress, timeout.Token);
        RunUntil(2.9);
        Assert.False(call.IsCompleted);
        RunUntil(3);

        Assert.True(call.IsCanceled);
    }

    [Fact]
    public void Datagrams_cross_the_network_wait_in_a_paused_receiver_and_stop_at_a_partition_or_a_dead_one()
    {
        _world.StartNode(1);
        var receiver = _nodes[1];
        var to = _world.Slots[1].Address;
        _node.Environment.Socket.Send(to, [1]);
        RunUntil(0.1);
        Assert.Single(receiver.Received);

        _world.Slots[1].Process!.Pause(freezeMonotonic: false);
        _node.Environment.Socket.Send(to, [2]);
        RunUntil(1);
        Assert.Single(receiver.Received);
        _world.Slots[1].Process!.Resume();
        RunUntil(1);
        Assert.Equal([1, 2], receiver.Received.ConvertAll(d => (int)d[0]));

        _world.Network.Block(0, 1, 1);
        _node.Environment.Socket.Send(to, [3]);
        RunUntil(2);
        _world.Network.Block(0, 1, -1);
        _world.EndProcess(1, kill: true);
        _node.Environment.Socket.Send(to, [4]);
        RunUntil(3);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public void Another_key_restarts_the_node_with_it_and_makes_it_ineligible_until_it_is_back()
    {
        var parameters = HistoryBuilder.Parameters with { Authenticated = true };
        var started = new List<PassiveNode>();
        var world = new SimWorld(new RandomStreams(9), parameters, () =>
        {
            var node = new PassiveNode();
            started.Add(node);
            return node;
        });
        var key = new Fault(FaultKind.OtherKey, 1, 0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), 1);

        var record = world.Run([key]);

        Assert.Equal(4, started.Count);
        var shared = started[0].Environment.Options.AuthKeys!;
        var rotated = started[2].Environment.Options.AuthKeys!;
        Assert.NotEqual(shared.Current.Id, rotated.Current.Id);
        Assert.Equal(shared.Current.Id, rotated.Next!.Id);
        Assert.Equal(shared.Current.Id, started[3].Environment.Options.AuthKeys!.Current.Id);
        Assert.Contains(new StateChange(10 * Second, 1, false), record.Eligibility);
        Assert.Contains(new StateChange(30 * Second, 1, true), record.Eligibility);
    }

    [Theory]
    [InlineData(PeerSource.SecurityGroup)]
    [InlineData(PeerSource.InstancePool)]
    public async Task A_node_taken_out_of_its_group_is_out_from_the_first_listing_of_the_members_and_back_in_at_once(PeerSource source)
    {
        var nodes = new List<PassiveNode>();
        var world = new SimWorld(new RandomStreams(5), HistoryBuilder.Parameters with { PeerSource = source }, () =>
        {
            var node = new PassiveNode();
            nodes.Add(node);
            return node;
        });
        world.Begin([new Fault(FaultKind.LeaveGroup, 1, 0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), 0)]);
        world.Scheduler.RunUntil(12 * Second);
        var api = nodes[0].Environment.Api;
        Assert.True(world.Slots[1].Eligible); // out of the group, but no watchdog could know it yet

        var holders = api.ListInstancesAsync(world.Api.ElasticIpAddress); // a listing of the holders names no member
        world.Scheduler.RunUntil(13 * Second);
        await holders;
        Assert.True(world.Slots[1].Eligible);

        var members = source == PeerSource.SecurityGroup ? api.ListInstancesAsync() : api.ListInstancePoolMembersAsync(world.Api.InstancePoolId);
        world.Scheduler.RunUntil(14 * Second);
        await members;
        var removed = Assert.Single(world.Record.Eligibility, c => c.Node == 1 && c.At >= 10 * Second);
        Assert.False(removed.Value);
        Assert.InRange(removed.At, 13 * Second, 14 * Second);

        world.Scheduler.RunUntil(31 * Second);
        Assert.Equal(new StateChange(30 * Second, 1, true), world.Record.Eligibility[^1]);
    }

    [Theory]
    [InlineData(true, 1, true)]       // a step within the stamp window changes nothing
    [InlineData(true, -1622, false)]  // a window or more, with a key: its peers refuse its adverts and it theirs
    [InlineData(true, 3600, false)]
    [InlineData(false, -1622, true)]  // without a key, nothing reads the wall clock
    public void A_wall_clock_step_of_a_window_or_more_with_a_key_makes_the_node_ineligible_for_good(bool keyed, double step, bool eligible)
    {
        var world = new SimWorld(new RandomStreams(9), HistoryBuilder.Parameters with { Authenticated = keyed }, () => new PassiveNode());
        var fault = new Fault(FaultKind.WallClockStep, 1, 0, TimeSpan.FromSeconds(10), TimeSpan.Zero, step);

        var record = world.Run([fault]);

        Assert.Equal(eligible, !record.Eligibility.Contains(new StateChange(10 * Second, 1, false)));
        Assert.Equal(eligible, world.Slots[1].Eligible);
    }

    [Fact]
    public void A_node_calling_the_world_from_another_thread_is_refused()
    {
        var to = _world.Slots[1].Address;
        Exception? error = null;
        // A thread of its own: a pool thread could be the very one that built the world.
        var other = new Thread(() => error = Record.Exception(() => _node.Environment.Socket.Send(to, [1])));

        other.Start();
        other.Join();

        Assert.Contains("another thread", Assert.IsType<InvalidOperationException>(error).Message);
    }
}
