using System;

namespace ExoIp.Emulator;

/// <summary>How an <see cref="ExoscaleEmulator"/> starts.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The zone the emulator serves; resources of other zones are invisible through the API.</summary>
    public string Zone { get; set; } = "ch-gva-2";

    /// <summary>The IP address to listen on (loopback by default; 127.0.0.2 etc. work too).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 lets the system pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>How long an attach or detach operation stays pending before it applies.</summary>
    public TimeSpan OperationDelay { get; set; }

    /// <summary>Resources, credentials and settings to start with; its values win over the options above.</summary>
    public EmulatorSeed? Seed { get; set; }
}
