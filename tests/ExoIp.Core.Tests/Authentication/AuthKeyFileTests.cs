using System;
using System.IO;
using System.Security;
using ExoIp.Authentication;

namespace ExoIp.Tests.Authentication;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the permission checks are Unix file modes
public sealed class AuthKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = KeyFileDirectory.OwnerOnly;
    private readonly KeyFileDirectory _files = new();
    private string Directory => _files.Path;

    public void Dispose() => _files.Dispose();

    private string Write(string content, UnixFileMode mode) => _files.Write(content, mode);

    [Fact]
    public void Reads_the_first_line_trimmed_as_utf8()
    {
        var path = Write("  exoip-test-vector-key-0123456789 \r\nsecond line is ignored\n", OwnerOnly);
        var key = AuthKeyFile.Read(path);
        Assert.Equal(AuthKey.FromText("exoip-test-vector-key-0123456789", "test").Id, key.Id);
        Assert.Equal("0cb58654", key.IdText);
        Assert.Equal("key 0cb58654", key.ToString());
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void Refuses_a_file_the_group_or_others_may_access(UnixFileMode extra)
    {
        var path = Write("exoip-test-vector-key-0123456789\n", OwnerOnly | extra);
        var error = Assert.Throws<AuthKeyException>(() => AuthKeyFile.Read(path));
        Assert.Equal(AuthKeyProblem.FileTooOpen, error.Problem);
        Assert.Contains(path, error.Message);
        Assert.Contains("chmod 600", error.Message);
        Assert.Contains(Convert.ToString((int)(OwnerOnly | extra), 8), error.Message);
        Assert.DoesNotContain("exoip-test-vector-key", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n0123456789abcdef0123")]
    [InlineData("fifteen-bytes!!")]
    public void Refuses_a_key_under_16_bytes(string content)
    {
        var path = Write(content, OwnerOnly);
        var error = Assert.Throws<AuthKeyException>(() => AuthKeyFile.Read(path));
        Assert.Equal(AuthKeyProblem.TooShort, error.Problem);
        Assert.Contains(path, error.Message);
        if (content.Length > 0) Assert.DoesNotContain(content.Trim(), error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Directory, "absent");
        var error = Assert.Throws<AuthKeyException>(() => AuthKeyFile.Read(path));
        Assert.Equal(AuthKeyProblem.FileNotFound, error.Problem);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Creates_an_owner_only_file_with_a_random_base64_key_and_refuses_to_overwrite_it()
    {
        var path = Path.Combine(Directory, "key");
        var created = AuthKeyFile.Create(path, overwrite: false);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var lines = File.ReadAllLines(path);
        Assert.Single(lines);
        Assert.Equal(AuthKeyFile.NewKeyBytes, Convert.FromBase64String(lines[0]).Length);
        Assert.Equal(created.Id, AuthKeyFile.Read(path).Id);
        Assert.Single(System.IO.Directory.GetFiles(Directory)); // no temporary file left behind

        var error = Assert.Throws<AuthKeyException>(() => AuthKeyFile.Create(path, overwrite: false));
        Assert.Equal(AuthKeyProblem.FileExists, error.Problem);
        Assert.Equal(created.Id, AuthKeyFile.Read(path).Id);

        var replaced = AuthKeyFile.Create(path, overwrite: true);
        Assert.NotEqual(created.Id, replaced.Id);
        Assert.Equal(replaced.Id, AuthKeyFile.Read(path).Id);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Overwriting_a_readable_file_leaves_it_owner_only()
    {
        var path = Write("an old key that anyone could read\n", OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.GroupRead);
        AuthKeyFile.Create(path, overwrite: true);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_a_clear_error()
    {
        var error = Assert.Throws<AuthKeyException>(() => AuthKeyFile.Create(Path.Combine(Directory, "no", "key"), overwrite: false));
        Assert.Equal(AuthKeyProblem.FileUnwritable, error.Problem);
    }

    [Fact]
    public void A_secure_string_gives_the_same_key_as_its_text()
    {
        using var secret = new SecureString();
        foreach (var c in " exoip-test-vector-key-0123456789 ") secret.AppendChar(c);
        Assert.Equal("0cb58654", AuthKey.FromSecureString(secret, "test").IdText);
        using var shortSecret = new SecureString();
        foreach (var c in "short") shortSecret.AppendChar(c);
        Assert.Equal(AuthKeyProblem.TooShort, Assert.Throws<AuthKeyException>(() => AuthKey.FromSecureString(shortSecret, "-AuthKey")).Problem);
    }

    [Fact]
    public void A_ring_takes_one_or_two_keys_and_one_key_given_twice_is_one()
    {
        var a = AuthKey.FromText("exoip-test-vector-key-0123456789", "test");
        var b = AuthKey.FromText("the-next-key-of-at-least-16-bytes", "test");
        Assert.Equal(new[] { a, b }, AuthKeyRing.From(new[] { a, b }).Keys);
        Assert.Equal(new[] { a }, AuthKeyRing.From(new[] { a, AuthKey.FromText("exoip-test-vector-key-0123456789", "again") }).Keys);
        Assert.Equal(AuthKeyProblem.WrongCount, Assert.Throws<AuthKeyException>(() => AuthKeyRing.From(Array.Empty<AuthKey>())).Problem);
        Assert.Equal(AuthKeyProblem.WrongCount, Assert.Throws<AuthKeyException>(() => AuthKeyRing.From(new[] { a, b, a })).Problem);
        Assert.Equal("0cb58654 (next " + b.IdText + ")", AuthKeyRing.From(new[] { a, b }).ToString());
    }
}
