using System;
using System.Diagnostics;
using System.Threading;
using ExoIp.Hosting;

namespace ExoIp.Tests.Hosting;

public class PosixSignalsTests
{
    private static void Kill(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {Environment.ProcessId}");
        kill.WaitForExit();
    }

    [Fact]
    public void Delivers_SIGUSR1_and_SIGUSR2_to_their_handlers_and_keeps_the_process_alive()
    {
        Assert.True(PosixSignals.IsSupported);
        using var user1 = new SemaphoreSlim(0);
        using var user2 = new SemaphoreSlim(0);
        using (PosixSignals.Register(PosixSignals.User1, () => { user1.Release(); return true; }))
        using (PosixSignals.Register(PosixSignals.User2, () => { user2.Release(); return true; }))
        {
            Kill("USR1");
            Assert.True(user1.Wait(TimeSpan.FromSeconds(10)));
            Kill("USR2");
            Kill("USR2");
            Assert.True(user2.Wait(TimeSpan.FromSeconds(10)));
            Assert.True(user2.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, user1.CurrentCount);
        }
    }
}
