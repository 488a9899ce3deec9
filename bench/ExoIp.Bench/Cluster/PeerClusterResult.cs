using System.Collections.Generic;

namespace ExoIp.Bench.Cluster;

/// <summary>What the in-process cluster measured; counts are over the watch window unless named otherwise.</summary>
internal sealed record PeerClusterResult(
    int Nodes,
    double IntervalMs,
    int DeadRatio,
    double WindowSeconds,
    double SettleSeconds,
    int FalseDeaths,
    int FalseDeathsIncludingStartUp,
    int HolderChanges,
    int Holders,
    bool MasterIsBest,
    long AdvertisementsSent,
    long AdvertisementsAccepted,
    long DatagramsDropped,
    long ApiCalls,
    double CpuPercentOfOneCore,
    double ResidentMiB,
    double ResidentMiBBeforeEngines,
    double ResidentKiBPerEngine,
    double ManagedMiB,
    IReadOnlyList<string> FirstFalseDeaths);
