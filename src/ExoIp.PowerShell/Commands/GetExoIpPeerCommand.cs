using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
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
    private static readonly TimeSpan LookUpTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Watchdog names (wildcards allowed); all running watchdogs when left out.</summary>
    [Parameter(Position = 0, ParameterSetName = RunningSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.WatchdogNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Watchdog jobs (Start-ExoIpWatchdog -AsJob).</summary>
    [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(Completion.WatchdogJobCompleter))]
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

    // Each row with its instance's name and state, looked up with the watchdog's own API client; a lookup
    // that fails leaves them empty, with a warning, since the rest comes from the watchdog itself.
    private void WriteRunning(Hosting.WatchdogSession session)
    {
        var snapshot = session.Engine.GetSnapshot();
        WriteObject(PeerInfo.FromSelf(snapshot).WithInstance(LookUp(session, snapshot.InstanceId)));
        foreach (var peer in snapshot.Peers)
            WriteObject(PeerInfo.FromPeer(snapshot.Name, peer).WithInstance(peer.InstanceId is { } id ? LookUp(session, id) : null));
    }

    private Instance? LookUp(Hosting.WatchdogSession session, Guid instanceId)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            bounded.CancelAfter(LookUpTimeout);
            return Await(_ => session.Client.GetInstanceAsync(instanceId.ToString(), bounded.Token));
        }
        catch (Exception e) when (e is ExoscaleApiException or OperationCanceledException && !StopToken.IsCancellationRequested)
        {
            WriteWarning($"No name and state for instance {instanceId}: {e.Message}");
            return null;
        }
    }

    private void WriteGroupMembers()
    {
        var members = Await(ct => PeerDirectory.ListGroupMemberInstancesAsync(Client, PeerGroup, Guid.Empty, ct));
        foreach (var member in members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
            WriteObject(PeerInfo.FromInstance(member.Address, member.Instance));
    }

    private void WritePoolMembers()
    {
        var (pool, members) = Await(ct => InstancePoolPeers.ListAsync(Client, InstancePool, Guid.Empty, null, ct));
        WriteVerbose($"Instance Pool '{pool.Name}' ({pool.Id}) has {pool.Instances?.Count ?? 0} instance(s); {members.Count} running with a public IPv4 address.");
        foreach (var member in members) WriteObject(PeerInfo.FromInstance(member.Address, member.Instance));
    }

    private void WriteStaticPeers()
    {
        var peers = PeerList.Parse(Peer);
        foreach (var bad in peers.Invalid)
        {
            WriteError(new ErrorRecord(new ArgumentException($"'{bad}' is not an IPv4 address."), "InvalidPeerAddress", ErrorCategory.InvalidArgument, bad));
        }
        foreach (var identity in Await(ct => PeerDirectory.ResolveAsync(Client, peers.Addresses.ToList(), ct)))
        {
            var instance = identity.InstanceId is { } id ? Await(ct => Client.GetInstanceAsync(id.ToString(), ct)) : null;
            if (instance is null) WriteWarning($"No instance has the address {identity.Address}.");
            WriteObject(PeerInfo.FromInstance(identity.Address, instance));
        }
    }
}
