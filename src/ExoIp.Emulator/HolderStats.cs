using System;
using System.Collections.Generic;

namespace ExoIp.Emulator;

/// <summary>What the holder history of one Elastic IP says over a time window.</summary>
/// <param name="LongestWithoutHolder">Longest stretch with no instance holding it, counted only after it first had one.</param>
/// <param name="LongestWithSeveralHolders">Longest stretch with two or more instances holding it at once.</param>
/// <param name="Changes">How many attaches and detaches applied in the window.</param>
/// <param name="HoldersNow">The instances holding it now.</param>
public sealed record HolderStats(
    TimeSpan LongestWithoutHolder, TimeSpan LongestWithSeveralHolders, int Changes, IReadOnlyList<string> HoldersNow);
