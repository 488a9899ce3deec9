using System;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

/// <summary>Polls a condition until it holds or a generous deadline passes (no timing assertions).</summary>
internal static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(20);
        }

        return true;
    }
}
