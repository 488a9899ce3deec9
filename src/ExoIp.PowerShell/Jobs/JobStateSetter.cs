using System;
using System.Management.Automation;
using System.Reflection;

namespace ExoIp.PowerShell.Jobs;

/// <summary>
/// Sets a job's state with its reason. PowerShell keeps the overload that fills <c>JobStateInfo.Reason</c>
/// internal (jobs outside its assembly can only set the state), yet a failed job without a reason tells
/// the user nothing; so it is called by reflection where it exists (pwsh 7 and Windows PowerShell 5.1 both
/// have it), and the public overload is the fallback.
/// </summary>
internal static class JobStateSetter
{
    private static readonly MethodInfo? WithReason = typeof(Job).GetMethod(
        "SetJobState", BindingFlags.Instance | BindingFlags.NonPublic, null, new[] { typeof(JobState), typeof(Exception) }, null);

    /// <summary>Sets the state through the overload with a reason; false when it does not exist.</summary>
    public static bool TrySet(Job job, JobState state, Exception? reason)
    {
        if (WithReason is null) return false;
        WithReason.Invoke(job, new object?[] { state, reason });
        return true;
    }
}
