using System.Globalization;
using System.Text.Json;
using Xinyong.Deadlines;
using Xinyong.Repairs;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Web.Api;

namespace Xinyong.Web.Features.Deadlines;

/// <summary>A file in a JSON body: its name, media type and base64 content.</summary>
public sealed record AttachmentBody(string? FileName, string? ContentType, string? Content);

/// <summary>Runs the steps of objection and repair endpoints: resolves the caller and turns refusals into problem+json.</summary>
public static class CaseResults
{
    /// <summary>Runs <paramref name="action"/> for the caller; 401 without one; rule refusals as 400/403/404/409/422.</summary>
    public static async Task<IResult> Run(HttpContext http, Func<Caller, IResult> action)
    {
        var caller = await Callers.Of(http);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Of(StatusCodes.Status401Unauthorized, "需要登录或有效的访问令牌 / authentication required",
                "信用主体请先登录信用平台；工作人员和单位请携带有效的 Authorization: Bearer 令牌 / subjects sign in; units and staff send a bearer token");
        }
        try { return action(caller); }
        catch (CaseException ex) { return Problem(ex.Status, ex.Message); }
        catch (RecordChangeException ex)
        {
            return ex.Errors.Count > 0 ? Problems.Invalid(ex.Message, ex.Errors) : Problem(ex.Status, ex.Message);
        }
        catch (RepairIneligibleException ex)
        {
            var e = ex.Eligibility;
            return Results.Problem(detail: e.Reason, title: "不符合信用修复条件 / not eligible for credit repair", statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["earliestDate"] = e.EarliestDate is { } d ? CaseViews.Iso(d) : null });
        }
    }

    /// <summary>A refusal with the title that fits its status.</summary>
    public static IResult Problem(int status, string detail) => Problems.Of(status, status switch
    {
        403 => "无权执行此操作 / forbidden",
        404 => "未找到 / not found",
        409 => "与当前状态冲突 / conflict",
        422 => "不符合办理条件 / not possible",
        _ => "请求内容有误 / invalid request",
    }, detail);

    /// <summary>An optional date field (yyyy-MM-dd).</summary>
    public static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CaseException(400, $"{field}：“{value}”不是日期（yyyy-MM-dd） / {field}: '{value}' is not a date (yyyy-MM-dd)");

    /// <summary>An id given as a JSON number or a string of digits; null when absent.</summary>
    public static long? Id(JsonElement? value, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) && n > 0 => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw new CaseException(400, $"{field}：须为记录编号（正整数） / {field} must be a positive id"),
    };

    /// <summary>Files given as base64 in a JSON body.</summary>
    public static IReadOnlyList<NewAttachment> Files(IReadOnlyList<AttachmentBody>? files)
    {
        var list = new List<NewAttachment>();
        foreach (var f in files ?? [])
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(f.Content ?? ""); }
            catch (FormatException) { throw new CaseException(400, $"attachments：“{f.FileName}”的内容须为base64编码 / attachments: content of '{f.FileName}' must be base64"); }
            list.Add(new NewAttachment(f.FileName ?? "", f.ContentType ?? "application/octet-stream", bytes));
        }
        return list;
    }

    /// <summary>Files uploaded with a portal form.</summary>
    public static async Task<IReadOnlyList<NewAttachment>> Files(IFormFileCollection files, string name)
    {
        var list = new List<NewAttachment>();
        foreach (var f in files.GetFiles(name).Where(f => f.Length > 0))
        {
            if (f.Length > CaseAttachments.MaxBytes) throw new CaseException(400, $"attachments：附件“{f.FileName}”超过5MB / attachments: '{f.FileName}' is larger than 5 MB");
            using var m = new MemoryStream();
            await f.CopyToAsync(m);
            list.Add(new NewAttachment(f.FileName, f.ContentType, m.ToArray()));
        }
        return list;
    }
}
