using Tomlyn.Model;
using Tomlyn.Serialization;

namespace ExoIp.Configuration;

/// <summary>exoscale.toml read into Tomlyn's document model without reflection (the native executable is trimmed).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ExoscaleTomlContext : TomlSerializerContext
{
}
