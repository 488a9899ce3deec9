using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// A real <see cref="WatchdogCore"/> (membership, election, candidacy, policies, executor) with one static peer A,
/// driven pass by pass on fake clocks as the engine's shell drives it. The API calls it starts are recorded, not
/// run (<see cref="UnansweredApi"/>): each stays in flight, its slot busy, until the bed answers it, from a small
/// world of who holds the Elastic IP (<see cref="SelfHolds"/>, <see cref="AHolds"/>) or with a failure. Times are
/// seconds since the start.
/// </summary>
public sealed class DecisionBed
{
    internal static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");
    internal static readonly Guid AId = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    internal static readonly IPAddress A = IPAddress.Parse("10.0.0.3");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _wall = new(Origin);
    private readonly FakeTimeProvider _monotonic = new(Origin); // the loop's clock: a pause the VM hid moves only the wall clock
    private readonly List<ApiCallResult> _issued = new();
    private readonly List<ApiCallResult> _pending = new();
    private readonly WatchdogCore _core;
    private double? _wakeAt; // the last pass's wake time, in seconds since the start

    /// <param name="priority">This node's priority.</param>
    /// <param name="aPriority">What A advertises.</param>
    /// <param name="aHolds">A holds the Elastic IP from the start.</param>
    /// <param name="rule">Changes to the options (a preemption rule).</param>
    internal DecisionBed(byte priority, byte aPriority, bool aHolds = false, Func<WatchdogOptions, WatchdogOptions>? rule = null)
    {
        Priority = priority;
        APriority = aPriority;
        AHolds = aHolds;
        var options = new WatchdogOptions { ElasticIp = ElasticIp, InstanceId = Self, Peers = new[] { A }, Priority = priority };
        options = rule?.Invoke(options) ?? options;
        var telemetry = new WatchdogTelemetry(options, NullLogger.Instance, () => _monotonic.GetUtcNow());
        _core = new WatchdogCore(options, new UnansweredApi(), _wall, () => _monotonic.GetUtcNow(), telemetry, new VerificationWatch(), healthChecked: false,
            Record, call => _ = call());
        _core.Start(priority);
        Settle();
    }

    /// <summary>This node's priority at the next pass.</summary>
    internal byte Priority { get; set; }

    /// <summary>What A advertises; null while A is silent.</summary>
    internal byte? APriority { get; set; }

    /// <summary>
    /// When A's adverts start to come (then at each whole second): by default as the hold-off ends, so that the rows see
    /// the decisions after a whole hold-off (a node that hears every peer earlier ends its hold-off then).
    /// </summary>
    internal double AHeardFrom { get; init; } = 3.1;

    /// <summary>A signs its adverts with this node's next key (it lacks the current one: a rotation done out of order).</summary>
    internal bool ASignsWithNextKey { get; init; }

    /// <summary>How many passes told the shell to sign with the next key from then on.</summary>
    internal int NextKeySwitches { get; private set; }

    /// <summary>What the API says of this node.</summary>
    internal bool SelfHolds { get; set; }

    /// <summary>What the API says of A.</summary>
    internal bool AHolds { get; set; }

    /// <summary>Seconds since the start, on the loop's clock.</summary>
    internal double Now => (_monotonic.GetUtcNow() - Origin).TotalSeconds;

    internal DecisionPass Decisions => _core.Decisions;

    /// <summary>How the run ended (a stop's outcome); null while it runs.</summary>
    internal string? Outcome => _core.Outcome;

    /// <summary>The role hooks were last told, as the passes announced it; null before the first.</summary>
    internal string? Announced { get; private set; }

    /// <summary>SIGTERM: a stop that hands the Elastic IP over.</summary>
    internal DecisionBed Stop()
    {
        _core.Handle(new LoopInput.Stop(ReleaseElasticIp: true));
        return this;
    }

    /// <summary>
    /// Runs as the engine's shell would until just before <paramref name="seconds"/>: a pass at each whole second
    /// (the interval tick, after A's advert unless A is silent) and at each wake time the passes ask for, its calls
    /// answered by the world until a pass starts none; then the clocks move on to <paramref name="seconds"/>.
    /// </summary>
    internal DecisionBed TickTo(double seconds)
    {
        while (true)
        {
            var tick = Math.Floor(Now) + 1;
            var next = _wakeAt is { } wake && wake < tick ? wake : tick;
            if (next >= seconds) break;
            if (next <= Now) throw new InvalidOperationException($"A pass at {Now} s asked to wake at {next} s, not later.");
            Advance(next - Now);
            if (next == tick && Now >= AHeardFrom) HearA();
            Settle();
        }
        var before = Now;
        Advance(seconds - Now);
        if (before < AHeardFrom && Now >= AHeardFrom) HearA(); // A's first advert
        return this;
    }

    /// <summary>Both clocks move on (no pass).</summary>
    internal DecisionBed Advance(double seconds)
    {
        var by = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        _wall.Advance(by);
        _monotonic.Advance(by);
        return this;
    }

    /// <summary>Only the wall clock moves on: the VM was paused, the monotonic clock did not see it.</summary>
    internal DecisionBed HiddenPause(double seconds)
    {
        _wall.Advance(TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)));
        return this;
    }

    /// <summary>A's advert arrives now (nothing when A is silent).</summary>
    internal DecisionBed HearA()
    {
        if (APriority is { } priority) _core.Handle(new LoopInput.Advert(new Advertisement(priority, ElasticIp, AId), A, _monotonic.GetUtcNow(), ASignsWithNextKey));
        return this;
    }

    /// <summary>One decision pass: the commands it started ("AttachSelf, CheckPeer(10.0.0.3)") and the seconds to its wake time.</summary>
    internal (string Commands, double? WakeIn) Pass()
    {
        var before = _issued.Count;
        var step = _core.Step(Priority);
        if (step.Announcement is { } change) Announced = change.Role;
        if (step.SignWithNextKey) NextKeySwitches++;
        _wakeAt = step.WakeAt is { } at ? (at - Origin).TotalSeconds : null;
        var commands = string.Join(", ", _issued.Skip(before).Select(r => r.Command.ToString()));
        return (commands, step.WakeAt is { } due ? Math.Round((due - _monotonic.GetUtcNow()).TotalSeconds, 3) : null);
    }

    /// <summary>Answers every call in flight from the world, then passes, until a pass starts none.</summary>
    internal DecisionBed Settle()
    {
        for (var rounds = 0; ; rounds++)
        {
            if (rounds == 20) throw new InvalidOperationException($"Still calling after 20 passes: {string.Join(", ", _pending.Select(r => r.Command))}");
            while (_pending.Count > 0) Answer(_pending[0].Command.ToString());
            if (Pass().Commands.Length == 0 && _pending.Count == 0) return this;
        }
    }

    /// <summary>Answers the call in flight named <paramref name="command"/> as the world says, and changes the world as it would.</summary>
    internal DecisionBed Answer(string command)
    {
        var call = Take(command) with { Error = null, Exception = null };
        var answer = call.Command switch
        {
            ResolveElasticIp resolve => resolve.Answered(call, new ElasticIp { Id = "eip-1", Ip = ElasticIp.ToString() }),
            RefreshPeers refresh => refresh.Answered(call, PeerLookup.Static(new List<PeerIdentity> { new(A, AId) })),
            AttachSelf attach => attach.Answered(call, Change(SelfHolds, SelfHolds = true)),
            DetachSelf detach => detach.Answered(call, Change(SelfHolds, SelfHolds = false)),
            CheckSelf check => check.Answered(call, SelfHolds),
            CheckPeer check => check.Answered(call, AHolds),
            AttachForSuccessor attach => attach.Answered(call, Change(AHolds, AHolds = true)),
            DetachPeer detach => detach.Answered(call, Change(AHolds, AHolds = false)),
            ListHolders list => list.Answered(call, Holders()),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
        };
        _core.Handle(new LoopInput.CallCompleted(answer));
        return this;
    }

    /// <summary>The call in flight named <paramref name="command"/> ends without an answer (its timeout).</summary>
    internal DecisionBed Fail(string command)
    {
        _core.Handle(new LoopInput.CallCompleted(Take(command) with { Error = "no answer within 30 s", Exception = null }));
        return this;
    }

    private void Record(ApiCallResult started)
    {
        _issued.Add(started);
        _pending.Add(started);
    }

    private ApiCallResult Take(string command)
    {
        var call = _pending.FirstOrDefault(r => r.Command.ToString() == command)
            ?? throw new InvalidOperationException($"No {command} in flight; in flight: {string.Join(", ", _pending.Select(r => r.Command))}");
        _pending.Remove(call);
        return call;
    }

    private static bool Change(bool before, bool after) => before != after;

    private List<Instance> Holders()
    {
        var holders = new List<Instance>();
        if (SelfHolds) holders.Add(new Instance { Id = Self.ToString(), PublicIp = "10.0.0.2", State = PeerDirectory.Running });
        if (AHolds) holders.Add(new Instance { Id = AId.ToString(), PublicIp = A.ToString(), State = PeerDirectory.Running });
        return holders;
    }
}
