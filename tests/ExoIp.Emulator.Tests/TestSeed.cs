using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Tests;

/// <summary>A small world: two nodes and an Elastic IP in ch-gva-2, one node and one Elastic IP in de-fra-1.</summary>
internal static class TestSeed
{
    public const string Zone = "ch-gva-2";
    public const string OtherZone = "de-fra-1";
    public const string GroupId = "6d2b8f4e-0c2a-4a55-9f66-1f0c3a6f7b10";
    public const string ElasticIpId = "5a30ca7d-b1e7-430a-a46a-c6ecefec4305";
    public const string ElasticIp = "198.51.100.50";
    public const string OtherZoneElasticIpId = "0f4a8c1e-7d3b-4e6a-9b2c-5d8e1f7a3c90";
    public const string NodeA = "e2e09c60-426f-43c4-8f8c-93cfb28b28e4";
    public const string NodeAIp = "192.0.2.11";
    public const string NodeB = "7c1d3a52-9e84-4b0f-a6d2-3f5b8c9e0a21";
    public const string NodeBIp = "192.0.2.12";
    public const string OtherZoneNode = "b3f0e6d1-2a4c-4f8e-8d7b-6c5a4b3e2f10";

    public static readonly ApiCredentials Credentials = new("EXOtestkey0000000000000000", "test-secret-of-the-emulator");

    public static EmulatorSeed Create() => new()
    {
        Zone = Zone,
        Credentials = [new SeedCredentials { Key = Credentials.Key, Secret = Credentials.Secret }],
        SecurityGroups = [new SeedSecurityGroup { Id = GroupId, Name = "exoip" }],
        ElasticIps =
        [
            new SeedElasticIp { Id = ElasticIpId, Ip = ElasticIp, Description = "web VIP" },
            new SeedElasticIp { Id = OtherZoneElasticIpId, Ip = "198.51.100.60", Zone = OtherZone },
        ],
        Instances =
        [
            new SeedInstance { Id = NodeA, Name = "node-a", PublicIp = NodeAIp, SecurityGroups = [GroupId] },
            new SeedInstance { Id = NodeB, Name = "node-b", PublicIp = NodeBIp, SecurityGroups = [GroupId] },
            new SeedInstance { Id = OtherZoneNode, Name = "node-fra", PublicIp = "192.0.2.21", Zone = OtherZone },
        ],
        MetadataInstance = NodeA,
    };

    public static Task<ExoscaleEmulator> StartAsync(EmulatorSeed? seed = null) =>
        ExoscaleEmulator.StartAsync(new EmulatorOptions { Seed = seed ?? Create() });
}
