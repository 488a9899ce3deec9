using System;
using System.Threading;
using ExoIp.Emulator.Api;
using ExoIp.Emulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExoIp.Emulator.Hosting;

/// <summary>
/// The request pipeline: API and metadata requests are recorded, then faults apply to them, then the API's
/// signatures are checked; the control API under <c>/_emulator</c> skips all three.
/// </summary>
internal static class EmulatorPipeline
{
    public static void Configure(
        WebApplication app, EmulatorState state, FaultInjector faults, RequestLog requests, TimeProvider time, CancellationToken stopping)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ExoIp.Emulator");
        var recorder = new RequestRecorder(requests, time, logger);
        var faulting = new FaultMiddleware(faults, stopping, logger);
        var verifier = new SignatureVerifier(state, time, logger);

        app.UseWhen(IsApiOrMetadata, branch => branch.Use(recorder.InvokeAsync));
        app.Use(ErrorTranslation.InvokeAsync);
        app.UseWhen(IsApiOrMetadata, branch => branch.Use(faulting.InvokeAsync));
        app.UseWhen(IsApi, branch => branch.Use(verifier.InvokeAsync));

        app.MapExoscaleApi(state);
        app.MapMetadata(state);
        app.MapControlApi(state, faults, requests);
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/v2");

    private static bool IsApiOrMetadata(HttpContext context) =>
        IsApi(context) || context.Request.Path.StartsWithSegments("/latest") || context.Request.Path.StartsWithSegments("/metadata");
}
