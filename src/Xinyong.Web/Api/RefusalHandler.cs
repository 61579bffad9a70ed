using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Xinyong.Web.Api;

/// <summary>
/// The one place a <see cref="Refusal"/> becomes HTTP: problem+json for the API (its status by kind, a Chinese title,
/// the Chinese message as detail, the stable <c>code</c> and any details as members), and for the portal the Chinese
/// error page (<c>/error</c>, re-executed by the exception handler middleware). Any other exception of an API call is a
/// 500 problem that says nothing of the inside.
/// </summary>
public sealed class RefusalHandler(ILogger<RefusalHandler> log) : IExceptionHandler
{
    /// <summary>The HTTP status of a refusal kind.</summary>
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.RuleNotMet => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The Chinese title of a refusal kind.</summary>
    public static string TitleOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => "请求内容有误",
        RefusalKind.RuleNotMet => "不符合办理条件",
        RefusalKind.Forbidden => "无权执行此操作",
        RefusalKind.NotFound => "未找到",
        _ => "与当前状态冲突",
    };

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The middleware has already re-pointed the request at /error: the original path is in the feature.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
        if (!path.StartsWithSegments("/api")) return false;   // the portal's error page
        if (http.Response.HasStarted) return false;
        var body = new Dictionary<string, object?>();
        if (exception is Refusal r)
        {
            var status = StatusOf(r.Kind);
            body["type"] = $"https://httpstatuses.io/{status}";
            body["title"] = TitleOf(r.Kind);
            body["status"] = status;
            body["detail"] = r.Message;
            body["code"] = r.Code;
            foreach (var (k, v) in r.Details) body[k] = v;
            http.Response.StatusCode = status;
        }
        else
        {
            log.LogError(exception, "unhandled error on {Path}", http.Request.Path.Value);
            body["type"] = "https://httpstatuses.io/500";
            body["title"] = "系统内部错误";
            body["status"] = 500;
            body["detail"] = "系统出现错误，请稍后再试；如仍有问题请联系平台运维人员";
            body["code"] = "internal";
            http.Response.StatusCode = 500;
        }
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        await http.Response.WriteAsync(JsonSerializer.Serialize(body, ApiJson.Options), ct);
        return true;
    }
}
