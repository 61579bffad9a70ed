using Microsoft.AspNetCore.Authentication;

namespace Xinyong.Web.Features.Cases;

/// <summary>Resolves the caller of an API endpoint or a page.</summary>
public static class Callers
{
    /// <summary>
    /// The caller: the account of a bearer token or portal cookie, else a subject signed in to the portal (its cookie is
    /// honoured on the API too, so the portal's own forms and a subject's browser can call it), else null.
    /// </summary>
    public static async Task<Caller?> Of(HttpContext http)
    {
        if (http.AccountOf() is { } account) return new Caller(account, null);
        if (http.SubjectIdOf() is null && !http.Request.Headers.Authorization.Any())
        {
            var cookie = await http.AuthenticateAsync(PortalAuthentication.Cookie);
            if (cookie.Succeeded && cookie.Principal.FindFirst(PortalAuthentication.KindClaim)?.Value == Policies.Subject) http.User = cookie.Principal;
        }
        return http.SubjectIdOf() is { } id && http.RequestServices.GetRequiredService<SubjectStore>().Get(id) is { } s ? new Caller(null, s) : null;
    }
}
