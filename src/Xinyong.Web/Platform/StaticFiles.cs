using System.Collections.Concurrent;

namespace Xinyong.Web.Platform;

/// <summary>The portal's static files (style sheet, icons), embedded in the assembly and served from <c>/static/</c>.</summary>
public static class StaticFiles
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new();

    /// <summary>Maps <c>GET /static/{path}</c>.</summary>
    public static void Map(WebApplication app) =>
        app.MapGet("/static/{**path}", (string path, HttpContext http) =>
        {
            var bytes = Cache.GetOrAdd(path, p =>
            {
                using var s = typeof(StaticFiles).Assembly.GetManifestResourceStream("static/" + p);
                if (s is null) return null;
                using var m = new MemoryStream();
                s.CopyTo(m);
                return m.ToArray();
            });
            if (bytes is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            var type = Path.GetExtension(path) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => "application/octet-stream",
            };
            return Results.Bytes(bytes, type);
        }).ExcludeFromDescription().WithMetadata(new Xinyong.Web.Api.AccessRuleAttribute(Xinyong.Web.Api.AccessRules.Public));
}
