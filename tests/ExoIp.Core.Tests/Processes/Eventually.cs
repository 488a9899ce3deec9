using System;
using System.Threading.Tasks;

namespace ExoIp.Tests.Processes;

/// <summary>Waits for a condition with a generous bound (the machine is loaded): no timing assertion.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task HoldsAsync(Func<bool> condition, Func<string> seen, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Not within {(deadline ?? Deadline).TotalSeconds} s; seen: {seen()}");
            await Task.Delay(20);
        }
    }
}
