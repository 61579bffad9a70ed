using System.Globalization;
using Xinyong.Catalog;
using Xinyong.Text;

namespace Xinyong.Disclosure;

/// <summary>
/// 两书同达 (国办发〔2025〕22号): the notice of how to repair served with the decision itself. The text the subject's
/// message for a collected penalty (or other negative record) and for a serious-dishonesty listing carries: the tier,
/// the window, the earliest repair date and the conditions.
/// </summary>
public static class RepairNotice
{
    /// <summary>The title of the message for a collected negative record.</summary>
    public const string RecordTitle = "失信信息告知及信用修复提示";

    /// <summary>The message for a negative record collected on the platform.</summary>
    public static string ForRecord(CatalogItem item, string? authority, string? decisionNumber, DateOnly? decided, RecordWindow window) =>
        Render(TextHoles.None, item, authority, decisionNumber, decided, window);

    /// <summary>
    /// The message of <see cref="ForRecord"/> as a template the records of one item, rule and window shape share, and the
    /// values of this record (the authority, the decision date and number, the dates of the window): filled, it is
    /// exactly the text of <see cref="ForRecord"/>.
    /// </summary>
    public static TextWithHoles ForRecordWithHoles(CatalogItem item, string? authority, string? decisionNumber, DateOnly? decided, RecordWindow window)
    {
        var t = TextHoles.Start();
        return t.Finish(Render(t, item, authority, decisionNumber, decided, window));
    }

    private static string Render(TextHoles t, CatalogItem item, string? authority, string? decisionNumber, DateOnly? decided, RecordWindow window)
    {
        var what = $"{(authority is null ? "认定单位" : t.Value(authority))}{(decided is { } d ? $"于{t.Value(Day(d))}" : "")}作出的{t.Text(item.Name)}{(decisionNumber is null ? "" : $"（{t.Value(decisionNumber)}）")}已归集至信用平台。";
        var plain = window.Plain(t);
        if (window.Conditions.Count == 0) return what + plain;
        var how = new string[window.Conditions.Count];
        for (var i = 0; i < how.Length; i++) how[i] = $"{i + 1}. {window.Condition(t, i)}";
        return what + plain + "信用修复条件（须同时具备）：" + string.Join("；", how) + "。可以通过信用平台网上申请，或者向认定单位、公共信用工作机构的服务窗口申请。";
    }

    /// <summary>The sentence added to the written decision of a serious-dishonesty listing: from when and how it can be repaired.</summary>
    /// <param name="startsOn">The first day of the listing.</param>
    /// <param name="minMonths">The minimum window of serious information (12 months).</param>
    /// <param name="unit">The deciding unit's name.</param>
    public static string ForListing(DateOnly startsOn, int minMonths, string unit) =>
        $"信用修复告知：纠正失信行为、履行相关义务并作出公开信用承诺后，可以自{Day(startsOn.AddMonths(minMonths))}起向{unit}或者公共信用工作机构申请信用修复（《信用修复管理办法》：严重失信信息最短公示期{minMonths}个月）。";

    private static string Day(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
