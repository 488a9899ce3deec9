using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using ExoIp.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace ExoIp.Emulator.Hosting;

/// <summary>
/// Answers known failures as <c>{"message": ...}</c>: API problems with their status, unknown ids 404,
/// bad input 400, duplicates 409. Anything else stays a server error.
/// </summary>
internal static class ErrorTranslation
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (StatusOf(e) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { message = e.Message }, EmulatorJson.Options);
        }
    }

    private static int? StatusOf(Exception e) => e switch
    {
        ApiProblem problem => problem.StatusCode,
        KeyNotFoundException => StatusCodes.Status404NotFound,
        ArgumentException or JsonException or FormatException => StatusCodes.Status400BadRequest,
        InvalidOperationException => StatusCodes.Status409Conflict,
        _ => null,
    };
}
