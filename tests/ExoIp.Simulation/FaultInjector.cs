using System;
using System.Collections.Generic;
using ExoIp.Authentication;

namespace ExoIp.Simulation;

/// <summary>
/// Applies a schedule's faults to the world: instant ones at their time, aimed ones after the n-th trigger of
/// their window; each ends after its duration. A process fault that finds its node not running is skipped.
/// </summary>
internal sealed class FaultInjector
{
    private readonly SimWorld _world;
    private readonly List<Fault> _aimed = new();
    private readonly int[] _triggers = new int[4];

    public FaultInjector(SimWorld world)
    {
        _world = world;
    }

    /// <summary>The faults applied so far (their End is set when they end).</summary>
    public List<AppliedFault> Applied { get; } = new();

    private Scheduler Scheduler => _world.Scheduler;

    public void Plan(IReadOnlyList<Fault> schedule)
    {
        foreach (var fault in schedule)
        {
            if (fault.Aim == FaultAim.Instant)
            {
                var planned = fault;
                Scheduler.Schedule(fault.Start.Ticks, "fault", () => Begin(planned, planned.Target));
            }
            else
            {
                _aimed.Add(fault);
            }
        }
    }

    /// <summary>A window opened (a node became master, got an answer, the holders changed): arms the faults aimed at it.</summary>
    public void Trigger(FaultAim aim, int node)
    {
        var count = ++_triggers[(int)aim];
        foreach (var fault in _aimed)
        {
            if (fault.Aim != aim || fault.Occurrence != count) continue;
            var planned = fault;
            var target = fault.Target == Fault.TriggeringNode ? node : fault.Target;
            Scheduler.Schedule(Scheduler.Now + fault.Start.Ticks, "fault", () => Begin(planned, target));
        }
    }

    /// <summary>Sets the end of faults still in effect at the end of the run.</summary>
    public void CloseOpen()
    {
        for (var i = 0; i < Applied.Count; i++)
            if (Applied[i].End == long.MaxValue && !Applied[i].Fault.Permanent)
                Applied[i] = Applied[i] with { End = _world.Record.End };
    }

    private void Begin(Fault fault, int target)
    {
        var slots = _world.Slots;
        if (target == Fault.EveryNode)
        {
            var ends = new Action[slots.Length];
            for (var i = 0; i < slots.Length; i++) ends[i] = BeginApiFault(fault, slots[i]);
            Track(fault, target, () =>
            {
                foreach (var end in ends) end();
            });
            return;
        }
        var slot = slots[target];
        // An aimed pair fault learns its first node only when it triggers; its second must differ.
        if (fault.Other == target) fault = fault with { Other = (target + 1) % slots.Length };
        var process = slot.Process;
        Action? end;
        switch (fault.Kind)
        {
            case FaultKind.Kill:
                if (slot.Lifecycle != NodeLifecycle.Running) return;
                _world.EndProcess(target, kill: true);
                end = () => Restart(target);
                break;
            case FaultKind.Pause:
            case FaultKind.VmPause:
                if (slot.Lifecycle != NodeLifecycle.Running) return;
                process!.Pause(freezeMonotonic: fault.Kind == FaultKind.VmPause);
                slot.Lifecycle = NodeLifecycle.Paused;
                slot.Epoch++;
                end = () => Resume(target, process);
                break;
            case FaultKind.WallClockStep:
                slot.WallOffsetTicks += TimeSpan.FromSeconds(fault.Parameter).Ticks;
                if (process is not null) process.Clock.WallOffsetTicks = slot.WallOffsetTicks;
                end = null;
                break;
            case FaultKind.Stop:
            case FaultKind.Restart:
                if (slot.Lifecycle != NodeLifecycle.Running) return;
                slot.Lifecycle = NodeLifecycle.Stopping;
                slot.Node!.RequestStop(releaseElasticIp: fault.Kind == FaultKind.Stop);
                _world.Observe(target);
                end = () => Restart(target);
                break;
            case FaultKind.Partition:
                _world.Network.Block(target, fault.Other, 1);
                _world.Network.Block(fault.Other, target, 1);
                end = () =>
                {
                    _world.Network.Block(target, fault.Other, -1);
                    _world.Network.Block(fault.Other, target, -1);
                };
                break;
            case FaultKind.OneWayPartition:
                _world.Network.Block(target, fault.Other, 1);
                end = () => _world.Network.Block(target, fault.Other, -1);
                break;
            case FaultKind.Isolate:
                BlockAll(target, 1);
                end = () => BlockAll(target, -1);
                break;
            case FaultKind.Loss:
                _world.Network.AddLoss(target, fault.Other, fault.Parameter);
                _world.Network.AddLoss(fault.Other, target, fault.Parameter);
                end = () =>
                {
                    _world.Network.AddLoss(target, fault.Other, -fault.Parameter);
                    _world.Network.AddLoss(fault.Other, target, -fault.Parameter);
                };
                break;
            case FaultKind.ApiCutOff:
            case FaultKind.Api5xx:
            case FaultKind.Api429:
            case FaultKind.ApiSlow:
            case FaultKind.PutHang:
            case FaultKind.LostAnswer:
            case FaultKind.LateApply:
            case FaultKind.Operation404:
            case FaultKind.AttachForbidden:
                end = BeginApiFault(fault, slot);
                break;
            case FaultKind.StrayHolder:
                _world.Api.Apply(_world.Record.StrayIndex, attach: true, byNode: -1);
                end = null;
                break;
            case FaultKind.PriorityFlip:
                if (slot.Lifecycle != NodeLifecycle.Running) return;
                SetPriority(slot, slot.Priority + (int)fault.Parameter);
                end = () =>
                {
                    if (slot.Process == process && slot.Lifecycle == NodeLifecycle.Running) SetPriority(slot, slot.Priority - (int)fault.Parameter);
                };
                break;
            case FaultKind.Unhealthy:
                SetHealthy(slot, false);
                end = () => SetHealthy(slot, true);
                break;
            case FaultKind.OtherKey:
                if (slot.Lifecycle != NodeLifecycle.Running || _world.SharedKeys is not { } shared) return;
                var other = AuthKey.FromText(SimWorld.KeyText(_world.Random.Seed, 2), "simulation");
                RestartWithKeys(target, fault.Parameter == 0 ? new AuthKeyRing(other) : new AuthKeyRing(other, shared.Current), wrong: true);
                end = () =>
                {
                    if (_world.Slots[target].Lifecycle == NodeLifecycle.Running) RestartWithKeys(target, shared, wrong: false);
                    else
                    {
                        _world.Slots[target].AuthKeys = shared;
                        _world.Slots[target].WrongKey = false;
                    }
                };
                break;
            case FaultKind.LeaveGroup:
                SetMember(slot, false);
                end = () => SetMember(slot, true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "no such fault");
        }

        Track(fault, target, end);
    }

    // Records the fault as applied and schedules its end (none for a permanent fault or an instant one).
    private void Track(Fault fault, int target, Action? end)
    {
        var slots = _world.Slots;
        var index = Applied.Count;
        var start = Scheduler.Now;
        Applied.Add(new AppliedFault(fault, target, start, end is null ? start : long.MaxValue));
        for (var i = 0; i < slots.Length; i++) _world.UpdateStates(i);
        if (fault.Permanent || end is null) return;
        Scheduler.Schedule(start + fault.Duration.Ticks, "fault-end", () =>
        {
            end();
            Applied[index] = Applied[index] with { End = Scheduler.Now };
            for (var i = 0; i < slots.Length; i++) _world.UpdateStates(i);
        });
    }

    private Action BeginApiFault(Fault fault, NodeSlot slot)
    {
        var active = new ActiveApiFault(fault.Kind, fault.Parameter);
        slot.ApiFaults.Add(active);
        // One call's mishap (a hang, a lost answer, a late apply, a 404 poll) leaves the node reaching the API:
        // the checker gives the window an allowance instead.
        var forbids = fault.Kind == FaultKind.AttachForbidden;
        var degrades = fault.Kind is FaultKind.ApiCutOff or FaultKind.Api5xx or FaultKind.Api429 or FaultKind.ApiSlow;
        if (forbids) slot.AttachForbidden++;
        if (degrades) slot.ApiDegraded++;
        return () =>
        {
            slot.ApiFaults.Remove(active);
            if (forbids) slot.AttachForbidden--;
            if (degrades) slot.ApiDegraded--;
        };
    }

    private void Restart(int target)
    {
        var slot = _world.Slots[target];
        // A stop that has not finished by now is cut short, as systemd's stop timeout would.
        if (slot.Lifecycle == NodeLifecycle.Stopping) _world.EndProcess(target, kill: true);
        if (slot.Lifecycle == NodeLifecycle.Down) _world.StartNode(target);
    }

    private void Resume(int target, SimProcess? process)
    {
        var slot = _world.Slots[target];
        if (slot.Process != process || slot.Lifecycle != NodeLifecycle.Paused) return;
        slot.Lifecycle = NodeLifecycle.Running;
        process!.Resume();
        if (slot.Node is { } node && slot.ToldHealthy != slot.Healthy)
        {
            slot.ToldHealthy = slot.Healthy;
            node.SetHealthy(slot.Healthy);
        }
        _world.Observe(target);
    }

    private void SetPriority(NodeSlot slot, int priority)
    {
        slot.Priority = (byte)Math.Clamp(priority, 1, 255);
        slot.Node!.SetPriority(slot.Priority);
        _world.Observe(slot.Index);
    }

    // Health checks run inside the process: a paused one learns the verdict when it resumes.
    private void SetHealthy(NodeSlot slot, bool healthy)
    {
        slot.Healthy = healthy;
        if (slot.Lifecycle != NodeLifecycle.Running || slot.Node is null) return;
        slot.ToldHealthy = healthy;
        slot.Node.SetHealthy(healthy);
        _world.Observe(slot.Index);
    }

    // A key is read at start: the node is restarted (killed and started at once) with the new ring.
    private void RestartWithKeys(int target, AuthKeyRing keys, bool wrong)
    {
        var slot = _world.Slots[target];
        _world.EndProcess(target, kill: true);
        slot.AuthKeys = keys;
        slot.WrongKey = wrong;
        _world.StartNode(target);
    }

    private void SetMember(NodeSlot slot, bool member)
    {
        if (member) slot.Member = true; // out of it only once a listing shows it (SimWorld)
        slot.Instance.InGroup = member;
        slot.Instance.InPool = member;
    }

    private void BlockAll(int target, int change)
    {
        for (var other = 0; other < _world.Slots.Length; other++)
        {
            if (other == target) continue;
            _world.Network.Block(target, other, change);
            _world.Network.Block(other, target, change);
        }
    }
}
