using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

/// <summary>Final operation answers as the API records them (egoscale v3 schemas: states and reasons).</summary>
public class OperationEndTests
{
    private const string Action = "attach of Elastic IP e to instance i";

    // The real reference names the resource and the command that reads it, with a relative link.
    private static Operation Answer(string state, string? reason = null, string? message = null) => new()
    {
        Id = "4c6f2b1e-1c0a-4b59-9f1d-2a7c4e9b8d10",
        State = state,
        Reason = reason,
        Message = message,
        Reference = new ResourceReference { Id = "e", Link = "/v2/elastic-ip/e", Command = "get-elastic-ip" },
    };

    [Theory]
    [InlineData("success", null, "Succeeded")]
    [InlineData("failure", "conflict", "Contested")]
    [InlineData("failure", "incorrect", "Contested")]
    [InlineData("failure", "not-found", "Failed")]
    [InlineData("failure", "forbidden", "Failed")]
    [InlineData("failure", null, "Failed")]
    [InlineData("timeout", null, "Doubtful")]
    public void Classifies_each_final_state(string state, string? reason, string kind)
    {
        var expected = System.Enum.Parse<OperationEndKind>(kind);
        var end = OperationEnd.Of(Answer(state, reason), Action, vanished: false);

        Assert.Equal(expected, end.Kind);
        Assert.Equal(expected == OperationEndKind.Succeeded, end.Failure is null);
    }

    [Fact]
    public void A_failure_names_the_action_not_the_reference_command()
    {
        var failure = (ExoscaleOperationFailedException)OperationEnd.Of(Answer("failure", "conflict", "already attached"), Action, vanished: false).Failure!;

        Assert.Equal($"Operation {failure.OperationId} ({Action}) ended in state failure, reason conflict: already attached.", failure.Message);
        Assert.DoesNotContain("get-elastic-ip", failure.Message);
        Assert.Equal("conflict", failure.Reason);
    }

    [Fact]
    public void A_vanished_operation_is_a_doubt_named_gone()
    {
        var end = OperationEnd.Of(Answer("pending"), Action, vanished: true);

        Assert.Equal(OperationEndKind.Doubtful, end.Kind);
        Assert.Equal("gone", ((ExoscaleOperationFailedException)end.Failure!).State);
    }
}
