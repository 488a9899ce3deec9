using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Exoscale;
using ExoIp.Protocol;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>
/// A deliberately naive watchdog for the checker's own tests: it advertises every interval (the 24-byte format),
/// waits one hold-off, then the lowest priority alive is master; the master attaches itself and detaches every
/// other holder without care (no re-check, no cancellation on a role change, acting on beliefs nobody checks).
/// The checker must find it violating the contract on some seeds.
/// </summary>
internal sealed class NaiveNode : ISimulatedNode
{
    private readonly Dictionary<IPAddress, (long SeenAt, ElectionCandidate Candidate)> _heard = new();
    private readonly List<IPAddress> _peers = new();
    private NodeEnvironment _environment = null!;
    private ITimer? _tick;
    private ElectionCandidate _self;
    private long _startedAt;
    private long _deadTicks;
    private long _holdOffTicks;
    private bool _healthy = true;
    private NodeRole _role = NodeRole.Starting;
    private string? _announced;
    private bool? _holding;
    private string? _elasticIpId;
    private bool _busy;
    private NodeObservation? _observation;

    public bool Ended { get; private set; }

    public void Start(NodeEnvironment environment)
    {
        _environment = environment;
        var options = environment.Options;
        _self = new ElectionCandidate(options.InstanceId, options.Priority);
        _deadTicks = TimeSpan.FromTicks(options.Interval.Ticks * options.DeadRatio).Ticks;
        _holdOffTicks = options.Timing.HoldOff.Ticks;
        _startedAt = Now();
        if (options.Peers is { } peers) _peers.AddRange(peers);
        _ = PrepareAsync();
        _tick = environment.Clock.CreateTimer(_ => Tick(), null, TimeSpan.Zero, options.Interval);
    }

    public void Receive(IPAddress source, byte[] datagram)
    {
        if (!Advertisement.TryDecode(datagram, out var advert, out _)) return;
        _heard[source] = (Now(), new ElectionCandidate(advert.Identity, advert.Priority));
    }

    public void RequestStop(bool releaseElasticIp)
    {
        _tick?.Dispose();
        if (releaseElasticIp && _holding == true && _elasticIpId is { } id) _ = ReleaseAsync(id);
        else Finish();
    }

    public void SetPriority(byte priority)
    {
        _self = _self with { Priority = priority };
        _observation = null;
    }

    public void SetHealthy(bool healthy)
    {
        _healthy = healthy;
        _observation = null;
    }

    public void Kill() => _tick?.Dispose();

    public NodeObservation Observe() =>
        _observation ??= new NodeObservation(_role, _announced, _holding, Advertised,
            $"naive: {_role}, holding {(_holding is { } h ? h.ToString() : "unknown")}, heard {_heard.Count} peers, priority {_self.Priority}");

    private byte Advertised => _healthy ? _self.Priority : (byte)255;

    private long Now() => _environment.Clock.GetTimestamp();

    private void Tick()
    {
        var options = _environment.Options;
        var advert = new Advertisement(Advertised, options.ElasticIp!, options.InstanceId).Encode();
        foreach (var peer in _peers) _environment.Socket.Send(peer, advert);
        Decide();
        if (_role == NodeRole.Master && !_busy && _elasticIpId is { } id) _ = TakeAsync(id);
        else if (_role == NodeRole.Backup && _holding == true && !_busy && _elasticIpId is { } mine) _ = DropAsync(mine);
    }

    private void Decide()
    {
        var now = Now();
        NodeRole role;
        if (!_healthy) role = NodeRole.Fault;
        else if (now - _startedAt < _holdOffTicks) role = NodeRole.Starting;
        else
        {
            role = NodeRole.Master;
            var me = _self with { Priority = Advertised };
            foreach (var (_, (seenAt, candidate)) in _heard)
                if (now - seenAt <= _deadTicks && candidate.Beats(me)) role = NodeRole.Backup;
        }
        if (role == _role) return;
        _role = role;
        _observation = null;
        if (role != NodeRole.Starting) _announced = role.ToString();
    }

    private async Task PrepareAsync()
    {
        var options = _environment.Options;
        try
        {
            _elasticIpId = (await _environment.Api.ResolveElasticIpAsync(options.ElasticIp!.ToString())).Id;
            if (options.Peers is not null) return;
            IReadOnlyList<Instance> members;
            if (options.PeerGroup is { } group)
            {
                var groups = await _environment.Api.ListSecurityGroupsAsync();
                var groupId = groups[0].Id;
                var all = await _environment.Api.ListInstancesAsync();
                var list = new List<Instance>();
                foreach (var instance in all) if (instance.IsMemberOf(groupId)) list.Add(instance);
                members = list;
            }
            else
            {
                var pool = await _environment.Api.ResolveInstancePoolAsync(options.InstancePool!);
                members = await _environment.Api.ListInstancePoolMembersAsync(pool.Id);
            }
            foreach (var member in members)
                if (member.Id != options.InstanceId.ToString() && member.PublicIp is { } ip) _peers.Add(IPAddress.Parse(ip));
        }
        catch (ExoscaleApiException)
        {
            // Naive: it tries again at its next start only.
        }
    }

    // Attach itself, then detach every other holder, without checking whether it is still master.
    private Task TakeAsync(string elasticIpId) => CallAsync(async token =>
    {
        var options = _environment.Options;
        await _environment.Api.AttachElasticIpAsync(elasticIpId, options.InstanceId.ToString(), token);
        SetHolding(true);
        var holders = await _environment.Api.ListInstancesAsync(options.ElasticIp!.ToString(), token);
        foreach (var holder in holders)
            if (holder.Id != options.InstanceId.ToString())
                await _environment.Api.DetachElasticIpAsync(elasticIpId, holder.Id, token);
    });

    private Task DropAsync(string elasticIpId) => CallAsync(async token =>
    {
        await _environment.Api.DetachElasticIpAsync(elasticIpId, _environment.Options.InstanceId.ToString(), token);
        SetHolding(false);
    });

    // One API action at a time, bounded by ApiTimeout; a failure is forgotten (the next tick tries again).
    private async Task CallAsync(Func<CancellationToken, Task> action)
    {
        _busy = true;
        try
        {
            using var timeout = new CancellationTokenSource(_environment.Options.ApiTimeout, _environment.Clock);
            await action(timeout.Token);
        }
        catch (Exception e) when (e is ExoscaleApiException or OperationCanceledException)
        {
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReleaseAsync(string elasticIpId)
    {
        await DropAsync(elasticIpId);
        Finish();
    }

    private void SetHolding(bool holding)
    {
        _holding = holding;
        _observation = null;
    }

    private void Finish()
    {
        _role = NodeRole.Stopped;
        _announced = "Stopped";
        _observation = null;
        Ended = true;
    }
}
