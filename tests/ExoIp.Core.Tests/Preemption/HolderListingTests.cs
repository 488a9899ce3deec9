using System;
using System.Linq;
using ExoIp.Preemption;

namespace ExoIp.Tests.Preemption;

public class HolderListingTests
{
    private static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");
    private static readonly Guid A = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    private static readonly Guid B = Guid.Parse("0000000b-0000-0000-0000-000000000000");

    // What the listing says after the steps: stale, answered, held by an instance other than this node, A may
    // hold it, B may hold it, an instance not known (null) may hold it.
    public static TheoryData<string, string, (bool Stale, bool Answered, bool Other, bool A, bool B, bool Unknown)> Cases => new()
    {
        { "never answered: stale, and anyone may hold it", "", (true, false, true, true, true, true) },
        { "asked, then answered: fresh", "request; answer A", (false, true, true, true, false, false) },
        { "an answer nobody asked for is kept, but not fresh", "answer A", (true, true, true, true, false, false) },
        { "asked before the invalidation: the answer is kept, but stale", "request; invalidate; answer B", (true, true, true, false, true, false) },
        { "invalidated after a fresh answer: stale, the holders kept", "request; answer A; invalidate", (true, true, true, true, false, false) },
        { "asked again after the invalidation: fresh again", "request; answer A; invalidate; request; answer", (false, true, false, false, false, false) },
        { "only this node listed: no other holds it", "request; answer self", (false, true, false, false, false, false) },
        { "this node and a peer listed: another holds it", "request; answer self A", (false, true, true, true, false, false) },
        { "nobody listed: no one may hold it, not even an unknown instance", "request; answer", (false, true, false, false, false, false) },
        { "the latest answer replaces the one before", "request; answer A; answer B", (false, true, true, false, true, false) },
        { "more answers to one request stay fresh until invalidated", "request; answer A; answer A; invalidate; answer A", (true, true, true, true, false, false) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Says_who_may_hold_the_elastic_ip_and_whether_to_ask_again(string name, string steps,
        (bool Stale, bool Answered, bool Other, bool A, bool B, bool Unknown) expected)
    {
        var listing = new HolderListing();
        foreach (var step in steps.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = step.Split(' ');
            switch (words[0])
            {
                case "request": listing.Requested(); break;
                case "invalidate": listing.Invalidate(); break;
                case "answer": listing.Record(words.Skip(1).Select(Instance)); break;
                default: throw new ArgumentOutOfRangeException(nameof(steps), step, "Unknown step.");
            }
        }

        var seen = (listing.Stale, listing.Answered, listing.HeldByOtherThan(Self), listing.MayHold(A), listing.MayHold(B), listing.MayHold(null));
        Assert.True(expected == seen, $"{name}: expected {expected}, was {seen}");
    }

    private static Guid Instance(string name) => name switch
    {
        "self" => Self,
        "A" => A,
        "B" => B,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown instance."),
    };
}
