using System.Text.RegularExpressions;

namespace Xinyong.Web.Api;

/// <summary>
/// The one place the problems ASP.NET Core writes on its own (a route that matches nothing, a body of the wrong media
/// type, a method the route does not take, a body it cannot read…) get Chinese texts: every problem body written through
/// <see cref="IProblemDetailsService"/> under <c>/api</c> whose title or detail holds no Chinese gets the Chinese title and
/// sentence of its status. Titles of refusal statuses are <see cref="RefusalHandler.TitleOf"/>'s (one map of titles).
/// Problems the platform writes itself are Chinese already and pass unchanged.
/// </summary>
public static partial class FrameworkProblems
{
    /// <summary>The Chinese title and detail of an HTTP error status for a problem the framework wrote.</summary>
    public static (string Title, string Detail) Describe(int status) => status switch
    {
        400 => (RefusalHandler.TitleOf(RefusalKind.Invalid), "请求内容无法读取或格式不正确，请按接口说明检查后重新提交"),
        401 => ("未登录或身份凭证无效", "请求须携带有效的身份凭证"),
        403 => (RefusalHandler.TitleOf(RefusalKind.Forbidden), "无权访问该地址"),
        404 => (RefusalHandler.TitleOf(RefusalKind.NotFound), "请求的地址不存在或不完整，请按接口说明检查地址"),
        405 => ("不支持该请求方法", "该地址不支持此请求方法，请按接口说明使用正确的方法"),
        406 => ("无法提供所需格式", "该地址无法以请求的格式答复"),
        408 => ("请求超时", "请求未在规定时间内完成，请稍后再试"),
        409 => (RefusalHandler.TitleOf(RefusalKind.Conflict), "请求与资源的当前状态冲突"),
        411 => ("缺少内容长度", "请求须注明内容长度"),
        413 => ("提交内容过大", "提交的内容超过了允许的大小"),
        415 => ("不支持该内容类型", "该地址不接受此内容类型，请按接口说明提交（如表单须为 multipart/form-data）"),
        422 => (RefusalHandler.TitleOf(RefusalKind.RuleNotMet), "请求内容不符合办理条件"),
        429 => ("访问过于频繁", "请求过于频繁，请稍后再试"),
        500 => ("系统内部错误", "系统出现错误，请稍后再试；如仍有问题请联系平台运维人员"),
        503 => ("服务暂不可用", "服务暂时不可用，请稍后再试"),
        _ => ("请求未能完成", $"请求未能完成（状态码{status}），请稍后再试"),
    };

    /// <summary>For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>: Chinese texts for a framework problem of the API.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments("/api")) return;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (status < 400) return;
        var (title, detail) = Describe(status);
        if (problem.Title is null || !Han().IsMatch(problem.Title)) problem.Title = title;
        if (problem.Detail is null || !Han().IsMatch(problem.Detail)) problem.Detail = detail;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
