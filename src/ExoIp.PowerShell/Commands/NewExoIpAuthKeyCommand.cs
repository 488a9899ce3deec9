using System.Management.Automation;
using ExoIp.Authentication;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>Writes a new random advertisement key to a file only its owner may read (mode 0600).</summary>
[Cmdlet(VerbsCommon.New, "ExoIpAuthKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthKeyFileInfo))]
public sealed class NewExoIpAuthKeyCommand : PSCmdlet
{
    /// <summary>The key file to write.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (provider.Name != "FileSystem")
        {
            WriteError(new ErrorRecord(new PSArgumentException($"'{Path}' is not a file system path."),
                "NotAFileSystemPath", ErrorCategory.InvalidArgument, Path));
            return;
        }
        if (!ShouldProcess(path, Force ? "Write a new authentication key (replacing any)" : "Write a new authentication key")) return;
        try
        {
            var key = AuthKeyFile.Create(path, overwrite: Force);
            WriteObject(new AuthKeyFileInfo(path, key.IdText));
        }
        catch (AuthKeyException ex)
        {
            WriteError(ErrorRecords.From(ex, path));
        }
    }
}
