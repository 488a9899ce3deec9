using System.Collections.Generic;

namespace ExoIp.Emulator.Model;

/// <summary>An Instance Pool as the emulator keeps it: its members are the instances it manages.</summary>
internal sealed record EmulatedInstancePool(string Id, string Name, string Zone, IReadOnlyList<string> ElasticIpIds);
