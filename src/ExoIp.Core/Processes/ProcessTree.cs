using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;

namespace ExoIp.Processes;

/// <summary>
/// Kills a process with its descendants where the runtime can (Process.Kill(bool), .NET Core 3.0 and later,
/// reached by reflection from netstandard2.0), else the process alone. A descendant that left the tree (a
/// daemon that double-forked) is not reached.
/// </summary>
public static class ProcessTree
{
    private static readonly MethodInfo? KillEntireTree = typeof(Process).GetMethod(nameof(Process.Kill), new[] { typeof(bool) });

    /// <summary>Kills <paramref name="process"/> and its children; a process that already exited is no error.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (KillEntireTree is not null) KillEntireTree.Invoke(process, new object[] { true });
            else process.Kill();
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException or Win32Exception or AggregateException)
        {
            // exited meanwhile, or a descendant could not be reached: nothing more can be done
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // exited meanwhile
        }
    }
}
