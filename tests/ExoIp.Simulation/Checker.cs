using System;
using System.Collections.Generic;
using System.Numerics;
using ExoIp.Election;

namespace ExoIp.Simulation;

/// <summary>
/// Evaluates the invariants I1a–I6 of failover-contract.md over one run's record. Its exact readings:
/// <list type="bullet">
/// <item>I1a: while some node is eligible and no eligible node holds, the clock runs from the instant the last
/// eligible holder was lost (restarted whenever another node loses eligibility meanwhile); the gap must end by
/// max(clock + D, every eligible node's eligible_since + H) + ε + A: a node that has just come back has its
/// hold-off to wait, and the others rightly defer to it when it is better. While a one-call API mishap (a hung
/// PUT, a lost answer, a late apply, a 404 poll) is in effect within that span, the deadline moves on by
/// ApiTimeout + A: the caller learns nothing before its timeout, and then checks and tries again.</item>
/// <item>Eligibility is the contract's (see NodeSlot.ComputeEligible); a node taken out of its group or pool is out of it
/// "as the API lists it": from the first listing of the members read after its removal, since no watchdog can know
/// sooner (a watchdog lists its group at its peer refresh).</item>
/// <item>A is the action time the API's configured latency gives; while an injected slowdown (ApiSlow, every leg and
/// operation k times longer) is in effect within a stretch, A there is k times as long, for every bound below.</item>
/// <item>I1b: a gap that began because an eligible holder was detached while it stayed eligible lasts at most 0.1 s.
/// Not when a holder left by that detach (the successor of a handover) lost its eligibility less than D + ε + A before
/// it: the releasing node could not know (a death shows a dead time later, and the detach left up to an action and an
/// interval before it landed). That holder stopped being eligible, and I1a holds with its clock from that instant.</item>
/// <item>I2: two or more nodes holding at once at most 2A + ε; the stray instance is detached within Rc + A of
/// being attached by hand. An operation that applies late (LateApply, the parameter seconds after its answer) within
/// the stretch lengthens that action by as much: the bound is 2A + that lateness + ε. The fault's effect outlasts its
/// window by that lateness and an action: an operation it took just before its end applies then.</item>
/// <item>I3: th = the last fault's end (a permanent kill or stop counts at its start; a permanent network or API
/// fault means nothing heals and I3 is not checked), the stray's allowance, or the last change of eligibility,
/// whichever is latest. If th + H + 3A + ε falls before the end, the holders must then be exactly the best
/// eligible node (lowest priority, then the lower identity as RFC 4122 bytes) and must not change after it;
/// with no eligible node, they must not change.</item>
/// <item>I4: during a partition, a cut-off or refusing API, a 403 or a removal from the group, after its first
/// D + ε + 2A, at most one attach by a node while it lasts, plus one for each start and each end of another fault
/// in that window (each may legitimately move the Elastic IP: a holder turning unhealthy, then healthy again).</item>
/// <item>I5: while a node's process runs, "announced Master and not holding" and "holding and announced Backup"
/// each last at most A + ε (a pause ends the stretch; it starts again at the resume). While the API refuses every call
/// of that node (cut off from it, 5xx, 429: aimed at it or at every node), what it reports is its last word, which no
/// look can correct: the contract keeps only I2, I4 and I6 when the API refuses every call, and a node whose own calls
/// are all refused is in that case as far as it can tell. The stretch starts again when the refusal ends: for a 429, its
/// Retry-After later; for a cut-off whose calls hang, an API timeout later (its calls end only then). An operation
/// that applies late lengthens A by its lateness, as for I2: the node was answered that its attach was done.</item>
/// <item>I6: a node's belief epoch moves when its role changes, its process pauses or restarts. (a) An attach or
/// detach whose PUT left under another epoch than the call was made under, and that changed the holders, is a
/// violation: the node acted on a dropped belief without checking again (cancelling the call is the fix).
/// (b) One whose PUT left under the call's epoch but applied after the epoch moved must be followed by a check
/// of the holders answered to that node within A + ε of the apply, unless its process stopped running in that
/// window. (c) A node running with another key that says it is in Fault sends no PUT at all.</item>
/// </list>
/// </summary>
public static class Checker
{
    /// <summary>I1b's bound: 0.1 s.</summary>
    public static readonly long PlannedGapBound = TimeSpan.FromMilliseconds(100).Ticks;

    private static readonly FaultKind[] Lasting =
    [
        FaultKind.Partition, FaultKind.OneWayPartition, FaultKind.Isolate, FaultKind.ApiCutOff, FaultKind.Api5xx,
        FaultKind.Api429, FaultKind.AttachForbidden, FaultKind.LeaveGroup, FaultKind.OtherKey,
    ];

    /// <summary>Checks every invariant over <paramref name="record"/>.</summary>
    public static CheckReport Check(RunRecord record)
    {
        var report = new CheckReport();
        new Sweep(record, report).Run();
        CheckStray(record, report);
        CheckSettling(record, report);
        CheckLastingFaults(record, report);
        CheckMutations(record, report);
        return report;
    }

    private static Bounds BoundsOf(RunParameters p) => new(p.DeadTime.Ticks, p.Epsilon.Ticks, p.Action.Ticks, p.HoldOff.Ticks, p.ReconcileInterval.Ticks);

    private readonly record struct Bounds(long D, long Epsilon, long A, long H, long Rc);

    /// <summary>I1a, I1b, I2 (between nodes) and I5: one pass over every change in time order.</summary>
    private sealed class Sweep
    {
        private readonly RunRecord _record;
        private readonly CheckReport _report;
        private readonly Bounds _b;
        private readonly int _nodes;
        private readonly ulong _nodeMask;
        private readonly bool[] _eligible;
        private readonly long[] _eligibleSince;
        private readonly long[] _ineligibleSince;
        private readonly bool[] _running;
        private readonly string?[] _announced;
        private readonly long[] _masterNotHolding;
        private readonly long[] _backupHolding;
        private ulong _holders;
        private bool _inGap;
        private bool _plannedGap;
        private bool _gapReported;
        private long _gapStart;
        private long _gapClock;
        private long _overlapStart = -1;
        private bool _overlapReported;

        public Sweep(RunRecord record, CheckReport report)
        {
            _record = record;
            _report = report;
            _b = BoundsOf(record.Parameters);
            _nodes = record.NodeCount;
            _nodeMask = _nodes >= 64 ? ulong.MaxValue : (1UL << _nodes) - 1;
            _eligible = new bool[_nodes];
            _eligibleSince = new long[_nodes];
            _ineligibleSince = new long[_nodes];
            _running = new bool[_nodes];
            _announced = new string?[_nodes];
            _masterNotHolding = new long[_nodes];
            _backupHolding = new long[_nodes];
            Array.Fill(_masterNotHolding, -1L);
            Array.Fill(_backupHolding, -1L);
        }

        public void Run()
        {
            var holders = _record.Holders;
            var eligibility = _record.Eligibility;
            var running = _record.Running;
            var observations = _record.Observations;
            int h = 0, e = 0, r = 0, o = 0;
            while (true)
            {
                var t = Math.Min(Math.Min(At(holders, h), At(eligibility, e)), Math.Min(At(running, r), At(observations, o)));
                if (t == long.MaxValue || t > _record.End) break;
                var before = _holders;
                var lostEligibility = false;
                for (; h < holders.Count && holders[h].At == t; h++) _holders = holders[h].Holders;
                for (; e < eligibility.Count && eligibility[e].At == t; e++)
                {
                    var change = eligibility[e];
                    if (_eligible[change.Node] && !change.Value) lostEligibility = true;
                    if (!_eligible[change.Node] && change.Value) _eligibleSince[change.Node] = t;
                    if (_eligible[change.Node] && !change.Value) _ineligibleSince[change.Node] = t;
                    _eligible[change.Node] = change.Value;
                }
                for (; r < running.Count && running[r].At == t; r++) _running[running[r].Node] = running[r].Value;
                for (; o < observations.Count && observations[o].At == t; o++)
                    _announced[observations[o].Node] = observations[o].Observation.AnnouncedRole;
                var next = Math.Min(Math.Min(At(holders, h), At(eligibility, e)), Math.Min(At(running, r), At(observations, o)));
                if (next > _record.End) next = _record.End;
                Evaluate(t, next, before, lostEligibility);
            }
        }

        private static long At(List<HolderChange> list, int i) => i < list.Count ? list[i].At : long.MaxValue;

        private static long At(List<StateChange> list, int i) => i < list.Count ? list[i].At : long.MaxValue;

        private static long At(List<ObservationChange> list, int i) => i < list.Count ? list[i].At : long.MaxValue;

        private bool Holds(int node) => (_holders & (1UL << node)) != 0;

        // The state now holds on [t, next).
        private void Evaluate(long t, long next, ulong before, bool lostEligibility)
        {
            EvaluateGap(t, next, before, lostEligibility);
            EvaluateOverlap(t, next);
            for (var i = 0; i < _nodes; i++) EvaluateAnnouncement(i, t, next);
        }

        private void EvaluateGap(long t, long next, ulong before, bool lostEligibility)
        {
            var anyEligible = false;
            var eligibleHolder = false;
            for (var i = 0; i < _nodes; i++)
            {
                anyEligible |= _eligible[i];
                eligibleHolder |= _eligible[i] && Holds(i);
            }
            if (!anyEligible || eligibleHolder)
            {
                _inGap = false;
                return;
            }
            if (!_inGap)
            {
                _inGap = true;
                _gapReported = false;
                _gapStart = _gapClock = t;
                var removed = before & ~_holders & _nodeMask;
                _plannedGap = false;
                for (var i = 0; i < _nodes; i++) _plannedGap |= (removed & (1UL << i)) != 0 && _eligible[i];
                // Released to a holder that failed too recently for the releasing node to know (its death shows only a dead
                // time later, and the release left an action before it landed): the holder stopped being eligible, I1a's case.
                if (_plannedGap && LastFailedHolder(t) is { } failed)
                {
                    _plannedGap = false;
                    _gapClock = failed;
                }
            }
            else if (lostEligibility)
            {
                _gapClock = t;
            }
            if (_plannedGap)
            {
                _report.Measure(Invariant.I1b, next - _gapStart, PlannedGapBound);
                if (next - _gapStart > PlannedGapBound && !_gapReported)
                {
                    _gapReported = true;
                    _report.Fail(Invariant.I1b, _gapStart + PlannedGapBound,
                        $"no eligible holder since {Ticks.Text(_gapStart)}, when an eligible holder was detached (bound 0.1 s){RemainingHolders()}");
                }
                return;
            }
            var ready = _gapClock + _b.D;
            for (var i = 0; i < _nodes; i++)
                if (_eligible[i]) ready = Math.Max(ready, _eligibleSince[i] + _b.H);
            var deadline = ready + _b.Epsilon + ActionWithin(_gapClock, ready + _b.Epsilon + _b.A);
            if (MishapWithin(_gapClock, deadline)) deadline += _record.Parameters.ApiTimeout.Ticks + _b.A;
            _report.Measure(Invariant.I1a, next - _gapClock, deadline - _gapClock);
            if (next > deadline && !_gapReported)
            {
                _gapReported = true;
                _report.Fail(Invariant.I1a, deadline,
                    $"no eligible holder since {Ticks.Text(_gapStart)} (clock from {Ticks.Text(_gapClock)}), deadline {Ticks.Text(deadline)}");
            }
        }

        // When the latest of the holders left lost its eligibility, if that was within D + ε + A before `at`; else null.
        private long? LastFailedHolder(long at)
        {
            long? failed = null;
            for (var i = 0; i < _nodes; i++)
                if (Holds(i) && _ineligibleSince[i] > at - _b.D - _b.Epsilon - _b.A && (failed is null || _ineligibleSince[i] > failed))
                    failed = _ineligibleSince[i];
            return failed;
        }

        // For a report: the holders left when the gap began, and when each lost its eligibility (a successor that failed
        // less than a dead time before the release could not be known to have).
        private string RemainingHolders()
        {
            var parts = new List<string>();
            for (var i = 0; i < _nodes; i++)
                if (Holds(i)) parts.Add($"node {i} ineligible since {Ticks.Text(_ineligibleSince[i])}");
            return parts.Count == 0 ? "; nobody left holding" : "; left holding: " + string.Join(", ", parts);
        }

        // A while the API is as slow as the faults in effect between from and to make it (the slowest of them).
        private long ActionWithin(long from, long to) => (long)(_b.A * Math.Max(1.0, LargestWithin(FaultKind.ApiSlow, from, to)));

        // How much later than its answer an operation in effect within the span applied (LateApply): a releasing node's
        // detach answered, its effect still to come, and the API shows it holding beside its successor that long more.
        // Nothing a watchdog does shortens it; it only learns of it by looking.
        // An operation taken by the fault up to its end applies its lateness and an action after it: the effect outlasts the window.
        private long LateApplyWithin(long from, long to)
        {
            var largest = 0L;
            foreach (var applied in _record.Faults)
            {
                if (applied.Fault.Kind != FaultKind.LateApply) continue;
                var lateness = TimeSpan.FromSeconds(applied.Fault.Parameter).Ticks;
                var effectEnd = applied.End == long.MaxValue ? long.MaxValue : applied.End + lateness + _b.A;
                if (applied.Start <= to && effectEnd >= from) largest = Math.Max(largest, lateness);
            }
            return largest;
        }

        // The largest parameter of the faults of a kind in effect between from and to; 0 when none is.
        private double LargestWithin(FaultKind kind, long from, long to)
        {
            var largest = 0.0;
            foreach (var applied in _record.Faults)
                if (applied.Fault.Kind == kind && applied.Start <= to && applied.End >= from) largest = Math.Max(largest, applied.Fault.Parameter);
            return largest;
        }

        // The end of the last spell within [from, to] in which the API refused every call of the node (cut off from it, or
        // answering 5xx or 429): what it reports then is its last word, which the contract does not bound; null if none.
        private long? RefusedUntil(int node, long from, long to)
        {
            long? until = null;
            foreach (var applied in _record.Faults)
                if (applied.Fault.Kind is FaultKind.ApiCutOff or FaultKind.Api5xx or FaultKind.Api429 &&
                    (applied.Target == node || applied.Target == Fault.EveryNode) && applied.Start <= to && applied.End >= from)
                    until = Math.Max(until ?? long.MinValue, RefusalEnd(applied));
            return until;
        }

        // When a refusal stops keeping the node from an answer: a 429 refuses calls for its Retry-After (the parameter,
        // seconds) past the fault's end, since a client may not call sooner; a cut-off whose calls hang (parameter 0) holds
        // each call made during it until the API timeout, since no client tells a hung call from a slow one sooner.
        private long RefusalEnd(AppliedFault applied) => applied.End == long.MaxValue ? applied.End : applied.Fault.Kind switch
        {
            FaultKind.Api429 => applied.End + TimeSpan.FromSeconds(applied.Fault.Parameter).Ticks,
            FaultKind.ApiCutOff when applied.Fault.Parameter == 0 => applied.End + _record.Parameters.ApiTimeout.Ticks,
            _ => applied.End,
        };

        private bool MishapWithin(long from, long to)
        {
            foreach (var applied in _record.Faults)
                if (applied.Fault.Kind is FaultKind.PutHang or FaultKind.LostAnswer or FaultKind.LateApply or FaultKind.Operation404 &&
                    applied.Start <= to && applied.End >= from) return true;
            return false;
        }

        private void EvaluateOverlap(long t, long next)
        {
            if (BitOperations.PopCount(_holders & _nodeMask) < 2)
            {
                _overlapStart = -1;
                return;
            }
            if (_overlapStart < 0)
            {
                _overlapStart = t;
                _overlapReported = false;
            }
            var bound = 2 * ActionWithin(_overlapStart - _b.A, next) + LateApplyWithin(_overlapStart - _b.A, next) + _b.Epsilon;
            _report.Measure(Invariant.I2, next - _overlapStart, bound);
            if (next - _overlapStart > bound && !_overlapReported)
            {
                _overlapReported = true;
                _report.Fail(Invariant.I2, _overlapStart + bound, $"{BitOperations.PopCount(_holders & _nodeMask)} nodes hold since {Ticks.Text(_overlapStart)} (bound 2A + ε)");
            }
        }

        private void EvaluateAnnouncement(int node, long t, long next)
        {
            Stretch(node, ref _masterNotHolding[node], _running[node] && _announced[node] == "Master" && !Holds(node), t, next,
                $"node {node} announced Master without holding the Elastic IP");
            Stretch(node, ref _backupHolding[node], _running[node] && _announced[node] == "Backup" && Holds(node), t, next,
                $"node {node} holds the Elastic IP but is announced Backup");
        }

        // A stretch of a condition: its start (-1 while false, -2 once reported) and its measure.
        private void Stretch(int node, ref long start, bool holds, long t, long next, string what)
        {
            if (!holds)
            {
                start = -1;
                return;
            }
            if (start == -1) start = t;
            if (start < 0) return;
            if (RefusedUntil(node, start, next) is { } refused)
            {
                if (refused >= next) return;
                start = Math.Max(start, refused);
            }
            var bound = ActionWithin(start - _b.A, next) + LateApplyWithin(start - _b.A, next) + _b.Epsilon;
            _report.Measure(Invariant.I5, next - start, bound);
            if (next - start > bound)
            {
                _report.Fail(Invariant.I5, start + bound, $"{what} since {Ticks.Text(start)} (bound A + ε)");
                start = -2;
            }
        }
    }

    private static void CheckStray(RunRecord record, CheckReport report)
    {
        var b = BoundsOf(record.Parameters);
        var bound = b.Rc + b.A;
        var stray = record.StrayIndex;
        long attachedAt = -1;
        foreach (var change in record.Holders)
        {
            if (change.Instance != stray) continue;
            if (change.Attached) attachedAt = change.At;
            else if (attachedAt >= 0)
            {
                report.Measure(Invariant.I2, change.At - attachedAt, bound);
                if (change.At - attachedAt > bound)
                    report.Fail(Invariant.I2, attachedAt + bound, $"the stray holder attached by hand at {Ticks.Text(attachedAt)} was detached only at {Ticks.Text(change.At)} (bound Rc + A)");
                attachedAt = -1;
            }
        }
        if (attachedAt >= 0)
        {
            report.Measure(Invariant.I2, record.End - attachedAt, bound);
            if (record.End - attachedAt > bound)
                report.Fail(Invariant.I2, attachedAt + bound, $"the stray holder attached by hand at {Ticks.Text(attachedAt)} was never detached (bound Rc + A)");
        }
    }

    // When the last fault healed (th), or -1 when a lasting fault never heals.
    private static long HealedAt(RunRecord record)
    {
        var b = BoundsOf(record.Parameters);
        long healed = 0;
        foreach (var applied in record.Faults)
        {
            var kind = applied.Fault.Kind;
            if (applied.End == long.MaxValue)
            {
                if (kind is not (FaultKind.Kill or FaultKind.Stop)) return -1;
                healed = Math.Max(healed, applied.Start);
            }
            else
            {
                healed = Math.Max(healed, kind == FaultKind.StrayHolder ? applied.Start + b.Rc + b.A : applied.End);
            }
        }
        foreach (var change in record.Eligibility) healed = Math.Max(healed, change.At);
        return healed;
    }

    private static void CheckSettling(RunRecord record, CheckReport report)
    {
        var b = BoundsOf(record.Parameters);
        var healed = HealedAt(record);
        if (healed < 0) return;
        var bound = b.H + 3 * b.A + b.Epsilon;
        var deadline = healed + bound;
        if (deadline >= record.End) return;

        var eligible = new bool[record.NodeCount];
        foreach (var change in record.Eligibility) eligible[change.Node] = change.Value;
        var best = -1;
        for (var i = 0; i < record.NodeCount; i++)
        {
            if (!eligible[i]) continue;
            if (best < 0 || new ElectionCandidate(record.InstanceIds[i], record.FinalPriorities[i]).Beats(new ElectionCandidate(record.InstanceIds[best], record.FinalPriorities[best])))
                best = i;
        }

        ulong holdersAtDeadline = 0;
        long lastChange = 0;
        var movesAfter = 0;
        foreach (var change in record.Holders)
        {
            if (change.At <= deadline) holdersAtDeadline = change.Holders;
            else movesAfter++;
            lastChange = change.At;
        }
        if (best >= 0 && holdersAtDeadline != 1UL << best)
            report.Fail(Invariant.I3, deadline,
                $"healed at {Ticks.Text(healed)}; by {Ticks.Text(deadline)} the holders are {HolderText(holdersAtDeadline)}, not node {best} alone");
        else if (movesAfter > 0)
            report.Fail(Invariant.I3, deadline, $"healed at {Ticks.Text(healed)}; {movesAfter} holder changes after {Ticks.Text(deadline)}, the last at {Ticks.Text(lastChange)}");
        report.Measure(Invariant.I3, Math.Max(0, lastChange - healed), bound);
    }

    private static void CheckLastingFaults(RunRecord record, CheckReport report)
    {
        var b = BoundsOf(record.Parameters);
        var grace = b.D + b.Epsilon + 2 * b.A;
        foreach (var applied in record.Faults)
        {
            if (Array.IndexOf(Lasting, applied.Fault.Kind) < 0) continue;
            var from = applied.Start + grace;
            var to = Math.Min(applied.End, record.End);
            if (to <= from) continue;
            var allowance = 1;
            foreach (var other in record.Faults)
            {
                if (ReferenceEquals(other, applied)) continue;
                // Its start and its end may each move the address (a holder turning unhealthy, then healthy again).
                if (other.Start > from - grace && other.Start <= to) allowance++;
                if (other.End > from - grace && other.End <= to) allowance++;
            }
            var moves = 0;
            foreach (var change in record.Holders)
                if (change.Attached && change.Instance < record.NodeCount && change.At > from && change.At <= to) moves++;
            report.Measure(Invariant.I4, moves, allowance);
            if (moves > allowance)
                report.Fail(Invariant.I4, to, $"{moves} attaches during {applied.Fault.Kind} of {Fault.TargetText(applied.Target)} between {Ticks.Text(from)} and {Ticks.Text(to)} (allowed {allowance})");
        }
    }

    private static void CheckMutations(RunRecord record, CheckReport report)
    {
        var b = BoundsOf(record.Parameters);
        var window = b.A + b.Epsilon;
        foreach (var mutation in record.Mutations)
        {
            if (mutation.IssuedInKeyFault && mutation.PutSentAt >= 0)
            {
                report.Measure(Invariant.I6, 1, 0);
                report.Fail(Invariant.I6, mutation.PutSentAt, "a node in Fault for a key mismatch sent a PUT: " + mutation);
                continue;
            }
            if (!mutation.Changed) continue;
            if (mutation.PutEpoch != mutation.IssueEpoch)
            {
                report.Measure(Invariant.I6, 1, 0);
                report.Fail(Invariant.I6, mutation.PutSentAt, "a PUT left after the belief it was started under was dropped: " + mutation);
                continue;
            }
            if (mutation.ApplyEpoch == mutation.PutEpoch) continue;
            var until = mutation.AppliedAt + window;
            if (until > record.End || !RunsThroughout(record, mutation.Node, mutation.AppliedAt, until)) continue;
            if (HasCheck(record.Checks[mutation.Node], mutation.AppliedAt, until)) continue;
            report.Measure(Invariant.I6, 1, 0);
            report.Fail(Invariant.I6, until, "applied after its belief was dropped and not checked again within A + ε: " + mutation);
        }
    }

    private static bool HasCheck(List<long> checks, long from, long to)
    {
        var index = checks.BinarySearch(from);
        if (index < 0) index = ~index;
        return index < checks.Count && checks[index] <= to;
    }

    private static bool RunsThroughout(RunRecord record, int node, long from, long to)
    {
        var running = false;
        foreach (var change in record.Running)
        {
            if (change.Node != node) continue;
            if (change.At <= from) running = change.Value;
            else if (change.At <= to && !change.Value) return false;
        }
        return running;
    }

    /// <summary>"{0, 2}" or "nobody"; the stray shows as "stray".</summary>
    public static string HolderText(ulong holders, int strayIndex = -1)
    {
        if (holders == 0) return "nobody";
        var parts = new List<string>();
        for (var i = 0; i < 64; i++)
            if ((holders & (1UL << i)) != 0) parts.Add(i == strayIndex ? "stray" : "node " + i);
        return "{" + string.Join(", ", parts) + "}";
    }
}
