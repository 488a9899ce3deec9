using System;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

public sealed class MetadataClientTests : IAsyncLifetime
{
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Reads_the_instance_id_zone_and_public_address()
    {
        _bed.Emulator.State.SetDefaultMetadataInstance(NodeA);
        using var metadata = new MetadataClient(_bed.Emulator.MetadataEndpoint());

        Assert.Equal(NodeA, await metadata.GetInstanceIdAsync());
        Assert.Equal(Zone, await metadata.GetZoneAsync());
        Assert.Equal(IPAddress.Parse(NodeAAddress), await metadata.GetPublicIPv4Async());
    }

    [Fact]
    public async Task Reads_another_instance_through_its_own_base_url_without_a_trailing_slash()
    {
        var withoutSlash = new Uri(_bed.Emulator.MetadataEndpoint(NodeB).AbsoluteUri.TrimEnd('/'));
        using var metadata = new MetadataClient(withoutSlash);

        Assert.EndsWith("/", metadata.BaseUrl.AbsoluteUri);
        Assert.Equal(NodeB, await metadata.GetInstanceIdAsync());
        Assert.Equal(IPAddress.Parse(NodeBAddress), await metadata.GetPublicIPv4Async());
    }

    [Fact]
    public async Task No_service_at_the_address_is_unavailable_with_advice()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}/latest/meta-data/");
        using var metadata = new MetadataClient(url);

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetInstanceIdAsync());

        Assert.Equal(new Uri(url, "instance-id"), error.Url);
        Assert.Contains(url + "instance-id", error.Message);
        Assert.Contains("does not look like an Exoscale instance", error.Message);
        Assert.Contains("give the instance id explicitly", error.Message);
    }

    [Fact]
    public async Task An_error_status_is_unavailable()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "instance-id$", StatusCode = 500 });
        using var metadata = new MetadataClient(_bed.Emulator.MetadataEndpoint(NodeA));

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetInstanceIdAsync());

        Assert.Contains("answered 500", error.Reason);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_unavailable()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "availability-zone$", Hang = true });
        using var metadata = new MetadataClient(_bed.Emulator.MetadataEndpoint(NodeA), TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetZoneAsync());

        Assert.Equal("no answer within 300 ms", error.Reason);
    }

    [Fact]
    public async Task Content_that_is_not_what_was_asked_for_is_unavailable()
    {
        // What a captive portal or some other web server on that address would answer.
        var port = ClosedPort();
        using var portal = new HttpListener();
        portal.Prefixes.Add($"http://127.0.0.1:{port}/");
        portal.Start();
        var answering = Task.Run(async () =>
        {
            var context = await portal.GetContextAsync();
            var page = System.Text.Encoding.UTF8.GetBytes("<html>Welcome to the hotel Wi-Fi</html>");
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        });
        using var metadata = new MetadataClient(new Uri($"http://127.0.0.1:{port}/latest/meta-data/"));

        var error = await Assert.ThrowsAsync<MetadataUnavailableException>(() => metadata.GetInstanceIdAsync());

        await answering;
        Assert.Contains("'<html>Welcome to the hotel Wi-Fi</html>' is not an instance id", error.Reason);
    }

    [Theory]
    [InlineData("ftp://169.254.169.254/latest/meta-data/")]
    [InlineData("latest/meta-data/")]
    public void Refuses_base_urls_that_are_not_http(string url) =>
        Assert.Throws<ArgumentException>(() => new MetadataClient(new Uri(url, UriKind.RelativeOrAbsolute)));

    [Fact]
    public void Defaults_to_the_link_local_service_with_a_short_timeout()
    {
        using var metadata = new MetadataClient();
        Assert.Equal(new Uri("http://169.254.169.254/latest/meta-data/"), metadata.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(2), metadata.Timeout);
    }
}
