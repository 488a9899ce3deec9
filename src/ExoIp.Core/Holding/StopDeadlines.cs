using System;

namespace ExoIp.Holding;

/// <summary>A graceful stop in progress: wait for a successor until the handover deadline, give up at the hard one.</summary>
internal sealed record StopDeadlines(DateTimeOffset HandoverDeadline, DateTimeOffset HardDeadline);
