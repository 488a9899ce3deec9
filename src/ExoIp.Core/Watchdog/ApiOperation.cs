namespace ExoIp.Watchdog;

/// <summary>Describes one API call for logs and events.</summary>
/// <param name="Description">What it does, e.g. "attach 198.51.100.50 to this node".</param>
/// <param name="Action">For attach, detach and check: which (they become ApiAction events).</param>
/// <param name="InstanceId">The instance acted on, when one is.</param>
internal sealed record ApiOperation(string Description, ApiActionKind? Action = null, string? InstanceId = null);
