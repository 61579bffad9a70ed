using System.Globalization;
using Xinyong.Publication;

namespace Xinyong.Web.Features.Publication;

/// <summary>How the portal writes dates, times and record states in Chinese.</summary>
public static class Display
{
    /// <summary>A date as yyyy-MM-dd, or a dash.</summary>
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>An instant in Beijing time, yyyy-MM-dd HH:mm.</summary>
    public static string Time(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The end of a disclosure period as a page shows it.</summary>
    public static string PublicUntil(DateOnly? d) => d is null ? "长期公示" : $"公示至{Date(d)}";

    /// <summary>
    /// A record's state as its subject reads it in the self-query. A withheld negative record was repaired (Art. 40:
    /// only negative information is repaired, only positive information may be declined under Art. 37).
    /// </summary>
    public static string State(RecordView r, DateOnly today) => Statuses.Parse<RecordStatus>(r.Status) switch
    {
        var s when s == RecordStatus.Archived => "已归档（公示期满，停止公示）",
        var s when s == RecordStatus.Revoked => "已撤销",
        _ when r.Public => "公示中",
        _ when r.Withheld && r.Nature == "negative" => "已修复（停止公示）",
        _ when r.Withheld => "不予公示",
        _ when PublicationRule.PeriodEnded(r.PublicUntil, today) => "公示期满，待归档",
        _ when r.Open == "conditional" => "有条件开放（授权查询）",
        _ => "不予开放",
    };

    /// <summary>
    /// A record's decision number as its provider wrote it (哈市监罚〔2026〕9801号), for people to read. The record's
    /// <c>DocKey</c> is only the normalized key used to recognise the same decision twice (brackets unified to [ ]),
    /// never shown; it stands in only when the item has no decision-number field.
    /// </summary>
    public static string DecisionNumber(Xinyong.Catalog.CatalogItem? item, Xinyong.Storage.Publication.StoredRecord r) =>
        item?.FieldWith(Xinyong.Catalog.FieldRole.DecisionNumber) is { } f
        && Xinyong.Storage.Collection.RecordJson.Parse(r.Fields).GetValueOrDefault(f.Code) is { Length: > 0 } number
            ? number
            : r.DocKey;

    /// <summary>The Chinese name of a record's nature.</summary>
    public static string Nature(string nature) => nature switch
    {
        "positive" => "守信信息",
        "negative" => "失信信息",
        "basic" => "登记类信息",
        _ => "中性信息",
    };

    /// <summary>The Chinese name of an event in a record's history.</summary>
    public static string EventKind(string kind) => kind switch
    {
        "archived" => "公示期满归档",
        "revoked" => "撤销",
        "corrected" => "更正",
        "objection-marked" => "异议标注",
        "objection-mark-removed" => "取消异议标注",
        "declined-publication" => "申请不予公示",
        "restored" => "恢复公示",
        "repaired" => "信用修复",
        "withheld" => "停止公示",
        "list-ended" => "名单移出",
        "list-decision" => "列入名单时记入",
        "measure-exempted" => "免予实施约束和惩戒措施",
        "emergency-confirmed" => "突发事件期间经认定单位确认公示",
        "emergency-withdrawn" => "突发事件期间经审慎认定撤回",
        "commitment" => "信用承诺",
        "commitment-breach" => "信用承诺未履行",
        "supervision-case" => "营商环境监督案件认定",
        _ => "记录变动",
    };

    /// <summary>Who read a subject's information, in Chinese.</summary>
    public static string ActorKind(string kind) => kind switch
    {
        "institution" => "金融机构、信用服务机构",
        "department" => "政府部门（共享）",
        "staff" => "公共信用工作机构",
        "provider" => "信息提供单位",
        _ => kind,
    };
}

/// <summary>The page number of a paged portal page: <c>?page=N</c>, 1 when absent or not a positive number.</summary>
public static class PageNumbers
{
    /// <summary>The page asked for.</summary>
    public static int Of(HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
}
