namespace ExoIp.Exoscale;

/// <summary>How the wait for an attach or detach operation ended.</summary>
internal enum OperationEndKind
{
    /// <summary>State success.</summary>
    Succeeded,

    /// <summary>
    /// Refused as a conflict or as incorrect (reason <c>conflict</c> or <c>incorrect</c>): what the API may answer when
    /// the change is already in place, so the instance's state decides.
    /// </summary>
    Contested,

    /// <summary>
    /// State <c>timeout</c>, or the operation is gone (404) before it was seen to finish: it may well have acted,
    /// so the instance's state decides.
    /// </summary>
    Doubtful,

    /// <summary>Failed for any other reason: the change did not happen.</summary>
    Failed,
}

/// <summary>The end of an operation's wait, with the failure to report when the instance's state does not settle it.</summary>
internal sealed class OperationEnd
{
    private OperationEnd(OperationEndKind kind, ExoscaleApiException? failure)
    {
        Kind = kind;
        Failure = failure;
    }

    /// <summary>How it ended.</summary>
    public OperationEndKind Kind { get; }

    /// <summary>Null when it succeeded.</summary>
    public ExoscaleApiException? Failure { get; }

    /// <summary>Classifies the last state seen; <paramref name="vanished"/> when polling it answered 404.</summary>
    public static OperationEnd Of(Operation operation, string action, bool vanished)
    {
        if (vanished)
            return new OperationEnd(OperationEndKind.Doubtful, new ExoscaleOperationFailedException(
                $"Operation {operation.Id} ({action}) is gone (404) before it was seen to finish, and the instance does not show the change yet.",
                operation.Id, "gone", null));
        if (operation.State == "success") return new OperationEnd(OperationEndKind.Succeeded, null);
        var kind = operation.State == "timeout" ? OperationEndKind.Doubtful
            : operation.Reason is "conflict" or "incorrect" ? OperationEndKind.Contested
            : OperationEndKind.Failed;
        return new OperationEnd(kind, new ExoscaleOperationFailedException(
            $"Operation {operation.Id} ({action}) ended in state {operation.State}" +
            $"{(operation.Reason is null ? "" : ", reason " + operation.Reason)}" +
            $"{(string.IsNullOrWhiteSpace(operation.Message) ? "" : ": " + operation.Message)}.",
            operation.Id, operation.State, operation.Reason));
    }
}
