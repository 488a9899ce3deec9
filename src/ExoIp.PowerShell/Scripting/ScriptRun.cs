using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;

namespace ExoIp.PowerShell.Scripting;

/// <summary>What one run of an <see cref="IsolatedScript"/> produced.</summary>
internal sealed class ScriptRun
{
    public ScriptRun(Collection<PSObject> output, IReadOnlyList<ErrorRecord> errors)
    {
        Output = output;
        Errors = errors;
    }

    public Collection<PSObject> Output { get; }

    /// <summary>Its non-terminating errors.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    /// <summary>The output judged as PowerShell's <c>if</c> judges it: nothing is false, one value by its own truth, several true.</summary>
    public bool IsTruthy => Output.Count switch
    {
        0 => false,
        1 => LanguagePrimitives.IsTrue(Output[0]),
        _ => true,
    };

    /// <summary>The first non-terminating error's message, or null.</summary>
    public string? FirstError => Errors.FirstOrDefault()?.ToString();
}
