using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>An engine's one life: each move, and what the receiver, the sender and the loop read of it.</summary>
public class EngineLifecycleStateTests
{
    [Fact]
    public void A_run_goes_once_and_a_second_one_finds_it_running()
    {
        var state = new EngineLifecycleState();
        Assert.Equal(EngineLifecycle.NotStarted, state.Start());
        Assert.Equal(EngineLifecycle.Running, state.Start());
        Assert.False(state.EndBeforeStart());
        Assert.False(state.Ended);
    }

    [Fact]
    public void A_stop_or_a_kill_before_the_run_ends_it_without_running_and_the_run_finds_that()
    {
        var stopped = new EngineLifecycleState();
        Assert.True(stopped.EndBeforeStart());
        Assert.False(stopped.EndBeforeStart());
        Assert.Equal(EngineLifecycle.EndedWithoutRunning, stopped.Start());

        var killed = new EngineLifecycleState();
        Assert.Equal(EngineLifecycle.NotStarted, killed.Kill());
        Assert.Equal(EngineLifecycle.EndedWithoutRunning, killed.Kill());
        Assert.Equal(EngineLifecycle.EndedWithoutRunning, killed.Current);
    }

    [Fact]
    public void A_graceful_end_finishes_the_loop_without_a_kill()
    {
        var state = new EngineLifecycleState();
        state.Start();
        state.Finish();
        Assert.Equal(EngineLifecycle.Finished, state.Current);
        Assert.True(state.LoopEnded);
        Assert.True(state.Ended);
        Assert.False(state.IsKilled);
    }

    [Fact]
    public void A_kill_while_running_is_ended_at_once_and_the_loop_ends_killed()
    {
        var state = new EngineLifecycleState();
        state.Start();
        Assert.Equal(EngineLifecycle.Running, state.Kill());
        Assert.Equal(EngineLifecycle.Killing, state.Current);
        Assert.True(state.IsKilled);
        Assert.True(state.Ended);
        Assert.False(state.LoopEnded);

        state.Finish();
        Assert.Equal(EngineLifecycle.Killed, state.Current);
        Assert.True(state.LoopEnded);
    }

    [Fact]
    public void A_kill_after_the_loop_finished_still_counts_and_Killed_is_final()
    {
        var state = new EngineLifecycleState();
        state.Start();
        state.Finish();
        Assert.Equal(EngineLifecycle.Finished, state.Kill());
        Assert.Equal(EngineLifecycle.Killed, state.Current);
        Assert.True(state.IsKilled);

        Assert.Equal(EngineLifecycle.Killed, state.Kill());
        state.Finish();
        Assert.Equal(EngineLifecycle.Killed, state.Current);
    }
}
