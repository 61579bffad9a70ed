using Microsoft.AspNetCore.Diagnostics;

namespace Xinyong.Web.Pages;

/// <summary>
/// The portal's one error page, in Chinese: a refusal's message with its kind, a page that does not exist, or an error
/// of the platform (never a stack trace or an internal code).
/// </summary>
[AccessRule(AccessRules.Public)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The heading.</summary>
    public string Title { get; private set; } = "出错了";

    /// <summary>The sentence for the reader.</summary>
    public string Message { get; private set; } = "";

    /// <summary>The status shown.</summary>
    public int Status { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    /// <summary>The Chinese heading and sentence of an HTTP status for a page that has no body of its own.</summary>
    public static (string Title, string Message) Describe(int status) => status switch
    {
        404 => ("页面不存在", "您访问的页面不存在或已被删除，请检查网址，或从首页重新进入。"),
        403 => ("无权访问", "您没有访问该页面的权限。"),
        429 => ("访问过于频繁", "您的访问过于频繁，请稍后再试。"),
        400 => ("请求内容有误", "请求内容有误，请返回上一页检查后重新提交。"),
        413 => ("提交内容过大", "提交的内容超过了允许的大小。"),
        _ => ("出错了", "请求未能完成，请稍后再试。"),
    };

    private void Describe(int? status)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is Refusal r)
        {
            Status = RefusalHandler.StatusOf(r.Kind);
            Title = RefusalHandler.TitleOf(r.Kind);
            Message = r.Message;
        }
        else if (error is not null)
        {
            Status = 500;
            Title = "系统内部错误";
            Message = "系统出现错误，请稍后再试；如仍有问题请联系平台运维人员。";
        }
        else
        {
            Status = status is >= 400 and <= 599 ? status.Value : 404;
            (Title, Message) = Describe(Status);
        }
        Response.StatusCode = Status;
    }
}
