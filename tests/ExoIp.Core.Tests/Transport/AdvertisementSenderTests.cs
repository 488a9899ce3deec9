using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Authentication;
using ExoIp.Protocol;
using ExoIp.Transport;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Transport;

public class AdvertisementSenderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Guid Identity = Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly IPAddress[] Peers = { IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3") };

    /// <summary>Records what is sent, and on which thread.</summary>
    private sealed class RecordingTransport : IAdvertisementTransport
    {
        public ConcurrentQueue<(IPAddress To, byte[] Datagram, bool OnPool)> Sent { get; } = new();

        public Task SendAsync(IPAddress destination, byte[] datagram)
        {
            Sent.Enqueue((destination, datagram, Thread.CurrentThread.IsThreadPoolThread));
            return Task.CompletedTask;
        }

        public Task<ReceivedDatagram?> ReceiveAsync() => Task.FromResult<ReceivedDatagram?>(null);

        public void Dispose() { }
    }

    private static AdvertisementPlan Plan(byte priority) => new(new Advertisement(priority, ElasticIp, Identity), Peers);

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            Thread.Sleep(5);
        }
    }

    // Sent, and the thread waiting on the clock for the next round: only then may the test move the clock. Moved
    // between the thread's reading of the clock and the creation of its timer, the clock would leave that timer
    // due an interval after the new time, and the next round would never come.
    private static void WaitForRoundSent(AdvertisementSender sender, int round) =>
        WaitFor(() => sender.Rounds == round && !sender.RoundPending, $"round {round} sent and the next one waited for");

    // The next round comes when <paramref name="due"/> has passed on the clock since the last, not a millisecond before
    // (real time passes meanwhile; the simulated time does not).
    private static void AssertNextRoundIn(AdvertisementSender sender, FakeTimeProvider clock, TimeSpan due)
    {
        var round = (int)sender.Rounds;
        clock.Advance(due - TimeSpan.FromMilliseconds(1));
        Thread.Sleep(200);
        Assert.Equal(round, sender.Rounds);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        WaitForRoundSent(sender, round + 1);
    }

    [Fact]
    public void Sends_a_round_at_once_then_one_per_interval_of_its_clock_from_its_own_thread()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport();
        var outcomes = new ConcurrentQueue<Exception?>();
        using var sender = new AdvertisementSender(transport, Interval, clock, null, (_, error) => outcomes.Enqueue(error), "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitForRoundSent(sender, 1);
        Assert.Equal(Peers, transport.Sent.Select(s => s.To));

        for (var round = 2; round <= 4; round++)
        {
            clock.Advance(Interval);
            WaitForRoundSent(sender, round);
        }
        Assert.Equal(8, transport.Sent.Count);
        Assert.All(transport.Sent, s => Assert.False(s.OnPool, "adverts must not wait for the thread pool"));
        Assert.All(transport.Sent, s => Assert.Equal(new Advertisement(10, ElasticIp, Identity).Encode(), s.Datagram));
        Assert.Equal(8, outcomes.Count);
        Assert.All(outcomes, Assert.Null);
    }

    [Fact]
    public void A_round_is_pending_from_the_moment_its_interval_ends_until_it_is_sent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport();
        using var sender = new AdvertisementSender(transport, Interval, clock, null, (_, _) => { }, "test sender");
        sender.Publish(Plan(10));
        Assert.True(sender.RoundPending, "the first round is due before the thread runs");
        sender.Start();
        WaitFor(() => !sender.RoundPending, "the first round sent and the thread waiting");
        Assert.Equal(1, sender.Rounds);

        clock.Advance(Interval);
        // The simulated clock's timer fires inside Advance: the round is pending before the thread has run.
        Assert.True(sender.RoundPending || sender.Rounds == 2);
        WaitFor(() => !sender.RoundPending, "the second round sent");
        Assert.Equal(2, sender.Rounds);
        Assert.Equal(4, transport.Sent.Count);

        sender.SendNow();
        WaitFor(() => !sender.RoundPending, "the round SendNow asked for");
        Assert.Equal(3, sender.Rounds);
        sender.Stop();
        Assert.False(sender.RoundPending);
    }

    [Fact]
    public void Does_not_send_before_its_interval_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport();
        using var sender = new AdvertisementSender(transport, Interval, clock, null, (_, _) => { }, "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitForRoundSent(sender, 1);
        AssertNextRoundIn(sender, clock, Interval);
    }

    [Fact]
    public void SendNow_again_sends_one_more_round_a_quarter_interval_later_then_the_rounds_go_on_every_interval()
    {
        // A new master's second round comes well ahead of its cadence at its peers, whatever the phase of its rounds.
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport();
        using var sender = new AdvertisementSender(transport, Interval, clock, null, (_, _) => { }, "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitForRoundSent(sender, 1);
        clock.Advance(Interval / 2);

        sender.SendNow(again: true);
        WaitForRoundSent(sender, 2);
        AssertNextRoundIn(sender, clock, Interval / 4);
        // From there, every interval again.
        AssertNextRoundIn(sender, clock, Interval);
    }

    [Fact]
    public void SendNow_tells_a_new_plan_at_once_and_Stop_ends_the_rounds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport();
        var sender = new AdvertisementSender(transport, Interval, clock, null, (_, _) => { }, "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitFor(() => sender.Rounds == 1, "the first round");

        sender.Publish(Plan(255));
        sender.SendNow();
        WaitFor(() => sender.Rounds == 2, "the round SendNow asked for");
        Assert.Equal(255, transport.Sent.Last().Datagram[2]);

        sender.Dispose();
        var sent = transport.Sent.Count;
        clock.Advance(Interval * 5);
        Thread.Sleep(100);
        Assert.Equal(sent, transport.Sent.Count);
    }

    [Fact]
    public void With_the_system_clock_it_keeps_its_interval()
    {
        var transport = new RecordingTransport();
        using var sender = new AdvertisementSender(transport, TimeSpan.FromMilliseconds(50), TimeProvider.System, null, (_, _) => { }, "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitFor(() => sender.Rounds >= 5, "five rounds");
        Assert.All(transport.Sent, s => Assert.False(s.OnPool));
    }

    [Fact]
    public void A_keyed_sender_signs_each_round_with_a_newer_timestamp()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ring = new AuthKeyRing(AuthKey.FromText("exoip-test-vector-key-0123456789", "test"));
        using var signer = new AdvertisementSigner(ring, clock);
        using var verifier = new AdvertisementVerifier(ring, clock, AdvertisementVerifier.WindowFor(Interval, 3));
        var transport = new RecordingTransport();
        using var sender = new AdvertisementSender(transport, Interval, clock, signer, (_, _) => { }, "test sender");
        sender.Publish(new AdvertisementPlan(new Advertisement(10, ElasticIp, Identity), new[] { Peers[0] }));
        sender.Start();
        for (var round = 1; round <= 3; round++)
        {
            WaitForRoundSent(sender, round);
            clock.Advance(Interval);
        }
        var datagrams = transport.Sent.Select(s => s.Datagram).ToList();
        Assert.All(datagrams, d => Assert.Equal(AuthenticatedAdvertisement.Size, d.Length));
        Assert.All(datagrams, d => Assert.True(verifier.TryVerify(d, out _, out _, out var why), why.ToString()));
    }

    [Fact]
    public void A_failed_send_is_reported_and_the_rounds_go_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var failures = new ConcurrentQueue<(IPAddress, Exception?)>();
        using var sender = new AdvertisementSender(new FailingTransport(), Interval, clock, null, (peer, error) => failures.Enqueue((peer, error)), "test sender");
        sender.Publish(Plan(10));
        sender.Start();
        WaitForRoundSent(sender, 1);
        clock.Advance(Interval);
        WaitFor(() => sender.Rounds == 2, "the second round");
        Assert.Equal(4, failures.Count);
        Assert.All(failures, f => Assert.IsType<System.Net.Sockets.SocketException>(f.Item2));
    }

    private sealed class FailingTransport : IAdvertisementTransport
    {
        public Task SendAsync(IPAddress destination, byte[] datagram) =>
            Task.FromException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.NetworkUnreachable));

        public Task<ReceivedDatagram?> ReceiveAsync() => Task.FromResult<ReceivedDatagram?>(null);

        public void Dispose() { }
    }
}
