using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Emulator.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExoIp.Emulator.Faults;

/// <summary>Applies the first fault rule that fires for a request: latency, hang, failure status.</summary>
internal sealed class FaultMiddleware(FaultInjector faults, CancellationToken emulatorStopping, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var fault = faults.Match(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        var rule = fault.Rule;
        logger.LogDebug("Fault {Id} affects {Method} {Path}", fault.Id, context.Request.Method, context.Request.Path);
        using var stopOrAbort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, emulatorStopping);
        try
        {
            if (rule.Latency > TimeSpan.Zero) await Task.Delay(rule.Latency, stopOrAbort.Token);
            if (rule.Hang)
            {
                // Removing the rule releases the request, which is then served as if the rule never was.
                await WaitForRemovalAsync(fault, stopOrAbort.Token);
                await next(context);
                return;
            }
        }
        catch (OperationCanceledException) when (stopOrAbort.IsCancellationRequested)
        {
            // The client gave up or the emulator stops: no answer at all, as from a dead server.
            context.Abort();
            return;
        }

        if (!rule.Fails)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = rule.StatusCode;
        var retryAfter = rule.RetryAfterSeconds ?? (rule.StatusCode == StatusCodes.Status429TooManyRequests ? 1 : null);
        if (retryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new { message = $"Fault injected by the emulator ({rule.StatusCode})." }, EmulatorJson.Options);
    }

    /// <summary>Returns when the rule is removed; throws <see cref="OperationCanceledException"/> when the token cancels first.</summary>
    private static async Task WaitForRemovalAsync(ActiveFault fault, CancellationToken stopOrAbort)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopOrAbort, fault.Removed);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException) when (!stopOrAbort.IsCancellationRequested)
        {
            // Removed: fall through and serve.
        }
    }
}
