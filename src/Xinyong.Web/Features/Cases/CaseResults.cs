using System.Globalization;
using System.Text.Json;
using Xinyong.Cases;
using Xinyong.Repairs;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Cases;

/// <summary>The applicant of a case in a JSON body (objections, repairs).</summary>
public sealed record ApplicantBody(string? Name, string? Contact);

/// <summary>A file in a JSON body: its name, media type and base64 content.</summary>
public sealed record AttachmentBody(string? FileName, string? ContentType, string? Content);

/// <summary>Runs the steps of objection and repair endpoints: resolves the caller; refusals go to the one handler.</summary>
public static class CaseResults
{
    /// <summary>Runs <paramref name="action"/> for the caller; 401 without one (a <see cref="Refusal"/> is answered by <see cref="RefusalHandler"/>).</summary>
    public static async Task<IResult> Run(HttpContext http, Func<Caller, IResult> action)
    {
        var caller = await Callers.Of(http);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Of(StatusCodes.Status401Unauthorized, "需要登录或有效的访问令牌",
                "信用主体请先登录信用平台；工作人员和单位请携带有效的 Authorization: Bearer 令牌");
        }
        return action(caller);
    }

    /// <summary>An optional date field (yyyy-MM-dd).</summary>
    public static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw Refusal.Invalid("case.invalid-date", $"“{value}”不是日期（格式如2026-09-30）");

    /// <summary>An id given as a JSON number or a string of digits; null when absent.</summary>
    public static long? Id(JsonElement? value, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) && n > 0 => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw Refusal.Invalid("case.invalid-id", "须为记录编号（正整数）"),
    };

    /// <summary>Files given as base64 in a JSON body.</summary>
    public static IReadOnlyList<NewAttachment> Files(IReadOnlyList<AttachmentBody>? files)
    {
        var list = new List<NewAttachment>();
        foreach (var f in files ?? [])
        {
            var content = f.Content ?? "";
            var bytes = new byte[content.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(content, bytes, out var length))
                throw Refusal.Invalid("case.invalid-attachments", $"“{f.FileName}”的内容须为base64编码");
            Array.Resize(ref bytes, length);
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
            if (f.Length > CaseAttachments.MaxBytes) throw Refusal.Invalid("case.invalid-attachments", $"附件“{f.FileName}”超过5MB");
            using var m = new MemoryStream();
            await f.CopyToAsync(m);
            list.Add(new NewAttachment(f.FileName, f.ContentType, m.ToArray()));
        }
        return list;
    }
}
