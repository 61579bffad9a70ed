using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Xinyong.Application.SignIn;
using Xinyong.Security;

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
        s.AddSignInCore();
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

    /// <summary>The claim that starts a session's absolute lifetime.</summary>
    public static Claim SignedInAt(TimeProvider clock) =>
        new(SignedInAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
