using System;
using System.Linq;
using System.Net;
using ExoIp.Peers;
using ExoIp.Preemption;
using static ExoIp.Preemption.Eligibility;
using static ExoIp.Tests.Preemption.CandidacyTests.Step;

namespace ExoIp.Tests.Preemption;

/// <summary>
/// <see cref="Candidacy"/> pass by pass: the rule (-PreemptDelay, -NoPreempt), the API's listing of holders and
/// the peer A's adverts in, the eligibility (what the node advertises) out. The hold-off is the first 3.1 s.
/// </summary>
public class CandidacyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");
    private static readonly Guid A = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    private static readonly Guid B = Guid.Parse("0000000b-0000-0000-0000-000000000000");

    [Theory]
    // delay  no-preempt  healthy  first eligibility  wants a listing
    [InlineData(0, false, true, Eligible, false)]        // no rule: its own priority from the first advert
    [InlineData(5, false, true, Deferring, true)]        // under a rule: 254 until the API says who holds it
    [InlineData(0, true, true, Deferring, true)]
    [InlineData(0, false, false, Ineligible, false)]     // health checks not passed yet: 255
    [InlineData(5, false, false, Ineligible, true)]
    public void Starts_from_its_rule_and_health(double delay, bool noPreempt, bool healthy, Eligibility first, bool wantsListing)
    {
        var candidacy = new Candidacy(Self, TimeSpan.FromSeconds(delay), noPreempt, healthy);

        Assert.Equal(first, candidacy.Current);
        Assert.Equal(wantsListing, candidacy.WantsListing);
        Assert.Null(candidacy.DelayEndsAt);
    }

    // Each row: the rule (delay in seconds, no-preempt), then steps in order, each checked as it is taken.
    public static TheoryData<string, double, bool, Step[]> Cases => new()
    {
        {
            "no rule: eligible whoever holds it, and no listing is ever wanted", 0, false, new[]
            {
                Pass(0, "alive 5", Eligible, holdingOff: true), Invalidated(), Wants(false), Pass(4, "alive 5", Eligible), DelayEnds(null),
            }
        },
        {
            "unhealthy: ineligible at once and at every pass, whatever the rule", 5, false, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Unhealthy(), Is(Ineligible), DelayEnds(null), Pass(5, "alive 5", Ineligible, healthy: false),
            }
        },
        {
            "in the hold-off, before any answer: defers (anyone may hold it)", 0, true, new[]
            {
                Pass(0, "unheard", Deferring, holdingOff: true), Wants(true),
            }
        },
        {
            "in the hold-off: defers to another holder the API lists, not heard yet", 0, true, new[]
            {
                Listed("A"), Pass(0, "unheard", Deferring, holdingOff: true), Wants(false), Pass(1, "unheard", Deferring, holdingOff: true),
            }
        },
        {
            "in the hold-off, only itself listed: eligible once a listing asked for since confirms it", 0, true, new[]
            {
                Listed("self"), Pass(0, "unheard", Deferring, holdingOff: true), Wants(true), Listed("self"), Pass(1, "unheard", Eligible, holdingOff: true), Wants(false),
            }
        },
        {
            "nobody holds it (a cluster started from scratch): eligible on the confirming listing", 5, false, new[]
            {
                Listed(), Pass(0, "unheard", Deferring, holdingOff: true), Listed(), Pass(0.5, "unheard", Eligible, holdingOff: true),
            }
        },
        {
            "after the hold-off, before any answer: a live eligible peer may hold it", 0, true, new[]
            {
                Pass(4, "alive 5", Deferring), Wants(true),
            }
        },
        {
            "no-preempt defers for good to a live, eligible holder", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Pass(3600, "alive 5", Deferring), DelayEnds(null),
            }
        },
        {
            "the holder died: a failover, eligible one listing later", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Pass(5, "dead 5", Deferring), Wants(true), Listed("A"), Pass(5.2, "dead 5", Eligible),
            }
        },
        {
            "a holder that defers itself (254) is no one to defer to", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 254", Deferring), Listed("A"), Pass(4.1, "alive 254", Eligible),
            }
        },
        {
            "an unhealthy or stopping holder (255) is no one to defer to", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 255", Deferring), Listed("A"), Pass(4.1, "alive 255", Eligible),
            }
        },
        {
            "a live peer the listing does not name is no one to defer to", 0, true, new[]
            {
                Listed("B"), Pass(4, "alive 5", Deferring), Listed("B"), Pass(4.1, "alive 5", Eligible),
            }
        },
        {
            "a preempt delay runs from the hold-off's end; at its end a fresh listing, then it takes over", 5, false, new[]
            {
                Listed("A"), Pass(3, "alive 5", Deferring, holdingOff: true), DelayEnds(null),
                Pass(4, "alive 5", Deferring), DelayEnds(9), Pass(8.9, "alive 5", Deferring), Wants(false),
                Pass(9, "alive 5", Deferring), Wants(true), DelayEnds(9), Listed("A"), Pass(9.1, "alive 5", Eligible), DelayEnds(null),
            }
        },
        {
            "an answer to a request made before an invalidation confirms nothing", 5, false, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Pass(9, "alive 5", Deferring),
                Requested(), Invalidated(), Answered("A"), Pass(9.1, "alive 5", Deferring), Wants(true),
                Listed("A"), Pass(9.2, "alive 5", Eligible),
            }
        },
        {
            "the holder back during a confirmation: it defers; gone again, the listing asked for since confirms it", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Pass(5, "dead 5", Deferring), Listed("A"), Pass(5.5, "alive 5", Deferring), Wants(false),
                Pass(9, "dead 5", Eligible),
            }
        },
        {
            "the holder back during a confirmation, then invalidated (it went down): the confirmation asks again", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Pass(5, "dead 5", Deferring), Listed("A"), Pass(5.5, "alive 5", Deferring),
                Invalidated(), Pass(9, "dead 5", Deferring), Wants(true), Listed("A"), Pass(9.1, "dead 5", Eligible),
            }
        },
        {
            "eligible, it stays so on a stale listing; a fresh one naming a live holder makes it defer", 0, true, new[]
            {
                Listed(), Pass(0, "unheard", Deferring, holdingOff: true), Listed(), Pass(1, "unheard", Eligible, holdingOff: true),
                Invalidated(), Wants(true), Pass(4, "alive 5", Eligible), Listed("A"), Pass(5, "alive 5", Deferring),
            }
        },
        {
            "the holder itself: eligible, once a fresh listing confirms it", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring, holds: true), Wants(true), Listed("self", "A"), Pass(4.1, "alive 5", Eligible, holds: true),
            }
        },
        {
            "a rule set by a reload: a fresh listing wanted, the delay counted from the reload", 0, false, new[]
            {
                Pass(4, "alive 5", Eligible), Rule(5, false), Wants(true), Is(Eligible), Pass(5, "alive 5", Deferring), DelayEnds(10),
                Listed("A"), Pass(10, "alive 5", Deferring), Listed("A"), Pass(10.1, "alive 5", Eligible),
            }
        },
        {
            "the same rule again changes nothing", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Wants(false), Rule(0, true), Wants(false), Pass(5, "alive 5", Deferring),
            }
        },
        {
            "a rule removed by a reload: eligible at the next pass, no listing wanted", 0, true, new[]
            {
                Listed("A"), Pass(4, "alive 5", Deferring), Rule(0, false), Wants(false), Pass(5, "alive 5", Eligible),
            }
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_each_pass(string name, double delay, bool noPreempt, Step[] steps)
    {
        var candidacy = new Candidacy(Self, TimeSpan.FromSeconds(delay), noPreempt, healthy: true);
        for (var i = 0; i < steps.Length; i++) steps[i].Take(candidacy, $"{name}: step {i + 1}, {steps[i]}");
    }

    /// <summary>One step of a row: an input to the candidacy, or a check of what it says.</summary>
    public abstract record Step
    {
        internal abstract void Take(Candidacy candidacy, string where);

        /// <summary>A pass at T0 + <paramref name="at"/> s; <paramref name="a"/> is peer A: "unheard", "alive 5", "dead 5" (its last priority).</summary>
        public static Step Pass(double at, string a, Eligibility expected, bool holdingOff = false, bool healthy = true, bool holds = false) =>
            new Passed(at, a, expected, holdingOff, healthy, holds);

        /// <summary>A listing asked for, then answered with these holders ("self", "A", "B").</summary>
        public static Step Listed(params string[] holders) => new Listing(true, holders);

        /// <summary>An answer with no request since the last invalidation.</summary>
        public static Step Answered(params string[] holders) => new Listing(false, holders);

        public static Step Requested() => new Input(c => c.ListingRequested(), "requested");

        public static Step Invalidated() => new Input(c => c.Invalidate(), "invalidated");

        public static Step Unhealthy() => new Input(c => c.Ineligible(), "unhealthy");

        public static Step Rule(double delay, bool noPreempt) => new Input(c => c.UseRule(TimeSpan.FromSeconds(delay), noPreempt), $"rule {delay} s, no-preempt {noPreempt}");

        public static Step Wants(bool listing) => new Check(c => c.WantsListing == listing, $"wants a listing: {listing}");

        public static Step Is(Eligibility expected) => new Check(c => c.Current == expected, $"is {expected}");

        public static Step DelayEnds(double? at) => new Check(c => c.DelayEndsAt == (at is { } s ? T0.AddSeconds(s) : null), $"delay ends at {at?.ToString() ?? "none"}");
    }

    private sealed record Passed(double At, string A, Eligibility Expected, bool HoldingOff, bool Healthy, bool Holds) : Step
    {
        internal override void Take(Candidacy candidacy, string where)
        {
            var now = T0.AddSeconds(At);
            var seen = candidacy.Evaluate(now, Healthy, HoldingOff, Holds, new[] { PeerA(now) });
            Assert.True(Expected == seen, $"{where}: was {seen}");
            Assert.Equal(seen, candidacy.Current);
        }

        private Peer PeerA(DateTimeOffset now)
        {
            var peer = new Peer(IPAddress.Parse("10.0.0.3"), CandidacyTests.A);
            var words = A.Split(' ');
            if (words[0] == "unheard") return peer;
            peer.RecordAdvertisement(CandidacyTests.A, byte.Parse(words[1]), now);
            peer.IsAlive = words[0] switch
            {
                "alive" => true,
                "dead" => false,
                _ => throw new ArgumentOutOfRangeException(nameof(A), A, "Unknown peer condition."),
            };
            return peer;
        }
    }

    private sealed record Listing(bool AskedFor, string[] Holders) : Step
    {
        internal override void Take(Candidacy candidacy, string where)
        {
            if (AskedFor) candidacy.ListingRequested();
            candidacy.Record(Holders.Select(h => h switch
            {
                "self" => Self,
                "A" => CandidacyTests.A,
                "B" => B,
                _ => throw new ArgumentOutOfRangeException(nameof(Holders), h, "Unknown instance."),
            }));
        }

        public override string ToString() => $"{(AskedFor ? "listed" : "answered late")} [{string.Join(", ", Holders)}]";
    }

    private sealed record Input(Action<Candidacy> Act, string Name) : Step
    {
        internal override void Take(Candidacy candidacy, string where) => Act(candidacy);

        public override string ToString() => Name;
    }

    private sealed record Check(Func<Candidacy, bool> Holds, string Name) : Step
    {
        internal override void Take(Candidacy candidacy, string where) =>
            Assert.True(Holds(candidacy), $"{where}: was {candidacy.Current}, wants a listing {candidacy.WantsListing}, delay ends {candidacy.DelayEndsAt:HH:mm:ss.f}");

        public override string ToString() => Name;
    }
}
