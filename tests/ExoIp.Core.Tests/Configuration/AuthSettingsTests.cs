using System;
using System.Collections.Generic;
using System.IO;
using ExoIp.Authentication;
using ExoIp.Configuration;
using ExoIp.Tests.Authentication;

namespace ExoIp.Tests.Configuration;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key files are checked for Unix modes
public sealed class AuthSettingsTests : IDisposable
{
    private readonly KeyFileDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string KeyFile(string name, string key, UnixFileMode mode = KeyFileDirectory.OwnerOnly) => _files.Write(key + "\n", mode, name);

    private static SettingSources Sources(string? parameter, string? variable) => new(
        parameter is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["AuthKeyFile"] = parameter },
        name => name == EnvironmentVariables.AuthKeyFile ? variable : null,
        account: null);

    [Fact]
    public void No_key_file_means_no_authentication()
    {
        Assert.Null(AuthSettings.Resolve(Sources(null, null), new List<string>()));
        Assert.Null(AuthSettings.Resolve(Sources(null, "  "), new List<string>()));
    }

    [Fact]
    public void Reads_IF_AUTH_KEY_FILE_and_says_where_it_came_from()
    {
        var path = KeyFile("key", "exoip-test-vector-key-0123456789");
        var origins = new List<string>();
        var ring = AuthSettings.Resolve(Sources(null, path), origins);
        Assert.Equal("0cb58654", ring!.Current.IdText);
        Assert.Null(ring.Next);
        Assert.Contains(origins, o => o.Contains("IF_AUTH_KEY_FILE") && o.Contains("0cb58654") && !o.Contains("exoip-test-vector"));
    }

    [Fact]
    public void The_parameter_wins_and_two_comma_separated_files_are_current_then_next()
    {
        var current = KeyFile("current", "exoip-test-vector-key-0123456789");
        var next = KeyFile("next", "the-next-key-of-at-least-16-bytes");
        var ring = AuthSettings.Resolve(Sources($"{current}, {next}", KeyFile("ignored", "ignored-key-ignored-key-ignored")), new List<string>());
        Assert.Equal("0cb58654", ring!.Current.IdText);
        Assert.Equal(AuthKey.FromText("the-next-key-of-at-least-16-bytes", "test").Id, ring.Next!.Id);
    }

    [Fact]
    public void A_readable_file_is_refused_naming_the_variable()
    {
        var path = KeyFile("open", "exoip-test-vector-key-0123456789", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Assert.Throws<AuthKeyException>(() => AuthSettings.Resolve(Sources(null, path), new List<string>()));
        Assert.Equal(AuthKeyProblem.FileTooOpen, error.Problem);
        Assert.Contains("IF_AUTH_KEY_FILE", error.Message);
    }

    [Fact]
    public void Three_files_are_refused()
    {
        var a = KeyFile("a", "exoip-test-vector-key-0123456789");
        var error = Assert.Throws<AuthKeyException>(() => AuthSettings.Resolve(Sources($"{a},{a},{a}", null), new List<string>()));
        Assert.Equal(AuthKeyProblem.WrongCount, error.Problem);
        Assert.Contains("-AuthKeyFile", error.Message);
    }
}
