namespace ExoIp.Emulator.Model;

/// <summary>What an accepted operation does when it falls due.</summary>
internal enum OperationPlan
{
    /// <summary>Applies the change and succeeds.</summary>
    Apply,

    /// <summary>Applies the change, then reports <c>timeout</c>.</summary>
    ApplyThenTimeOut,

    /// <summary>Reports <c>timeout</c> without applying the change.</summary>
    TimeOut,

    /// <summary>Fails with reason <c>conflict</c> (a repeated change).</summary>
    FailConflict,

    /// <summary>Fails with reason <c>incorrect</c> (a repeated change).</summary>
    FailIncorrect,
}
