using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>
/// The API models' JSON contracts, generated at compile time: no reflection over the models, so the native
/// executable (Native AOT, trimmed) reads the same answers the module does. Every model read or written
/// through <see cref="ApiJson"/> is listed here.
/// </summary>
[JsonSerializable(typeof(ElasticIp))]
[JsonSerializable(typeof(List<ElasticIp>))]
[JsonSerializable(typeof(Instance))]
[JsonSerializable(typeof(List<Instance>))]
[JsonSerializable(typeof(SecurityGroup))]
[JsonSerializable(typeof(List<SecurityGroup>))]
[JsonSerializable(typeof(InstancePool))]
[JsonSerializable(typeof(List<InstancePool>))]
[JsonSerializable(typeof(ApiZone))]
[JsonSerializable(typeof(List<ApiZone>))]
[JsonSerializable(typeof(Operation))]
[JsonSerializable(typeof(InstanceReferenceBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
}
