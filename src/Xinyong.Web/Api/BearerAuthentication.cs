using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Xinyong.Web.Api;

/// <summary>
/// Bearer tokens of provider units, departments, staff and institutions (<c>Authorization: Bearer xy_…</c>). A failed
/// challenge answers 401 and a refused one 403, both as <c>application/problem+json</c>.
/// </summary>
public sealed class BearerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Bearer";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var account = accounts.Authenticate(header["Bearer ".Length..]);
        if (account is null) return Task.FromResult(AuthenticateResult.Fail("unknown or revoked token"));
        Context.Items[typeof(Account)] = account;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(PortalAuthentication.PrincipalOf(account, SchemeName), SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "需要有效的访问令牌",
            "请求须携带有效的 Authorization: Bearer 令牌");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, RefusalHandler.TitleOf(RefusalKind.Forbidden),
            "该令牌所属账户无此权限");
}

/// <summary>Authorization policies by account kind.</summary>
public static class Policies
{
    public const string Provider = "provider";
    public const string Department = "department";
    public const string Staff = "staff";
    public const string Institution = "institution";
    /// <summary>A credit subject signed in to its self-query.</summary>
    public const string Subject = "subject";

    /// <summary>
    /// The account of the request (bearer token or portal cookie), or null for anonymous callers and signed-in subjects.
    /// </summary>
    public static Account? AccountOf(this HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(Account), out var cached)) return cached as Account;
        var kind = http.User.FindFirst(PortalAuthentication.KindClaim)?.Value;
        var code = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        Account? a = null;
        if (code is not null && kind is not null && kind != Subject)
            a = http.RequestServices.GetRequiredService<AccountStore>().Get(code);
        http.Items[typeof(Account)] = a;
        return a;
    }
}
