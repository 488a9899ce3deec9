using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

/// <summary>A private instance's metadata from a folder laid out like Exoscale's cidata CD-ROM.</summary>
public sealed class CidataCdRomTests : IAsyncLifetime
{
    private const string DiscInstance = "4f1d2c3b-a5e6-4d7c-8b9a-0f1e2d3c4b5a";
    private readonly string _disc = Directory.CreateTempSubdirectory("exoip-cidata-").FullName;
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ApiTestBed.StartAsync();
        // As on the disc: meta-data beside user-data, "key: value" lines.
        File.WriteAllText(Path.Combine(_disc, "meta-data"), $"instance-id: {DiscInstance}\nlocal-hostname: private-1\navailability-zone: de-fra-1\n");
        File.WriteAllText(Path.Combine(_disc, "user-data"), "#cloud-config\n");
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        Directory.Delete(_disc, recursive: true);
    }

    [Fact]
    public async Task Without_an_HTTP_service_the_instance_id_and_zone_come_from_the_disc()
    {
        using var metadata = new MetadataClient(new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/"), cdRom: _disc);

        Assert.Equal(DiscInstance, await metadata.GetInstanceIdAsync());
        Assert.Equal("de-fra-1", await metadata.GetZoneAsync());
    }

    [Fact]
    public async Task Once_the_service_failed_the_disc_answers_without_asking_it_again()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "/latest/meta-data/", StatusCode = 404 });
        using var metadata = new MetadataClient(_bed.Emulator.MetadataEndpoint(NodeA), cdRom: _disc);

        Assert.Equal(DiscInstance, await metadata.GetInstanceIdAsync());
        var asked = _bed.Emulator.Requests.Count(r => r.Path.Contains("/latest/meta-data/", StringComparison.Ordinal));
        Assert.Equal("de-fra-1", await metadata.GetZoneAsync());
        Assert.Equal(asked, _bed.Emulator.Requests.Count(r => r.Path.Contains("/latest/meta-data/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_HTTP_service_wins_where_it_answers()
    {
        using var metadata = new MetadataClient(_bed.Emulator.MetadataEndpoint(NodeA), cdRom: _disc);

        Assert.Equal(NodeA, await metadata.GetInstanceIdAsync());
    }

    [Fact]
    public async Task A_disc_without_the_value_or_no_disc_is_unavailable_naming_both()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/");
        File.WriteAllText(Path.Combine(_disc, "meta-data"), "local-hostname: private-1\n");
        using var partial = new MetadataClient(closed, cdRom: _disc);
        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => partial.GetInstanceIdAsync());
        Assert.Contains(Path.Combine(_disc, "meta-data") + " has no instance-id", error.Message);

        using var none = new MetadataClient(closed, cdRom: Path.Combine(_disc, "not-mounted"));
        var missing = await Assert.ThrowsAsync<MetadataUnavailableException>(() => none.GetZoneAsync());
        Assert.Contains("no cidata CD-ROM", missing.Message);
    }

    [Theory]
    [InlineData("joliet-rock.iso.gz")]
    [InlineData("joliet.iso.gz")]
    [InlineData("rock.iso.gz")]
    [InlineData("plain.iso.gz")]
    public async Task The_disc_itself_is_read_as_genisoimage_writes_it(string image)
    {
        var path = Unpack(image);
        using var metadata = new MetadataClient(new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/"), cdRom: path);

        Assert.Equal(DiscInstance, await metadata.GetInstanceIdAsync());
        Assert.Equal("de-fra-1", await metadata.GetZoneAsync());
    }

    [Fact]
    public async Task A_damaged_disc_is_unavailable_saying_so()
    {
        var path = Unpack("joliet-rock.iso.gz");
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole.AsSpan(0, 40000).ToArray());
        using var metadata = new MetadataClient(new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/"), cdRom: path);

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetInstanceIdAsync());
        Assert.Contains("the cidata CD-ROM cannot be read", error.Message);
    }

    private string Unpack(string image)
    {
        var path = Path.Combine(_disc, Path.GetFileNameWithoutExtension(image));
        using var source = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Exoscale", "Cidata", image)), CompressionMode.Decompress);
        using var target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    [Fact]
    public async Task A_malformed_id_on_the_disc_is_refused()
    {
        File.WriteAllText(Path.Combine(_disc, "meta-data"), "instance-id: i-not-a-uuid\n");
        using var metadata = new MetadataClient(new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/"), cdRom: _disc);

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetInstanceIdAsync());
        Assert.Contains("is not an instance id", error.Message);
    }
}
