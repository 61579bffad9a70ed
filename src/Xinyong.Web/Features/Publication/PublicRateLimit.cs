using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Xinyong.Web.Features.Publication;

/// <summary>
/// The per-client limit on public search and subject pages (the public endpoints resist scraping):
/// <see cref="PlatformOptions.SearchRatePerMinute"/> requests per minute per client address (0 = no limit).
/// A refused request gets 429 with <c>Retry-After</c>: problem+json for the API, a Chinese page for the portal.
/// </summary>
public static class PublicRateLimit
{
    /// <summary>The policy name endpoints and pages opt into.</summary>
    public const string Policy = "public-query";

    /// <summary>Registers the limiter.</summary>
    public static IServiceCollection AddPublicRateLimit(this IServiceCollection s, int perMinute) => s.AddRateLimiter(o =>
    {
        o.AddPolicy(Policy, http => perMinute <= 0
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        o.OnRejected = (ctx, ct) => Reject(ctx.HttpContext, ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1), ct);
    });

    /// <summary>The client a request is counted against: its remote address.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static async ValueTask Reject(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"查询过于频繁，请在{seconds}秒后重试";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Problems.Write(http, StatusCodes.Status429TooManyRequests, "请求过于频繁", detail);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>查询过于频繁</title><link rel="stylesheet" href="/static/site.css" /></head>
            <body><main class="wrap"><h1>查询过于频繁</h1>
            <p class="notice" role="alert">为保障平台正常运行，每个访问者每分钟的查询次数有限。请在 <strong>{{seconds}}</strong> 秒后重试。</p>
            <p><a href="/">返回首页</a></p></main></body></html>
            """, ct);
    }
}
