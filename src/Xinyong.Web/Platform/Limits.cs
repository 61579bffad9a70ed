using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;

namespace Xinyong.Web.Platform;

/// <summary>
/// The platform's limits against abuse, wired in one place: per-endpoint request body limits (<see cref="BodyLimits"/>),
/// the security headers (<see cref="SecurityHeaders"/>), the open-data rate limit (<see cref="OpenDataRateLimit"/>) and
/// forwarded headers believed only from <see cref="PlatformOptions.KnownProxies"/>. Sign-in throttling lives with the
/// sign-in (<see cref="Xinyong.Storage.Accounts.SignInThrottle"/>).
/// </summary>
public static class Limits
{
    /// <summary>Registers the limits (call once on the builder).</summary>
    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder, PlatformOptions o)
    {
        var largest = Math.Max(o.FormBodyLimit, Math.Max(o.UploadBodyLimit, o.ImportBodyLimit));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = largest);  // lowered per endpoint by BodyLimits
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = largest);
        builder.Services.Configure<ForwardedHeadersOptions>(f =>
        {
            f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            f.KnownProxies.Clear();          // the defaults trust loopback: a local client could claim any address
            f.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005   // the obsolete list is still consulted: clear it too
            f.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            f.ForwardLimit = 1;
            foreach (var proxy in o.KnownProxies) f.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        builder.Services.AddOpenDataRateLimit(o.OpenDataRatePerMinute);
        return builder;
    }

    /// <summary>Puts the limits in the pipeline (call first, before the exception handler).</summary>
    public static WebApplication UseLimits(this WebApplication app)
    {
        // With no known proxy the middleware would believe everyone (empty lists mean "any proxy"): leave it out.
        if (app.Services.GetRequiredService<PlatformOptions>().KnownProxies.Count > 0) app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<BodyLimits>();
        return app;
    }
}
