using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Xinyong.Web.Api;

/// <summary>
/// Authentication for the API and the portal: API calls carry a bearer token; portal visitors sign in and carry a
/// cookie. A policy scheme picks the right one per request, so the same authorization policies (provider, department,
/// staff, institution, subject) guard both. An API caller that is refused gets problem+json; a page visitor is sent
/// to <c>/signin</c>.
/// </summary>
public static class PortalAuthentication
{
    /// <summary>The scheme that chooses between bearer and cookie.</summary>
    public const string Smart = "Smart";

    /// <summary>The portal's cookie scheme.</summary>
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The claim that says what kind of account a principal is: provider, department, staff, institution, subject.</summary>
    public const string KindClaim = "kind";

    /// <summary>Registers authentication and the authorization policies.</summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection s, Secrets secrets)
    {
        s.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(secrets.PathOf("data-protection"))).SetApplicationName("xinyong");
        s.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "bearer or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || http.Request.Path.StartsWithSegments("/api")
                    ? BearerAuthentication.SchemeName
                    : Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null)
            .AddCookie(Cookie, o =>
            {
                o.Cookie.Name = "xinyong";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                // The session's idle and absolute lifetime: Features/SignIn/SignInFeature (data/security/signin.yaml).
            });
        s.AddAuthorizationBuilder()
            .AddPolicy(Policies.Provider, p => p.RequireClaim(KindClaim, AccountKinds.Provider))
            .AddPolicy(Policies.Department, p => p.RequireClaim(KindClaim, AccountKinds.Department))
            .AddPolicy(Policies.Staff, p => p.RequireClaim(KindClaim, AccountKinds.Staff))
            .AddPolicy(Policies.Institution, p => p.RequireClaim(KindClaim, AccountKinds.Institution))
            .AddPolicy(Policies.Subject, p => p.RequireClaim(KindClaim, Policies.Subject));
        return s;
    }

    /// <summary>The claims of an account principal (bearer or cookie).</summary>
    public static ClaimsPrincipal PrincipalOf(Account a, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, a.Code), new(ClaimTypes.Name, a.Name), new(KindClaim, a.Kind) };
        if (a.Role is { } role) claims.Add(new Claim(ClaimTypes.Role, role));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The claim holding a signed-in subject's internal id.</summary>
    public const string SubjectIdClaim = "subject_id";

    /// <summary>Signs a credit subject in to its self-query (a cookie).</summary>
    public static Task SignInSubject(this HttpContext http, Xinyong.Storage.Subjects.SubjectRow s)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, s.Ref), new(ClaimTypes.Name, s.Name), new(KindClaim, Policies.Subject),
            new(SubjectIdClaim, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Features.SignIn.SignInFeature.SignedInAt(http.RequestServices.GetRequiredService<TimeProvider>()),
        };
        return http.SignInAsync(Cookie, new ClaimsPrincipal(new ClaimsIdentity(claims, Cookie)));
    }

    /// <summary>The signed-in subject's internal id, or null when the caller is not a signed-in subject.</summary>
    public static long? SubjectIdOf(this HttpContext http) =>
        http.User.FindFirst(KindClaim)?.Value == Policies.Subject && long.TryParse(http.User.FindFirst(SubjectIdClaim)?.Value, out var id) ? id : null;

    /// <summary>Signs an account in to the portal (a cookie).</summary>
    public static Task SignInAccount(this HttpContext http, Account a)
    {
        var principal = PrincipalOf(a, Cookie);
        ((ClaimsIdentity)principal.Identity!).AddClaim(Features.SignIn.SignInFeature.SignedInAt(http.RequestServices.GetRequiredService<TimeProvider>()));
        return http.SignInAsync(Cookie, principal);
    }
}
