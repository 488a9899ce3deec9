using System;
using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>
/// Where settings come from, in precedence order: a cmdlet parameter, then the environment (each
/// setting names its variables, <c>IF_*</c> before <c>EXOSCALE_*</c>), then the exoscale.toml account. The
/// file is read only when a value is still missing, so a broken file cannot stop a fully configured call.
/// </summary>
public sealed class SettingSources
{
    private readonly IReadOnlyDictionary<string, string?> _parameters;
    private readonly Func<string, string?> _environment;
    private readonly Func<string, string?> _parameterName;
    private readonly Func<ExoscaleAccount?> _readAccount;
    private bool _accountRead;
    private ExoscaleAccount? _account;

    /// <summary>Creates the sources with an account already read (or none).</summary>
    /// <param name="parameters">Parameter values given by the caller, keyed by parameter name (e.g. "ApiKey").</param>
    /// <param name="environment">Reads an environment variable (tests pass a dictionary).</param>
    /// <param name="account">The exoscale.toml account in use, if any.</param>
    /// <param name="parameterName">
    /// How a parameter is named in messages: "-ApiKey" by default; the command line's flag, e.g. "-xk", or null for a
    /// setting the host has no parameter for.
    /// </param>
    public SettingSources(IReadOnlyDictionary<string, string?> parameters, Func<string, string?> environment, ExoscaleAccount? account,
        Func<string, string?>? parameterName = null)
        : this(parameters, environment, () => account, parameterName)
    {
    }

    /// <summary>Creates the sources; <paramref name="readAccount"/> runs at most once, when a value is first needed from the file.</summary>
    public static SettingSources ReadingFileWhenNeeded(
        IReadOnlyDictionary<string, string?> parameters, Func<string, string?> environment, Func<ExoscaleAccount?> readAccount,
        Func<string, string?>? parameterName = null) =>
        new(parameters, environment, readAccount, parameterName);

    private SettingSources(IReadOnlyDictionary<string, string?> parameters, Func<string, string?> environment, Func<ExoscaleAccount?> readAccount,
        Func<string, string?>? parameterName)
    {
        _parameterName = parameterName ?? (parameter => "-" + parameter);
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _readAccount = readAccount ?? throw new ArgumentNullException(nameof(readAccount));
    }

    /// <summary>The exoscale.toml account in use, if any; reading it may throw a <see cref="ConfigurationException"/>.</summary>
    public ExoscaleAccount? Account
    {
        get
        {
            if (!_accountRead)
            {
                _account = _readAccount();
                _accountRead = true;
            }
            return _account;
        }
    }

    /// <summary>True once the file was needed (and so read).</summary>
    public bool AccountRead => _accountRead;

    /// <summary>The values given as parameters.</summary>
    public IReadOnlyDictionary<string, string?> Parameters => _parameters;

    /// <summary>How this host names the parameter of a setting ("-ElasticIp", "-xi"); null when it has none.</summary>
    public string? Name(string parameter) => _parameterName(parameter);

    /// <summary>
    /// "-xi or IF_ADDRESS": the parameter (when the host has one) and the variables that give a setting, for messages
    /// that say how to give it.
    /// </summary>
    public string Ways(string parameter, params string[] variables)
    {
        var ways = new List<string>();
        if (Name(parameter) is { } name) ways.Add(name);
        ways.AddRange(variables);
        return ways.Count <= 1 ? string.Concat(ways) : string.Join(", ", ways.GetRange(0, ways.Count - 1)) + " or " + ways[ways.Count - 1];
    }

    /// <summary>Reads an environment variable.</summary>
    public string? Environment(string variable) => _environment(variable);

    /// <summary>The first non-empty value among the parameter, the variables, then the account's value.</summary>
    public ResolvedSetting? Find(string parameter, IEnumerable<string> variables, Func<ExoscaleAccount, string?>? fromAccount = null) =>
        FindGiven(parameter, variables) ?? (fromAccount is null ? null : FindInFile(fromAccount));

    /// <summary>The parameter's value, else the first variable set; the file is not read.</summary>
    public ResolvedSetting? FindGiven(string parameter, IEnumerable<string> variables)
    {
        if (_parameters.TryGetValue(parameter, out var given) && !string.IsNullOrWhiteSpace(given))
            return new ResolvedSetting(given!.Trim(), Name(parameter) ?? "-" + parameter);
        foreach (var variable in variables)
        {
            var value = _environment(variable);
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedSetting(value!.Trim(), variable);
        }
        return null;
    }

    /// <summary>The account's value, reading the file if it was not read yet.</summary>
    /// <param name="fromAccount">Picks the value.</param>
    /// <param name="trim">False for a secret, taken exactly as the file or its secretCommand gives it (as Exoscale's CLI does).</param>
    public ResolvedSetting? FindInFile(Func<ExoscaleAccount, string?> fromAccount, bool trim = true)
    {
        var account = Account;
        var fileValue = account is null ? null : fromAccount(account);
        return string.IsNullOrWhiteSpace(fileValue) ? null : new ResolvedSetting(trim ? fileValue!.Trim() : fileValue!, account!.Description);
    }
}
