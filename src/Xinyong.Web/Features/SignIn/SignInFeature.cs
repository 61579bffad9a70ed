using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xinyong.Application.SignIn;
using Xinyong.Security;
using Xinyong.Storage.SignIn;

namespace Xinyong.Web.Features.SignIn;

/// <summary>
/// The portal sign-in of accounts (password + TOTP), their enrolment, subjects' self-registration, and the session
/// lifetime (idle and absolute, <c>data/security/signin.yaml</c> section <c>session</c>).
/// </summary>
public static class SignInFeature
{
    /// <summary>The claim holding when the session began (Unix seconds): the session ends <see cref="PortalSessionRules.Absolute"/> after it.</summary>
    public const string SignedInAtClaim = "signed_in_at";

    /// <summary>Registers the sign-in services and the session lifetime of the portal cookie.</summary>
    public static IServiceCollection AddSignIn(this IServiceCollection s, PlatformOptions o)
    {
        s.AddSingleton<AccountSignInStore>();
        s.AddSingleton<SubjectRegistrationStore>();
        s.AddSingleton<IPasswordHashing, FrameworkPasswordHashing>();
        s.TryAddSingleton<IVerificationSender>(sp => new FileVerificationSender(MessagesFile(sp.GetRequiredService<Secrets>()), sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<AccountSignIn>();
        s.AddSingleton<SubjectRegistration>();
        s.AddOptions<CookieAuthenticationOptions>(PortalAuthentication.Cookie).Configure<SignInRules, TimeProvider>((c, rules, clock) =>
        {
            c.TimeProvider = clock;
            c.ExpireTimeSpan = rules.Session.Idle;   // idle: the cookie slides with every request and expires after this long without one
            c.SlidingExpiration = true;
            c.Events.OnValidatePrincipal = ctx =>
            {
                // absolute: however active, the session ends this long after the sign-in
                var at = ctx.Principal?.FindFirst(SignedInAtClaim)?.Value;
                if (at is null || !long.TryParse(at, out var unix) || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unix) >= rules.Session.Absolute)
                {
                    ctx.RejectPrincipal();
                    return ctx.HttpContext.SignOutAsync(PortalAuthentication.Cookie);
                }
                return Task.CompletedTask;
            };
        });
        return s;
    }

    /// <summary>Where the development sender writes verification messages: <c>messages/verification.jsonl</c> beside the keys folder.</summary>
    public static string MessagesFile(Secrets secrets) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(secrets.Directory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", "messages", "verification.jsonl");

    /// <summary>The claim that starts a session's absolute lifetime.</summary>
    public static Claim SignedInAt(TimeProvider clock) =>
        new(SignedInAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Passwords hashed by the framework's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000 iterations, per-password salt).</summary>
public sealed class FrameworkPasswordHashing : IPasswordHashing
{
    private readonly PasswordHasher<string> _hasher = new();

    /// <inheritdoc />
    public string Hash(string password) => _hasher.HashPassword("", password);

    /// <inheritdoc />
    public bool Verify(string hash, string password, out bool rehash)
    {
        var r = _hasher.VerifyHashedPassword("", hash, password);
        rehash = r == PasswordVerificationResult.SuccessRehashNeeded;
        return r != PasswordVerificationResult.Failed;
    }
}
