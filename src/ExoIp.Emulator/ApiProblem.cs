using System;

namespace ExoIp.Emulator;

/// <summary>An error the emulated API answers as <c>{"message": ...}</c> with a status code.</summary>
internal sealed class ApiProblem(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ApiProblem NotFound(string kind, string id) => new(404, $"{kind} {id} not found");

    public static ApiProblem BadRequest(string message) => new(400, message);
}
