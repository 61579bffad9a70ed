using Microsoft.AspNetCore.Http.Features;

namespace Xinyong.Web.Platform;

/// <summary>The size class of a request body an endpoint accepts.</summary>
public enum BodySize
{
    /// <summary>Sign-in, forms and JSON: <see cref="PlatformOptions.FormBodyLimit"/> (every endpoint not marked otherwise).</summary>
    Form,

    /// <summary>Attachments and PDFs to verify: <see cref="PlatformOptions.UploadBodyLimit"/>.</summary>
    Upload,

    /// <summary>A provider's import or push: <see cref="PlatformOptions.ImportBodyLimit"/>.</summary>
    Import,
}

/// <summary>Marks an endpoint or a page model as taking a larger body than a form (<see cref="BodySize"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class BodyLimitAttribute(BodySize size) : Attribute
{
    /// <summary>The size class.</summary>
    public BodySize Size { get; } = size;
}

/// <summary>
/// Per-endpoint request body limits: every request may send at most the limit of its endpoint's <see cref="BodySize"/>
/// (small unless the endpoint is marked for uploads). A body announced larger (<c>Content-Length</c>) is refused with
/// 413 before a byte of it is read, and the connection is closed instead of drained. A form-sized body sent without a
/// length (chunked) is read here up to the limit and refused the same way when it goes past it; a larger chunked body
/// (uploads, imports) is cut off by the server at its limit.
/// </summary>
public sealed class BodyLimits(RequestDelegate next, PlatformOptions o)
{
    /// <summary>Marks an API endpoint as taking uploads or imports.</summary>
    public static TBuilder Accepts<TBuilder>(TBuilder b, BodySize size) where TBuilder : IEndpointConventionBuilder =>
        b.WithMetadata(new BodyLimitAttribute(size));

    public async Task Invoke(HttpContext http)
    {
        var size = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimitAttribute>()?.Size ?? BodySize.Form;
        var limit = size switch { BodySize.Upload => o.UploadBodyLimit, BodySize.Import => o.ImportBodyLimit, _ => o.FormBodyLimit };
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit)
        {
            http.Response.Headers.Connection = "close";
            await Refuse(http, limit);
            return;
        }
        if (size == BodySize.Form && http.Request.ContentLength is null && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            // A small body sent without a length (chunked): read it here, within the limit, so an oversize one gets the
            // same 413 answer rather than failing deep inside form or JSON reading.
            var buffer = new MemoryStream();
            try { await http.Request.Body.CopyToAsync(buffer, http.RequestAborted); }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                http.Response.Headers.Connection = "close";
                await Refuse(http, limit);
                return;
            }
            buffer.Position = 0;
            http.Request.Body = buffer;
            http.Request.ContentLength = buffer.Length;
        }
        await next(http);
    }

    private static async Task Refuse(HttpContext http, long limit)
    {
        var size = limit >= 1024 * 1024 ? $"{limit / (1024 * 1024)}MB" : $"{limit / 1024}KB";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Problems.Write(http, StatusCodes.Status413PayloadTooLarge, "请求内容过大",
                $"此接口接受的请求内容不超过{size}");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>提交的内容过大</title><link rel="stylesheet" href="/static/site.css" /></head>
            <body><main class="wrap"><h1>提交的内容过大</h1>
            <p class="notice" role="alert">此页面接受的提交内容不超过 <strong>{{size}}</strong>，本次提交未被处理。请减少或压缩附件后重新提交。</p>
            <p><a href="/">返回首页</a></p></main></body></html>
            """);
    }
}
