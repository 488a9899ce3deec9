using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Simulation;

/// <summary>
/// One process's view of the API: the <see cref="IExoscaleClient"/> a node gets. Every call takes wire legs of
/// drawn latency; reads see the state when they reach the server; attach and detach are not atomic (the check's
/// GET, the PUT, the operation applying and the answer happen at separate instants), honour cancellation (a
/// cancelled call ends cancelled, a PUT already sent still applies) and suffer the faults aimed at this node.
/// Answers pass the process's gate: a paused process gets them when it resumes.
/// </summary>
internal sealed class SimApiView : IExoscaleClient
{
    private readonly SimWorld _world;
    private readonly SimProcess _process;
    private readonly int _node;

    public SimApiView(SimWorld world, SimProcess process, int node)
    {
        _world = world;
        _process = process;
        _node = node;
    }

    private SimApi Api => _world.Api;

    private List<ActiveApiFault> Faults => _world.Slots[_node].ApiFaults;

    public Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<ElasticIp>>(() => new List<ElasticIp> { Api.ElasticIp() }, false, cancellationToken);

    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) =>
        Read(() => ElasticIpOrThrow(id), false, cancellationToken);

    public Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default) =>
        Read(() => ElasticIpOrThrow(addressOrId), false, cancellationToken);

    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) =>
        Read(() => Api.GetInstance(id), true, cancellationToken);

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default) =>
        Read(() => Api.ListInstances(ipAddress), ipAddress == Api.ElasticIpAddress, cancellationToken);

    public Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        Read(() => Api.ResolvePool(nameOrId), false, cancellationToken);

    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default) =>
        Read(() => Api.ListPoolMembers(instancePoolId), false, cancellationToken);

    public Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<SecurityGroup>>(() => new List<SecurityGroup> { Api.Group() }, false, cancellationToken);

    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) =>
        Read(() => id == Api.SecurityGroupId ? Api.Group() : throw new ExoscaleNotFoundException($"Security group {id} not found.", "security-group", id),
            false, cancellationToken);

    // Operations are waited for inside attach and detach; one asked for on its own is gone already.
    public Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default) =>
        Read<Operation>(() => throw new ExoscaleNotFoundException($"Operation {id} not found.", "operation", id), false, cancellationToken);

    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Mutate(elasticIpId, instanceId, attach: true, cancellationToken, abandonBeforeChange);

    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Mutate(elasticIpId, instanceId, attach: false, cancellationToken, abandonBeforeChange);

    private ElasticIp ElasticIpOrThrow(string addressOrId) =>
        addressOrId == Api.ElasticIpId || addressOrId == Api.ElasticIpAddress
            ? Api.ElasticIp()
            : throw new ExoscaleNotFoundException($"No Elastic IP has the address or id '{addressOrId}'.", "elastic-ip", addressOrId);

    private Task<T> Read<T>(Func<T> read, bool isCheck, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var call = new ReadCall<T>(this, read, isCheck, cancellationToken);
        call.Start();
        return call.Task;
    }

    private Task<bool> Mutate(string elasticIpId, string instanceId, bool attach, CancellationToken cancellationToken, CancellationToken abandonBeforeChange)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<bool>(cancellationToken);
        var target = Api.IndexOf(instanceId);
        if (elasticIpId != Api.ElasticIpId)
            return Task.FromException<bool>(new ExoscaleNotFoundException($"Elastic IP {elasticIpId} not found.", "elastic-ip", elasticIpId));
        if (target < 0)
            return attach
                ? Task.FromException<bool>(new ExoscaleNotFoundException($"Instance {instanceId} not found.", "instance", instanceId))
                : Task.FromResult(false);
        _world.ObserveDuringCall(_node);
        var record = new MutationRecord
        {
            Node = _node, Attach = attach, Target = target, IssuedAt = _world.Scheduler.Now,
            IssueEpoch = _world.EpochOf(_node), IssueBelief = _world.BeliefOf(_node), IssuedInKeyFault = _world.InKeyFault(_node),
        };
        Api.Mutations.Add(record);
        var call = new MutationCall(this, record, cancellationToken, abandonBeforeChange);
        call.Start();
        return call.Task;
    }

    // ---- latency and faults ----

    private long Leg()
    {
        var p = _world.Parameters;
        var ticks = p.ApiLegMin.Ticks + (long)(_world.Random.Api.NextDouble() * (p.ApiLegMax.Ticks - p.ApiLegMin.Ticks));
        return (long)(ticks * SlowFactor());
    }

    private long OperationTime()
    {
        var p = _world.Parameters;
        var ticks = p.OperationMin.Ticks + (long)(_world.Random.Api.NextDouble() * (p.OperationMax.Ticks - p.OperationMin.Ticks));
        return (long)(ticks * SlowFactor());
    }

    private double SlowFactor()
    {
        var factor = 1.0;
        foreach (var fault in Faults)
            if (fault.Kind == FaultKind.ApiSlow) factor *= fault.Parameter;
        return factor;
    }

    private ActiveApiFault? Find(FaultKind kind)
    {
        foreach (var fault in Faults)
            if (fault.Kind == kind && !fault.Consumed) return fault;
        return null;
    }

    private ActiveApiFault? Take(FaultKind kind)
    {
        var fault = Find(kind);
        if (fault is not null) fault.Consumed = true;
        return fault;
    }

    // Reaching the server: cut off (hang or fail fast), a 5xx, a 429 with its Retry-After honoured, or through.
    private Reach TryReach(out long delay, out Exception? error)
    {
        delay = 0;
        error = null;
        if (Find(FaultKind.ApiCutOff) is { } cut)
        {
            if (cut.Parameter == 0) return Reach.Hangs;
            error = new ExoscaleUnavailableException("The API could not be reached (connection refused).");
            delay = Leg();
            return Reach.Fails;
        }
        if (Find(FaultKind.Api5xx) is not null)
        {
            error = new ExoscaleUnavailableException("The API answered 503 Service Unavailable.", 503);
            delay = 2 * Leg();
            return Reach.Fails;
        }
        if (Find(FaultKind.Api429) is { } limited)
        {
            delay = TimeSpan.FromSeconds(limited.Parameter).Ticks;
            if (_world.Random.Api.NextDouble() < 0.5)
            {
                error = new ExoscaleUnavailableException("The API answered 429 Too Many Requests after the retries.", 429);
                return Reach.Fails;
            }
        }
        return Reach.Through;
    }

    /// <summary>
    /// Sends a call's first request: it reaches the server (<paramref name="serverPhase"/> after a leg), fails (the
    /// returned error, answered at <paramref name="clientPhase"/>), or hangs until the caller gives up.
    /// </summary>
    private Exception? Dispatch(ISimEvent call, long serverPhase, long clientPhase)
    {
        var scheduler = _world.Scheduler;
        switch (TryReach(out var delay, out var error))
        {
            case Reach.Hangs:
                return null;
            case Reach.Fails:
                scheduler.Schedule(scheduler.Now + delay, call, clientPhase, _node);
                return error;
            default:
                scheduler.Schedule(scheduler.Now + delay + Leg(), call, serverPhase, Scheduler.WorldEvent);
                return null;
        }
    }

    private enum Reach
    {
        Through,
        Fails,
        Hangs,
    }

    // ---- calls ----

    /// <summary>A read: the request leg, the state read at the server, the answer leg.</summary>
    private sealed class ReadCall<T> : ISimEvent
    {
        private const long ServerReads = 0;
        private const long ClientAnswered = 1;
        private readonly SimApiView _view;
        private readonly Func<T> _read;
        private readonly bool _isCheck;
        private readonly TaskCompletionSource<T> _completion = new();
        private readonly CancellationTokenRegistration _registration;
        private T? _result;
        private Exception? _error;

        public ReadCall(SimApiView view, Func<T> read, bool isCheck, CancellationToken cancellationToken)
        {
            _view = view;
            _read = read;
            _isCheck = isCheck;
            _registration = cancellationToken.Register(static (state, token) => ((ReadCall<T>)state!)._completion.TrySetCanceled(token), this);
        }

        public Task<T> Task => _completion.Task;

        public string Label => "api-read";

        public void Start() => _error = _view.Dispatch(this, ServerReads, ClientAnswered);

        public void Fire(long token)
        {
            var scheduler = _view._world.Scheduler;
            if (token == ServerReads)
            {
                try
                {
                    _result = _read();
                }
                catch (ExoscaleApiException e)
                {
                    _error = e;
                }
                scheduler.Schedule(scheduler.Now + _view.Leg(), this, ClientAnswered, _view._node);
                return;
            }
            if (!_view._process.Admit(this, token, DeliveryKind.Answer) || _completion.Task.IsCompleted) return;
            _registration.Dispose();
            if (_isCheck && _error is null) _view._world.NoteCheck(_view._node);
            if (_error is not null) _completion.TrySetException(_error);
            else _completion.TrySetResult(_result!);
        }
    }

    /// <summary>
    /// Attach or detach as the real client does it, in phases: the check (GET, read at the server), the PUT leaving
    /// the client, the operation applying at the server, the answer reaching the client.
    /// </summary>
    private sealed class MutationCall : ISimEvent
    {
        private const long ServerChecks = 0;
        private const long ClientChecked = 1;
        private const long ServerReceivesPut = 2;
        private const long ServerApplies = 3;
        private const long ClientAnswered = 4;

        private readonly SimApiView _view;
        private readonly MutationRecord _record;
        private readonly TaskCompletionSource<bool> _completion = new();
        private readonly CancellationTokenRegistration _registration;
        private readonly CancellationToken _abandon;
        private bool _alreadyInPlace;
        private bool _answered = true;
        private Exception? _error;

        public MutationCall(SimApiView view, MutationRecord record, CancellationToken cancellationToken, CancellationToken abandon)
        {
            _view = view;
            _record = record;
            _abandon = abandon;
            _registration = cancellationToken.Register(static (state, token) => ((MutationCall)state!)._completion.TrySetCanceled(token), this);
        }

        public Task<bool> Task => _completion.Task;

        public string Label => "api-mutation";

        private Scheduler Scheduler => _view._world.Scheduler;

        public void Start() => _error = _view.Dispatch(this, ServerChecks, ClientAnswered);

        public void Fire(long token)
        {
            switch (token)
            {
                case ServerChecks:
                    _alreadyInPlace = _view.Api.Holds(_record.Target) == _record.Attach;
                    Scheduler.Schedule(Scheduler.Now + _view.Leg(), this, ClientChecked, _view._node);
                    return;
                case ClientChecked:
                    if (!_view._process.Admit(this, token, DeliveryKind.Answer) || _completion.Task.IsCompleted) return;
                    _view._world.NoteCheck(_view._node);
                    if (_alreadyInPlace)
                    {
                        Answer(false);
                        return;
                    }
                    if (_abandon.IsCancellationRequested)
                    {
                        // As the client does: the belief is gone before the PUT, so no PUT.
                        _registration.Dispose();
                        _completion.TrySetCanceled(_abandon);
                        return;
                    }
                    SendPut();
                    return;
                case ServerReceivesPut:
                    ReceivePut();
                    return;
                case ServerApplies:
                    _record.AppliedAt = Scheduler.Now;
                    _record.ApplyEpoch = _view._world.EpochOf(_record.Node);
                    _record.Changed = _view.Api.Apply(_record.Target, _record.Attach, _record.Node);
                    return;
                default:
                    if (!_view._process.Admit(this, token, DeliveryKind.Answer) || _completion.Task.IsCompleted) return;
                    _registration.Dispose();
                    _view._world.NoteAnswer(_view._node);
                    if (_error is not null) _completion.TrySetException(_error);
                    else _completion.TrySetResult(_answered);
                    return;
            }
        }

        private void SendPut()
        {
            _record.PutSentAt = Scheduler.Now;
            _record.PutEpoch = _view._world.EpochOf(_record.Node);
            _record.PutBelief = _view._world.BeliefOf(_record.Node);
            if (_record.Attach && _view.Find(FaultKind.AttachForbidden) is not null)
            {
                Fail(new ExoscaleAuthenticationException(
                    "The API refused attach-instance-to-elastic-ip (403 Forbidden): the key's role does not allow it.",
                    403, "attach-instance-to-elastic-ip", permissionDenied: true), 2 * _view.Leg());
                return;
            }
            Scheduler.Schedule(Scheduler.Now + _view.Leg(), this, ServerReceivesPut, Scheduler.WorldEvent);
        }

        // The PUT reached the server: a 5xx refuses it; otherwise its operation applies, now or late, and the answer
        // comes back, or is lost, or the operation's poll answers 404, or it hangs (and may still apply).
        private void ReceivePut()
        {
            if (_view.Find(FaultKind.Api5xx) is not null)
            {
                Fail(new ExoscaleUnavailableException("The API answered 503 Service Unavailable to the PUT.", 503), _view.Leg());
                return;
            }
            var random = _view._world.Random.Api;
            var applyIn = _view.OperationTime();
            if (_view.Take(FaultKind.PutHang) is not null)
            {
                if (random.NextDouble() < 0.5) Scheduler.Schedule(Scheduler.Now + applyIn, this, ServerApplies, Scheduler.WorldEvent);
                return;
            }
            var answerIn = applyIn + _view.Leg();
            if (_view.Take(FaultKind.LateApply) is { } late)
                applyIn = answerIn + TimeSpan.FromSeconds(late.Parameter).Ticks;
            Scheduler.Schedule(Scheduler.Now + applyIn, this, ServerApplies, Scheduler.WorldEvent);
            if (_view.Take(FaultKind.LostAnswer) is not null)
            {
                // No answer: the client's retries run out (or it waits until it gives up).
                if (random.NextDouble() < 0.5) return;
                _error = new ExoscaleUnavailableException("No answer from the API to the PUT (connection reset).");
            }
            else if (_view.Take(FaultKind.Operation404) is not null)
            {
                _error = new ExoscaleNotFoundException("Operation not found while waiting for it.", "operation", "op-" + _record.IssuedAt);
            }
            Scheduler.Schedule(Scheduler.Now + answerIn, this, ClientAnswered, _view._node);
        }

        private void Fail(Exception error, long delay)
        {
            _error = error;
            Scheduler.Schedule(Scheduler.Now + delay, this, ClientAnswered, _view._node);
        }

        private void Answer(bool changed)
        {
            _answered = changed;
            _registration.Dispose();
            _view._world.NoteAnswer(_view._node);
            _completion.TrySetResult(changed);
        }
    }
}
