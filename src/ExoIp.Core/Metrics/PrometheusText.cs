using System.Globalization;
using System.Text;

namespace ExoIp.Metrics;

/// <summary>
/// Writes Prometheus' text exposition format (version 0.0.4): a HELP and a TYPE line per metric family, then its
/// samples. Hand-written rather than a library: see the README's "Metrics" section.
/// </summary>
internal sealed class PrometheusText
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly string _commonLabels;

    /// <param name="commonLabels">Label pairs every sample carries, e.g. elastic_ip and watchdog.</param>
    public PrometheusText(params (string Name, string Value)[] commonLabels)
    {
        var labels = new StringBuilder();
        foreach (var (name, value) in commonLabels) AppendLabel(labels, name, value);
        _commonLabels = labels.ToString();
    }

    /// <summary>Starts a family: <paramref name="type"/> is gauge, counter or histogram.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample, with the common labels and <paramref name="labels"/>.</summary>
    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name).Append('{').Append(_commonLabels);
        foreach (var (labelName, labelValue) in labels) AppendLabel(_text, labelName, labelValue);
        _text.Length--; // the last label's comma
        _text.Append("} ").Append(Format(value)).Append('\n');
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private static void AppendLabel(StringBuilder text, string name, string value) =>
        text.Append(name).Append("=\"").Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append("\",");

    private static string Format(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
