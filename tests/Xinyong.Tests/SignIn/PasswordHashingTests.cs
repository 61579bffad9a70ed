using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Xinyong.Application.SignIn;

namespace Xinyong.Tests.SignIn;

/// <summary>
/// The password hashing of the application layer (used by the portal and by <c>xinyong user</c> without the web host)
/// reads and writes the format of ASP.NET Core Identity's hasher, which stored every password before it.
/// </summary>
public sealed class PasswordHashingTests
{
    private readonly Pbkdf2PasswordHashing _ours = new();

    private static PasswordHasher<string> Framework(int iterations = 100_000, PasswordHasherCompatibilityMode mode = PasswordHasherCompatibilityMode.IdentityV3) =>
        new(Options.Create(new PasswordHasherOptions { IterationCount = iterations, CompatibilityMode = mode }));

    [Fact]
    public void A_hash_written_by_the_framework_verifies_and_a_wrong_password_does_not()
    {
        var hash = Framework().HashPassword("", "correct horse 电池 staple");
        Assert.True(_ours.Verify(hash, "correct horse 电池 staple", out var rehash));
        Assert.False(rehash);
        Assert.False(_ours.Verify(hash, "correct horse 电池 stapler", out _));
    }

    [Fact]
    public void A_hash_written_here_verifies_with_the_framework()
    {
        var hash = _ours.Hash("s3cret-密码");
        Assert.Equal(PasswordVerificationResult.Success, Framework().VerifyHashedPassword("", hash, "s3cret-密码"));
        Assert.Equal(PasswordVerificationResult.Failed, Framework().VerifyHashedPassword("", hash, "s3cret-密"));
        Assert.NotEqual(hash, _ours.Hash("s3cret-密码"));   // a salt of its own each time
        Assert.True(_ours.Verify(hash, "s3cret-密码", out var rehash));
        Assert.False(rehash);
    }

    [Fact]
    public void Weaker_stored_hashes_verify_and_ask_to_be_rehashed_as_the_framework_does()
    {
        var fewer = Framework(iterations: 10_000).HashPassword("", "pw-12345678");
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Framework().VerifyHashedPassword("", fewer, "pw-12345678"));
        Assert.True(_ours.Verify(fewer, "pw-12345678", out var r1));
        Assert.True(r1);

        var v2 = Framework(mode: PasswordHasherCompatibilityMode.IdentityV2).HashPassword("", "pw-12345678");
        Assert.True(_ours.Verify(v2, "pw-12345678", out var r2));
        Assert.True(r2);
        Assert.False(_ours.Verify(v2, "pw-87654321", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AQ==")]
    public void Malformed_stored_hashes_do_not_verify(string stored) => Assert.False(_ours.Verify(stored, "anything", out _));
}
