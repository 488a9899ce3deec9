using System;

namespace ExoIp.PowerShell.Output;

/// <summary>A running ExoIp emulator process, as Start-ExoIpEmulator returns it.</summary>
public sealed class EmulatorInstance
{
    internal EmulatorInstance(int processId, Uri url, string zone)
    {
        ProcessId = processId;
        Url = url;
        Zone = zone;
        StartedAt = DateTimeOffset.Now;
    }

    /// <summary>The emulator's process id.</summary>
    public int ProcessId { get; }

    /// <summary>Its base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>When this session started it.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The zone it serves.</summary>
    public string Zone { get; }

    /// <summary>The API endpoint to give ExoIp (-ApiEndpoint, EXOSCALE_API_ENDPOINT): the URL plus v2.</summary>
    public Uri ApiEndpoint => new(Url, "v2");

    /// <summary>The unsigned control API (faults, holders, history, state).</summary>
    public Uri ControlEndpoint => new(Url, "_emulator/");

    /// <summary>The metadata base URL (IF_EXOSCALE_METADATA_ENDPOINT) answering for one instance.</summary>
    public Uri MetadataEndpointFor(string instanceId) => new(Url, $"metadata/{instanceId}/latest/meta-data/");
}
