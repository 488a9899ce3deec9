using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Peers;
using Microsoft.Extensions.Logging;

namespace ExoIp.Watchdog;

// API calls: started by the loop, run beside it, their results applied by the loop.
public sealed partial class WatchdogEngine
{
    private void ResolveElasticIp()
    {
        var address = _options.ElasticIp!.ToString();
        StartCall(_elasticIpSlot, new ApiOperation($"resolve the Elastic IP {address}"),
            ct => _api.ResolveElasticIpAsync(address, ct),
            elasticIp =>
            {
                _elasticIp = elasticIp;
                _logger.LogInformation("[{Watchdog}] Elastic IP {Address} is {Id}", Name, address, elasticIp.Id);
                return new ApiActionResult(ApiActionOutcome.Done);
            });
    }

    private void RefreshPeers()
    {
        if (_options.PeerGroup is { } group)
        {
            StartCall(_peerListSlot, new ApiOperation($"list the members of security group '{group}'"),
                ct => PeerDirectory.ListGroupMembersAsync(_api, group, _options.InstanceId, ct),
                ApplyGroupMembers);
        }
        else
        {
            StartCall(_peerListSlot, new ApiOperation("look up the peers' instances"),
                ct => PeerDirectory.ResolveAsync(_api, _options.Peers!, ct),
                ApplyStaticPeers);
        }
    }

    private ApiActionResult ApplyGroupMembers(IReadOnlyDictionary<IPAddress, Guid> members)
    {
        PeersRefreshed();
        if (_listeningSince is null)
        {
            _listeningSince = _clock!.Now;
            _logger.LogInformation("[{Watchdog}] {Count} peer(s) listed; the hold-off starts", Name, members.Count);
        }
        var (added, removed) = _peers.Replace(members, _clock!.Now);
        PublishPeerAddresses();
        foreach (var peer in added)
        {
            _departed.RemoveAll(d => d.InstanceId == peer.InstanceId); // back in the group: a peer like the others
            _logger.LogInformation("[{Watchdog}] peer {Peer} joined the group", Name, peer);
            Emit(WatchdogEventKind.PeerJoined, $"Peer {peer} joined the security group.", peer: peer.Address, instanceId: peer.InstanceId?.ToString());
        }
        foreach (var peer in removed)
        {
            if (ReferenceEquals(peer, _watched)) _watched = null;
            // Whatever was known of its holding may be old: the master checks it afresh (the detach checks first).
            peer.HoldsElasticIp = null;
            _departed.Add(peer);
            _logger.LogInformation("[{Watchdog}] peer {Peer} left the group", Name, peer);
            Emit(WatchdogEventKind.PeerLeft,
                $"Peer {peer} left the security group; it no longer takes part in the election, and the master makes sure it does not keep the Elastic IP.",
                peer: peer.Address, instanceId: peer.InstanceId?.ToString());
        }
        return new ApiActionResult(ApiActionOutcome.Done);
    }

    private ApiActionResult ApplyStaticPeers(IReadOnlyList<PeerIdentity> identities)
    {
        PeersRefreshed();
        foreach (var identity in identities)
        {
            if (_peers.Find(identity.Address) is not { } peer) continue;
            if (identity.InstanceId is not { } id)
            {
                Warn($"No instance has the peer address {identity.Address}; it counts once it advertises.");
            }
            else if (id == _options.InstanceId)
            {
                // One peer list for every node is convenient: this node's own address is simply not a peer.
                _peers.Remove(identity.Address);
                PublishPeerAddresses();
                _logger.LogInformation("[{Watchdog}] {Address} is this node; not a peer", Name, identity.Address);
            }
            else if (peer.ConfirmInstanceId(id))
            {
                Warn($"Peer {identity.Address} is now instance {id}; adverts with its old identity are dropped.");
            }
        }
        return new ApiActionResult(ApiActionOutcome.Done);
    }

    private void PeersRefreshed()
    {
        _lastPeerRefreshAt = _clock!.Now;
        _nextPeerRefreshAt = _lastPeerRefreshAt + _options.PeerRefreshInterval;
    }

    private void AttachSelf()
    {
        var elasticIp = _elasticIp!.Id;
        StartCall(_selfSlot, new ApiOperation($"attach {_options.ElasticIp} to this node", ApiActionKind.Attach, _self),
            ct => _api.AttachElasticIpAsync(elasticIp, _self, ct),
            changed =>
            {
                _selfHolds = true;
                return ApiActionResult.Acted(changed, holds: true);
            });
    }

    private void DetachSelf()
    {
        var elasticIp = _elasticIp!.Id;
        StartCall(_selfSlot, new ApiOperation($"detach {_options.ElasticIp} from this node", ApiActionKind.Detach, _self),
            ct => _api.DetachElasticIpAsync(elasticIp, _self, ct),
            changed =>
            {
                _selfHolds = false;
                return ApiActionResult.Acted(changed, holds: false);
            });
    }

    private void CheckSelf()
    {
        var elasticIp = _elasticIp!.Id;
        StartCall(_selfSlot, new ApiOperation($"check whether this node holds {_options.ElasticIp}", ApiActionKind.Check, _self),
            async ct => (await _api.GetInstanceAsync(_self, ct).ConfigureAwait(false)).Holds(elasticIp),
            holds =>
            {
                _selfHolds = holds;
                OnHandoverAnswer(waitingGoesOn: holds);
                return ApiActionResult.Checked(holds);
            });
    }

    private void DetachPeer(Peer peer)
    {
        var elasticIp = _elasticIp!.Id;
        var instance = peer.InstanceId!.Value.ToString();
        StartCall(_peerSlot, new ApiOperation($"detach {_options.ElasticIp} from {peer}", ApiActionKind.Detach, instance),
            ct => GoneMeansNotHolding(_api.DetachElasticIpAsync(elasticIp, instance, ct)),
            changed =>
            {
                peer.HoldsElasticIp = false;
                _departed.Remove(peer);
                return ApiActionResult.Acted(changed, holds: false);
            });
    }

    private void AttachForSuccessor(Peer successor)
    {
        var elasticIp = _elasticIp!.Id;
        var instance = successor.InstanceId!.Value.ToString();
        StartCall(_peerSlot, new ApiOperation($"attach {_options.ElasticIp} to the master {successor}, which does not hold it", ApiActionKind.Attach, instance),
            ct => _api.AttachElasticIpAsync(elasticIp, instance, ct),
            changed =>
            {
                successor.HoldsElasticIp = true;
                _attachedForSuccessor = true;
                return ApiActionResult.Acted(changed, holds: true);
            });
    }

    private void CheckPeer(Peer peer)
    {
        var elasticIp = _elasticIp!.Id;
        var instance = peer.InstanceId!.Value.ToString();
        StartCall(_peerSlot, new ApiOperation($"check whether {peer} holds {_options.ElasticIp}", ApiActionKind.Check, instance),
            ct => GoneMeansNotHolding(HoldsAsync(instance, elasticIp, ct)),
            holds =>
            {
                peer.HoldsElasticIp = holds;
                if (ReferenceEquals(peer, _watched)) OnHandoverAnswer(waitingGoesOn: !holds);
                return ApiActionResult.Checked(holds);
            });
    }

    private async Task<bool> HoldsAsync(string instance, string elasticIp, CancellationToken cancellationToken) =>
        (await _api.GetInstanceAsync(instance, cancellationToken).ConfigureAwait(false)).Holds(elasticIp);

    // A peer instance that no longer exists holds nothing; retrying it forever would only cost calls.
    private static async Task<bool> GoneMeansNotHolding(Task<bool> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ExoscaleNotFoundException ex) when (ex.ResourceKind == "instance")
        {
            return false;
        }
    }

    /// <summary>Starts a call of <paramref name="slot"/>'s kind; the loop applies its result when it posts back.</summary>
    private void StartCall<T>(ApiSlot slot, ApiOperation operation, Func<CancellationToken, Task<T>> call, Func<T, ApiActionResult> apply)
    {
        if (_killed) return;
        slot.InFlight = true;
        if (slot.Failures > 0) Counters.ApiRetry();
        Interlocked.Increment(ref _pendingWork);
        _ = RunCallAsync(slot, operation, call, apply);
    }

    private async Task RunCallAsync<T>(ApiSlot slot, ApiOperation operation, Func<CancellationToken, Task<T>> call, Func<T, ApiActionResult> apply)
    {
        // Off the loop before the client runs anything, even its synchronous part.
        await Task.Yield();
        var started = _time.GetTimestamp();
        LoopInput.CallCompleted completion;
        using (var timeout = _time.CreateCancellationTokenSource(_options.ApiTimeout))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abortCalls.Token))
        {
            try
            {
                var result = await call(linked.Token).ConfigureAwait(false);
                completion = new LoopInput.CallCompleted(slot, operation, _time.GetElapsedTime(started), () => apply(result), null);
            }
            catch (Exception ex)
            {
                var error = timeout.IsCancellationRequested && !_abortCalls.IsCancellationRequested
                    ? $"no answer within {_options.ApiTimeout.TotalSeconds:0.###} s"
                    : ex.Message;
                completion = new LoopInput.CallCompleted(slot, operation, _time.GetElapsedTime(started), null, error);
            }
        }
        Post(completion);
        Interlocked.Decrement(ref _pendingWork);
    }

    private void OnCallCompleted(LoopInput.CallCompleted completed)
    {
        var slot = completed.Slot;
        var operation = completed.Operation;
        slot.InFlight = false;
        if (completed.Apply is { } apply)
        {
            slot.Succeeded();
            var result = apply();
            if (operation.Action is not { } action) return;
            _logger.LogInformation("[{Watchdog}] {Operation}: {Outcome} in {Duration} ms", Name, operation.Description, result.Outcome,
                (long)completed.Duration.TotalMilliseconds);
            Emit(WatchdogEventKind.ApiAction, $"{Capitalize(operation.Description)}: {Describe(result.Outcome)}.",
                instanceId: operation.InstanceId, action: action, outcome: result.Outcome, duration: completed.Duration,
                holds: result.HoldsElasticIp);
            return;
        }

        var retryIn = slot.Failed(_clock!.Now);
        var message = $"{Capitalize(operation.Description)} failed (try {slot.Failures}), next try in {retryIn.TotalSeconds:0.###} s: {completed.Error}";
        _logger.LogWarning("[{Watchdog}] {Message}", Name, message);
        if (operation.Action is { } failedAction)
        {
            Emit(WatchdogEventKind.ApiAction, message, instanceId: operation.InstanceId, action: failedAction,
                outcome: ApiActionOutcome.Failed, duration: completed.Duration, error: completed.Error);
        }
        else
        {
            Emit(WatchdogEventKind.Warning, message, error: completed.Error);
        }
    }

    private void Warn(string message)
    {
        _logger.LogWarning("[{Watchdog}] {Message}", Name, message);
        Emit(WatchdogEventKind.Warning, message, error: message);
    }

    private static string Describe(ApiActionOutcome outcome) => outcome switch
    {
        ApiActionOutcome.Done => "done",
        ApiActionOutcome.NoOp => "nothing to do",
        _ => "failed",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
