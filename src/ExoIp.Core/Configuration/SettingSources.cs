using System;
using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>
/// Where settings come from, in precedence order: a cmdlet parameter, then the environment (each
/// setting names its variables, <c>IF_*</c> before <c>EXOSCALE_*</c>), then the exoscale.toml account.
/// </summary>
public sealed class SettingSources
{
    private readonly IReadOnlyDictionary<string, string?> _parameters;
    private readonly Func<string, string?> _environment;
    private readonly Func<string, string> _parameterSource;

    /// <summary>Creates the sources.</summary>
    /// <param name="parameters">Parameter values given by the caller, keyed by parameter name (e.g. "ApiKey").</param>
    /// <param name="environment">Reads an environment variable (tests pass a dictionary).</param>
    /// <param name="account">The exoscale.toml account in use, if any.</param>
    /// <param name="parameterSource">How a parameter is named in messages: "-ApiKey" by default; the command line's flag, e.g. "-xk".</param>
    public SettingSources(IReadOnlyDictionary<string, string?> parameters, Func<string, string?> environment, ExoscaleAccount? account,
        Func<string, string>? parameterSource = null)
    {
        _parameterSource = parameterSource ?? (parameter => "-" + parameter);
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        Account = account;
    }

    /// <summary>The exoscale.toml account in use, if any.</summary>
    public ExoscaleAccount? Account { get; }

    /// <summary>The values given as parameters.</summary>
    public IReadOnlyDictionary<string, string?> Parameters => _parameters;

    /// <summary>The first non-empty value among the parameter, the variables, then the account's value.</summary>
    public ResolvedSetting? Find(string parameter, IEnumerable<string> variables, Func<ExoscaleAccount, string?>? fromAccount = null)
    {
        if (_parameters.TryGetValue(parameter, out var given) && !string.IsNullOrWhiteSpace(given))
            return new ResolvedSetting(given!.Trim(), _parameterSource(parameter));
        foreach (var variable in variables)
        {
            var value = _environment(variable);
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedSetting(value!.Trim(), variable);
        }
        var fileValue = Account is null || fromAccount is null ? null : fromAccount(Account);
        return string.IsNullOrWhiteSpace(fileValue) ? null : new ResolvedSetting(fileValue!.Trim(), Account!.Description);
    }
}
