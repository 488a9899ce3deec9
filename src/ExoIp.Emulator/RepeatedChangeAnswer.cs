namespace ExoIp.Emulator;

/// <summary>
/// What the emulator answers to attaching an Elastic IP the instance already holds, or detaching one it does not
/// hold. The real API's answer is not documented: this is an assumption, and each choice lets a test check that a
/// client copes with it.
/// </summary>
public enum RepeatedChangeAnswer
{
    /// <summary>400 Bad Request (the default).</summary>
    BadRequest,

    /// <summary>404 Not Found.</summary>
    NotFound,

    /// <summary>409 Conflict.</summary>
    Conflict,

    /// <summary>A pending operation that ends in <c>failure</c> with reason <c>conflict</c>.</summary>
    OperationConflict,

    /// <summary>A pending operation that ends in <c>failure</c> with reason <c>incorrect</c>.</summary>
    OperationIncorrect,
}
