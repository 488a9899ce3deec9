using System.Diagnostics;
using ExoIp.Configuration;

namespace ExoIp.Processes;

/// <summary>
/// What a child process inherits: everything but the API credentials. A health check, a notify hook or a
/// secretCommand has no use for the key and secret, and a child's environment is readable by more than this
/// process (/proc/PID/environ, a script that logs its environment, a core dump).
/// </summary>
public static class ChildEnvironment
{
    /// <summary>Removes every credential variable (<see cref="EnvironmentVariables.Credentials"/>) from what the process will get.</summary>
    public static void RemoveCredentials(ProcessStartInfo start)
    {
        foreach (var variable in EnvironmentVariables.Credentials) start.Environment.Remove(variable);
    }
}
