using System;

namespace ExoIp.PowerShell.Hosting;

/// <summary>A watchdog with the same name already runs in this process.</summary>
public sealed class WatchdogNameInUseException : InvalidOperationException
{
    internal WatchdogNameInUseException(string name)
        : base($"A watchdog named '{name}' is already running in this process; give -Name another name.")
    {
        Name = name;
    }

    /// <summary>The name in use.</summary>
    public string Name { get; }
}
