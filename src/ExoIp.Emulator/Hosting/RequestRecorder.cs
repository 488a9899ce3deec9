using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExoIp.Emulator.Hosting;

/// <summary>Records every API and metadata request with its status and duration, and logs it at Debug.</summary>
internal sealed class RequestRecorder(RequestLog log, TimeProvider time, ILogger logger)
{
    /// <summary>The status recorded when the client gave up before the answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var arrived = Timestamps.Now(time);
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest
                : failed ? StatusCodes.Status500InternalServerError
                : context.Response.StatusCode;
            var duration = Stopwatch.GetElapsedTime(started);
            log.Add(new RequestRecord(arrived, context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", status, duration));
            logger.LogDebug("{Method} {Path} -> {Status} in {Milliseconds:F1} ms",
                context.Request.Method, context.Request.Path, status, duration.TotalMilliseconds);
        }
    }
}
