namespace Xinyong.Web.Platform;

/// <summary>
/// The security headers of every response, pages, API answers and errors alike (added when the response starts, so an
/// error page written by the exception handler carries them too): a Content-Security-Policy the portal satisfies (it
/// has no inline script or style and loads only its own style sheet), no MIME sniffing, no framing, no referrer.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy of every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task Invoke(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var h = ((HttpContext)state).Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
