using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Tasks;

// The floor of an idle watchdog in .NET: every interval, one 24-byte advert signed with HMAC-SHA256 to each peer;
// every advert received read and its signature computed; with --api, one GET to the API every 30 s over a kept
// connection (a reconciliation that finds nothing), asynchronous as .NET's HTTP client (and RestSharp over it) makes
// it; with --api-sync, the same GET made synchronously on the loop's thread (HttpClient.Send), the least an API
// client can cost in threads. One thread sleeps in one poll for the socket and the next due time, and nothing is
// allocated between rounds. No election, no state, no logging: what it costs is what the runtime, the socket, HMAC
// and the HTTP stack cost. floor.c is the same in C.
//
//   exoip-floor [--api|--api-sync http://host:port/v2] INTERVAL ADDRESS PORT PEER...

var synchronous = args.Length >= 2 && args[0] == "--api-sync";
var api = args.Length >= 2 && args[0] is "--api" or "--api-sync" ? new Uri(args[1].TrimEnd('/') + "/elastic-ip") : null;
var positional = args.AsSpan(api is null ? 0 : 2);
if (positional.Length < 4
    || !double.TryParse(positional[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var interval) || interval <= 0
    || !IPAddress.TryParse(positional[1], out var address) || !ushort.TryParse(positional[2], out var port))
{
    Console.Error.WriteLine("usage: exoip-floor [--api|--api-sync URL] INTERVAL ADDRESS PORT PEER...");
    return 2;
}
var bind = new IPEndPoint(address, port);
var peers = new List<SocketAddress>();
foreach (var peer in positional[3..]) peers.Add(new IPEndPoint(IPAddress.Parse(peer), port).Serialize());

using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
socket.Bind(bind);
var key = RandomNumberGenerator.GetBytes(32);
var advert = new byte[24];
var mac = new byte[32];
var received = new byte[128];
var from = new SocketAddress(AddressFamily.InterNetwork);
using var http = api is null ? null : new HttpClient();
var frequency = Stopwatch.Frequency;
var round = (long)(interval * frequency);
var apiRound = 30 * frequency;
var next = Stopwatch.GetTimestamp();
var nextCall = next + apiRound;
Console.WriteLine($"exoip-floor: {bind}, {peers.Count} peers, every {interval} s{(api is null ? "" : $", GET {api} every 30 s")}");
while (true)
{
    var now = Stopwatch.GetTimestamp();
    if (now >= next)
    {
        BitConverter.TryWriteBytes(advert.AsSpan(0, 8), now);
        HMACSHA256.HashData(key, advert, mac);
        foreach (var peer in peers) socket.SendTo(advert, SocketFlags.None, peer);
        next += round;
        if (next < now) next = now + round;
    }
    if (http is not null && now >= nextCall)
    {
        nextCall += apiRound;
        if (synchronous) CallSynchronously(http, api!);
        else _ = Call(http, api!);
    }
    // poll waits whole milliseconds, rounded down: rounded up here, so no round ends in a string of 0 ms polls.
    var micros = ((next - Stopwatch.GetTimestamp()) * 1000 + frequency - 1) / frequency * 1000;
    if (micros > 0 && !socket.Poll((int)micros, SelectMode.SelectRead)) continue;
    try
    {
        var length = socket.ReceiveFrom(received, SocketFlags.None, from);
        HMACSHA256.HashData(key, received.AsSpan(0, Math.Min(length, 24)), mac);
    }
    catch (SocketException)
    {
        // A peer not listening yet (ICMP port unreachable): as a watchdog, go on.
    }
}

static void CallSynchronously(HttpClient http, Uri api)
{
    try
    {
        using var answer = http.Send(new HttpRequestMessage(HttpMethod.Get, api));
        answer.Content.ReadAsStream().CopyTo(System.IO.Stream.Null);
    }
    catch (HttpRequestException)
    {
        // The floor measures the call, not its answer.
    }
}

static async Task Call(HttpClient http, Uri api)
{
    try
    {
        using var answer = await http.GetAsync(api).ConfigureAwait(false);
        await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }
    catch (HttpRequestException)
    {
        // The floor measures the call, not its answer.
    }
}
