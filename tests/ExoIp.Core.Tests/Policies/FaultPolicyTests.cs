using System;
using ExoIp.Election;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Policies;
using static ExoIp.Tests.Policies.PolicyTable;

namespace ExoIp.Tests.Policies;

/// <summary>An unhealthy node (role Fault): hands over to a healthy node, keeps the Elastic IP when none is, never attaches.</summary>
public class FaultPolicyTests
{
    // A live peer advertising this priority (255: unhealthy or stopping).
    private static Peer Advertising(byte priority)
    {
        var peer = Peer("alive-unknown");
        peer.RecordAdvertisement(peer.InstanceId!.Value, priority, Now - TimeSpan.FromMilliseconds(500));
        return peer;
    }

    // belief     peer: "healthy" (priority 5 beats 255), "unhealthy" (255, wins the tie-break), "none"
    [Theory]
    [InlineData("holding", "healthy", "CheckPeer(10.0.0.3), CheckSelf", false)] // hand over, make-before-break: watch the successor and itself
    [InlineData("not", "healthy", "", false)]                         // nothing to hand over
    [InlineData("holding", "unhealthy", "", true)]                    // no healthy node: keep it, and say so
    [InlineData("holding", "none", "", true)]                         // alone: keep it
    [InlineData("not", "unhealthy", "", false)]                       // never take it
    [InlineData("not", "none", "", false)]                            // never take it, even alone
    [InlineData("unknown", "none", "CheckSelf", false)]               // find out first
    public void Decides(string belief, string peer, string expected, bool keeps)
    {
        var other = peer == "none" ? null : Advertising(peer == "healthy" ? (byte)5 : (byte)255);
        var view = View(other is null ? Array.Empty<Peer>() : new[] { other });
        var context = Context(view, other);

        var decision = FaultPolicy.Decide(Belief(belief), context);

        Assert.Equal((expected, keeps), (Names(decision), decision.Keeps));
        Assert.DoesNotContain(decision.Commands, c => c is ExoIp.Execution.Commands.AttachSelf);
        Assert.Equal(belief == "holding" && peer == "healthy", decision.State.Handover is not null);
    }
}
