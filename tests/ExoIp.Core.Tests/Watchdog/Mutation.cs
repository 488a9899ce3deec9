using System;

namespace ExoIp.Tests.Watchdog;

/// <summary>One change of an Elastic IP's holders, in the order the fake API applied them.</summary>
internal sealed record Mutation(int Sequence, DateTimeOffset At, string Kind, string Instance);
