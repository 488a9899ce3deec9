namespace ExoIp.Simulation;

/// <summary>
/// One applied change of the Elastic IP's holders, to the tick: the holders after it (a bit per instance: the
/// nodes by index, then the stray), which instance it changed, and which node's call did it (-1: by hand).
/// </summary>
public readonly record struct HolderChange(long At, ulong Holders, int Instance, bool Attached, int ByNode);
