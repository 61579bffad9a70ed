using System.Globalization;
using Xinyong.Catalog;
using Xinyong.Text;

namespace Xinyong.Disclosure;

/// <summary>
/// What a subject and the public are told of a negative record's tier and window (national Credit Repair Measures): the
/// tier and the rule that assigned it, whether it is published, the automatic end of publication, the earliest repair
/// date and the conditions of repair, in plain Chinese.
/// </summary>
/// <param name="Severity">minor, general or serious.</param>
/// <param name="SeverityLabel">轻微失信信息, 一般失信信息, 严重失信信息.</param>
/// <param name="Rule">The rule kept on the record (<c>version:item/rule</c>).</param>
/// <param name="RuleName">What the rule says.</param>
/// <param name="Published">Whether the record is published to the public.</param>
/// <param name="Held">Held under an emergency declaration until the deciding unit confirms it.</param>
/// <param name="DisclosureEnds">The last day of publication (and of sharing and use), when publication then ends automatically.</param>
/// <param name="RepairFrom">The first day a repair may be applied for; null when the item cannot be repaired.</param>
/// <param name="Conditions">The conditions of repair.</param>
public sealed record RecordWindow(
    string Severity, string SeverityLabel, string Rule, string RuleName, bool Published, bool Held, DateOnly? DisclosureEnds, DateOnly? RepairFrom,
    IReadOnlyList<string> Conditions)
{
    /// <summary>The window of a stored negative record, or null for other items.</summary>
    public static RecordWindow? Of(CatalogItem item, string? severity, string? tierRule, bool serious, string publication, DateOnly? publicUntil, DateOnly? repairFrom)
    {
        if (item.Nature != Nature.Negative) return null;
        var tier = Tiers.Parse(severity) ?? (serious ? Tier.Serious : Tier.General);
        var rule = tierRule ?? $"catalog:{item.Code}/{tier.Code()}";
        var name = item.Tiering?.Describe(rule)
                   ?? (rule.StartsWith("catalog:", StringComparison.Ordinal)
                       ? $"目录“{item.Name}”规定的公示期限（{(tier == Tier.Serious ? "严重失信行为1年至3年" : "一般失信行为3个月至1年")}）"
                       : rule);
        var conditions = new List<string>();
        if (item.Repair.Allowed)
        {
            conditions.Add(repairFrom is { } f && tier != Tier.Minor
                ? Earliest(Day(f))
                : "已履行法定责任、纠正失信行为的，即可申请");
            conditions.AddRange(item.Repair.Conditions.Where(c => !c.StartsWith("最短公示期", StringComparison.Ordinal)));
            conditions.Add("申请人作出公开信用承诺（承诺所提交材料真实有效，违背承诺愿意承担相应责任），承诺书随修复结果一并公示");
        }
        return new RecordWindow(tier.Code(), tier.Chinese() + "失信信息", rule, name, publication == RecordPublication.Published, publication == RecordPublication.Held,
            publicUntil, item.Repair.Allowed ? repairFrom : null, conditions);
    }

    /// <summary>The window in one plain Chinese paragraph.</summary>
    public string Plain() => Plain(TextHoles.None);

    /// <summary>The window in one plain Chinese paragraph, its dates as values of <paramref name="t"/> (holes of a template).</summary>
    public string Plain(TextHoles t)
    {
        var parts = new List<string> { $"本条为{t.Text(SeverityLabel)}（认定规则：{t.Text(RuleName)}）" };
        if (Held) parts.Add("因突发事件，该信息暂缓公示，待认定单位确认后再决定是否公示");
        else if (!Published) parts.Add("原则上不向社会公示");
        if (DisclosureEnds is { } e) parts.Add(Published ? $"公示期至{t.Value(Day(e))}届满，届满后自动停止公示" : $"共享使用至{t.Value(Day(e))}届满后自动停止");
        if (RepairFrom is { } r) parts.Add(Severity == "minor" ? "履行法定责任后即可申请信用修复" : $"最早可于{t.Value(Day(r), RepairFromSlot)}申请信用修复");
        else parts.Add("该信息依照法律、法规和国家规定不可修复");
        return string.Join("；", parts) + "。";
    }

    /// <summary>Condition <paramref name="i"/> of repair, the earliest repair date in it a value of <paramref name="t"/>.</summary>
    public string Condition(TextHoles t, int i)
    {
        var c = Conditions[i];
        if (i == 0 && RepairFrom is { } r && c.StartsWith(EarliestStart, StringComparison.Ordinal))
        {
            var day = Day(r);
            if (c == Earliest(day)) return Earliest(t.Value(day, RepairFromSlot));
        }
        return t.Text(c);
    }

    private const string RepairFromSlot = "repair-from";
    private const string EarliestStart = "最短公示期已满（";

    private static string Earliest(string day) => $"{EarliestStart}{day}起可以申请）";

    private static string Day(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
