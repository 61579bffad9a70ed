using Microsoft.AspNetCore.RateLimiting;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages.Shuanggongshi;

/// <summary>
/// <c>/shuanggongshi/export.csv</c> and <c>/shuanggongshi/export.xlsx</c> with the search's filters: the whole result
/// (up to <see cref="MaxRows"/> rows) as the public sees it, formula cells neutralised. A larger result, or a filter
/// in error, gets a Chinese page saying what to do.
/// </summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class ExportModel(ShuanggongshiSearch search, SubjectViews views, TimeProvider clock) : PageModel
{
    /// <summary>The most rows one export carries.</summary>
    public const int MaxRows = 10_000;

    public Dictionary<string, string> Errors { get; } = [];
    public long Total { get; private set; }
    public string BackUrl { get; private set; } = "/shuanggongshi";

    public IActionResult OnGet(string format, string? type, string? name, string? number, string? authority, string? region, string? from, string? to)
    {
        var q = IndexModel.Read(type, name, number, authority, region, from, to, Errors);
        BackUrl = "/shuanggongshi" + Request.QueryString.Value;
        if (q is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var today = clock.Today();
        Total = search.Total(q, today);
        if (Total > MaxRows)
        {
            Errors["size"] = $"查询结果共 {Total:N0} 条，超过单次导出上限 {MaxRows:N0} 条，请缩小日期范围或增加查询条件后再导出。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var label = IndexModel.Types.Values.First(t => t.Item == q.Item).Label;
        var heading = new[] { "行政相对人名称", "统一社会信用代码（证件号码）", "决定文书号", "决定日期", label == "行政许可" ? "许可机关" : "处罚机关", "公示截止", "详情" };
        var rows = search.All(q, today, MaxRows)
            .Select(x => (x.Subject, View: views.Record(x.Record, x.Subject.IsNaturalPerson, Audience.Public, today)))
            .Where(x => x.View is not null)
            .Select(x => (IReadOnlyList<string>)
            [
                SubjectViews.SubjectName(x.Subject.Name, x.Subject.IsNaturalPerson, Audience.Public),
                x.Subject.IsNaturalPerson ? x.Subject.IdMasked : x.Subject.Ref,
                x.View!.DecisionNumber ?? "", Display.Date(x.View.DecidedOn), x.View.Authority ?? "", Display.PublicUntil(x.View.PublicUntil),
                string.Join("；", x.View.Labels.Where(l => x.View.Fields.ContainsKey(l.Code)).Select(l => $"{l.Label}：{x.View.Fields[l.Code]}")),
            ]).ToList();
        var stamp = today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var file = $"{label}信息_{stamp}";
        return format == "xlsx"
            ? File(TableExport.Xlsx(label, heading, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx")
            : File(TableExport.Csv(heading, rows), "text/csv; charset=utf-8", file + ".csv");
    }
}
