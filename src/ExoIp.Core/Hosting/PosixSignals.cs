using System;
using System.Runtime.InteropServices;
#if !NET
using System.Linq.Expressions;
#endif

namespace ExoIp.Hosting;

/// <summary>
/// Handlers for POSIX signals (SIGTERM, SIGINT, SIGUSR1, SIGUSR2) where the runtime has them. The net10.0 build
/// (the native executable, compiled ahead of time) calls PosixSignalRegistration directly; the netstandard2.0
/// build, which the module loads in pwsh 7 and Windows PowerShell 5.1, reaches it by reflection where the
/// runtime has it (.NET 6 and later), and registration is a no-op elsewhere.
/// </summary>
public static class PosixSignals
{
    /// <summary>SIGHUP (the terminal closed), as the runtime's PosixSignal enum numbers it (platform-neutral).</summary>
    public const int Hangup = -1;

    /// <summary>SIGTERM, as the runtime's PosixSignal enum numbers it (platform-neutral).</summary>
    public const int Terminate = -4;

    /// <summary>SIGINT, as the runtime's PosixSignal enum numbers it (platform-neutral).</summary>
    public const int Interrupt = -2;

    /// <summary>SIGUSR1's raw number: 10 on Linux, 30 on macOS.</summary>
    public static int User1 => RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 30 : 10;

    /// <summary>SIGUSR2's raw number: 12 on Linux, 31 on macOS.</summary>
    public static int User2 => RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 31 : 12;

    /// <summary>
    /// Keeps the process alive on <paramref name="signal"/> once every handler has run, so that the host ends it
    /// itself: exoip-command.ps1 lets the watchdog's SIGTERM handler hand the Elastic IP over, then exits 0 rather than
    /// dying of the signal (exit 143). Returns null where signals are not supported; dispose to unregister.
    /// </summary>
    public static IDisposable? KeepProcessOn(int signal) => Register(signal, () => true);

#if NET
    /// <summary>True where signals can be handled (Linux or macOS).</summary>
    public static bool IsSupported => !OperatingSystem.IsWindows();

    /// <summary>
    /// Calls <paramref name="handler"/> on each delivery of <paramref name="signal"/>. When the handler returns
    /// true the signal's default action (for SIGTERM: exit; for SIGUSR1/2: die) is suppressed. Returns null
    /// where signals are not supported; dispose the result to unregister.
    /// </summary>
    public static IDisposable? Register(int signal, Func<bool> handler)
    {
        if (!IsSupported) return null;
        return PosixSignalRegistration.Create((PosixSignal)signal, context =>
        {
            if (handler()) context.Cancel = true;
        });
    }
#else
    private static readonly Type? RegistrationType =
        Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);

    /// <summary>True where signals can be handled (pwsh 7 on Linux or macOS).</summary>
    public static bool IsSupported => RegistrationType is not null && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>
    /// Calls <paramref name="handler"/> on each delivery of <paramref name="signal"/>. When the handler returns
    /// true the signal's default action (for SIGTERM: exit; for SIGUSR1/2: die) is suppressed. Returns null
    /// where signals are not supported; dispose the result to unregister.
    /// </summary>
    public static IDisposable? Register(int signal, Func<bool> handler)
    {
        if (!IsSupported) return null;
        var contextType = RegistrationType!.Assembly.GetType("System.Runtime.InteropServices.PosixSignalContext", throwOnError: true)!;
        var signalType = RegistrationType.Assembly.GetType("System.Runtime.InteropServices.PosixSignal", throwOnError: true)!;
        var actionType = typeof(Action<>).MakeGenericType(contextType);

        // context => { if (handler()) context.Cancel = true; }
        var context = Expression.Parameter(contextType, "context");
        var body = Expression.IfThen(
            Expression.Invoke(Expression.Constant(handler)),
            Expression.Assign(Expression.Property(context, "Cancel"), Expression.Constant(true)));
        var callback = Expression.Lambda(actionType, body, context).Compile();

        var create = RegistrationType.GetMethod("Create", new[] { signalType, actionType })!;
        return (IDisposable)create.Invoke(null, new object[] { Enum.ToObject(signalType, signal), callback })!;
    }
#endif
}
