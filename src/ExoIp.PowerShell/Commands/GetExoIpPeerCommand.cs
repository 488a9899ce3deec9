using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Jobs;
using ExoIp.PowerShell.Output;
using ExoIp.Peers;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Shows a watchdog group: for running watchdogs, each peer as the watchdog sees it plus the node itself;
/// without one, the members of a security group or an Instance Pool, or the instances of static peer addresses, from the API.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ExoIpPeer", DefaultParameterSetName = RunningSet)]
[OutputType(typeof(PeerInfo))]
public sealed class GetExoIpPeerCommand : ExoIpApiCmdlet
{
    private const string RunningSet = "Running";
    private const string JobSet = "Job";
    private const string GroupSet = "PeerGroup";
    private const string StaticSet = "Peer";
    private const string PoolSet = "InstancePool";

    /// <summary>Watchdog names (wildcards allowed); all running watchdogs when left out.</summary>
    [Parameter(Position = 0, ParameterSetName = RunningSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Watchdog jobs (Start-ExoIpWatchdog -AsJob).</summary>
    [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
    public WatchdogJob[] Job { get; set; } = Array.Empty<WatchdogJob>();

    /// <summary>A security group (name or id): lists its members from the API, as a watchdog would use them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [ValidateNotNullOrEmpty]
    public string PeerGroup { get; set; } = string.Empty;

    /// <summary>An Instance Pool (name or id): lists its running members from the API, as a watchdog would use them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PoolSet)]
    [ValidateNotNullOrEmpty]
    public string InstancePool { get; set; } = string.Empty;

    /// <summary>Static peer addresses: resolves each to its instance through the API.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StaticSet)]
    [ValidateNotNullOrEmpty]
    public string[] Peer { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            switch (ParameterSetName)
            {
                case GroupSet: WriteGroupMembers(); break;
                case StaticSet: WriteStaticPeers(); break;
                case PoolSet: WritePoolMembers(); break;
                case JobSet: foreach (var job in Job) WriteRunning(job.Session); break;
                default: foreach (var session in WatchdogTargetCmdlet.Select(this, Name)) WriteRunning(session); break;
            }
        }
        catch (Exception e) when (e is ExoscaleApiException or ConfigurationException or MetadataUnavailableException)
        {
            WriteError(ErrorFor(e, ParameterSetName switch { GroupSet => PeerGroup, PoolSet => InstancePool, _ => Peer }));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            // The pipeline is stopping.
        }
    }

    private void WriteRunning(Hosting.WatchdogSession session)
    {
        var snapshot = session.Engine.GetSnapshot();
        WriteObject(PeerInfo.FromSelf(snapshot));
        foreach (var peer in snapshot.Peers) WriteObject(PeerInfo.FromPeer(snapshot.Name, peer));
    }

    private void WriteGroupMembers()
    {
        var members = Await(ct => PeerDirectory.ListGroupMemberInstancesAsync(Client, PeerGroup, Guid.Empty, ct));
        foreach (var member in members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
            WriteObject(PeerInfo.FromInstance(member.Address.ToString(), member.Instance));
    }

    private void WritePoolMembers()
    {
        var (pool, members) = Await(ct => InstancePoolPeers.ListAsync(Client, InstancePool, Guid.Empty, null, ct));
        WriteVerbose($"Instance Pool '{pool.Name}' ({pool.Id}) has {pool.Instances?.Count ?? 0} instance(s); {members.Count} running with a public IPv4 address.");
        foreach (var member in members) WriteObject(PeerInfo.FromInstance(member.Address.ToString(), member.Instance));
    }

    private void WriteStaticPeers()
    {
        var addresses = Peer.SelectMany(p => p.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var bad in addresses.Where(a => !IPAddress.TryParse(a, out _)))
        {
            WriteError(new ErrorRecord(new ArgumentException($"'{bad}' is not an IPv4 address."), "InvalidPeerAddress", ErrorCategory.InvalidArgument, bad));
        }
        var valid = addresses.Where(a => IPAddress.TryParse(a, out _)).Select(IPAddress.Parse).ToList();
        foreach (var identity in Await(ct => PeerDirectory.ResolveAsync(Client, valid, ct)))
        {
            var instance = identity.InstanceId is { } id ? Await(ct => Client.GetInstanceAsync(id.ToString(), ct)) : null;
            if (instance is null) WriteWarning($"No instance has the address {identity.Address}.");
            WriteObject(PeerInfo.FromInstance(identity.Address.ToString(), instance));
        }
    }
}
