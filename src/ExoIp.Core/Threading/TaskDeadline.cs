using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Threading;

/// <summary>Waits for a task up to a deadline given as a token, without cancelling or abandoning the wait on the task itself.</summary>
internal static class TaskDeadline
{
    /// <summary>
    /// True when <paramref name="task"/> ended before <paramref name="deadline"/> was cancelled; false as soon as
    /// the deadline passes, even if the task goes on (a check or hook that ignores its cancellation).
    /// </summary>
    public static async Task<bool> EndsBeforeAsync(this Task task, CancellationToken deadline)
    {
        var passed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (deadline.Register(() => passed.TrySetResult(true)))
        {
            return await Task.WhenAny(task, passed.Task).ConfigureAwait(false) == task && !deadline.IsCancellationRequested;
        }
    }
}
