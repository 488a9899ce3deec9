using System.Collections.Generic;
using System.Linq;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Watchdog;

namespace ExoIp.Systemd;

/// <summary>
/// The one line <c>systemctl status</c> shows (systemd's <c>STATUS=</c>): the role, who holds the Elastic IP,
/// peers alive of known, health, and the last API problem; and whether the watchdog is ready (its first role decided).
/// </summary>
public static class ServiceStatus
{
    /// <summary>
    /// True once the first role is decided: a backup or a fault, or a master the API shows holding the Elastic IP
    /// (systemd's <c>READY=1</c>: units ordered after exoip start once the address is where it belongs).
    /// </summary>
    public static bool IsDecided(WatchdogSnapshot snapshot) => snapshot.Role switch
    {
        NodeRole.Backup or NodeRole.Fault => true,
        NodeRole.Master => snapshot.HoldsElasticIp == true,
        _ => false,
    };

    /// <summary>The line, e.g. <c>Master, holds 198.51.100.50; peers 1/2 alive; healthy</c>.</summary>
    public static string Describe(WatchdogSnapshot snapshot, string? apiProblem)
    {
        var parts = new List<string> { Role(snapshot), $"peers {snapshot.Peers.Count(p => p.IsAlive)}/{snapshot.Peers.Count} alive" };
        if (snapshot.Health is { } health) parts.Add(health == HealthStatus.Healthy ? "healthy" : $"unhealthy ({snapshot.HealthReason})");
        if (apiProblem is not null) parts.Add("API: " + apiProblem);
        return string.Join("; ", parts);
    }

    private static string Role(WatchdogSnapshot snapshot)
    {
        var eip = snapshot.ElasticIp;
        if (snapshot.Status == WatchdogStatus.Stopping) return $"Stopping, handing {eip} over";
        return snapshot.Role switch
        {
            NodeRole.Master => snapshot.HoldsElasticIp == true ? $"Master, holds {eip}" : $"Master, attaching {eip}",
            NodeRole.Backup => snapshot.Peers.FirstOrDefault(p => p.IsMaster) is { } master ? $"Backup, {master.Address} is master" : "Backup",
            NodeRole.Fault => "Fault, advertising 255",
            NodeRole.Starting => "Starting, listening for peers",
            _ => snapshot.Role.ToString(),
        };
    }
}
