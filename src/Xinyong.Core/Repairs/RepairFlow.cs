using Xinyong.Catalog;
using Xinyong.Cases;
using Xinyong.Publication;

namespace Xinyong.Repairs;

/// <summary>Whether a record can be repaired today.</summary>
/// <param name="Eligible">True when an application may be filed.</param>
/// <param name="Code">Why not: not-negative, not-repairable, revoked, archived, already-repaired, too-early.</param>
/// <param name="Reason">Why not, in Chinese.</param>
/// <param name="EarliestDate">For too-early: the first day an application may be filed.</param>
public sealed record RepairEligibility(bool Eligible, string? Code, string? Reason, DateOnly? EarliestDate)
{
    /// <summary>Eligible.</summary>
    public static readonly RepairEligibility Yes = new(true, null, null, null);
}

/// <summary>
/// The rules of credit repair (Art. 40; 《黑龙江省“十四五”社会信用体系建设规划》三（三）): which records may be repaired and from when (the item's
/// repair rule and minimum disclosure period, as data in the catalog), which evidence an application carries, and the
/// steps allowed in each state.
/// </summary>
public static class RepairFlow
{
    /// <summary>Whether a record of <paramref name="item"/> in the given state may be repaired on <paramref name="today"/>.</summary>
    public static RepairEligibility Check(CatalogItem item, PublicationState state, DateOnly? repairFrom, DateOnly today)
    {
        if (item.Nature != Nature.Negative)
            return new(false, "not-negative", "只有失信信息可以申请信用修复", null);
        if (!item.Repair.Allowed)
            return new(false, "not-repairable", $"“{item.Name}”依照法律、法规和国家规定不可修复", null);
        if (state.Status == RecordStatus.Revoked)
            return new(false, "revoked", "该信息已撤销，无需修复", null);
        if (state.Status == RecordStatus.Archived || PublicationRule.PeriodEnded(state.PublicUntil, today))
            return new(false, "archived", "该信息公示期已届满，已停止公示并转为档案保存，无需修复", null);
        if (state.Withheld)
            return new(false, "already-repaired", "该信息已停止公示", null);
        if (repairFrom is { } from && today < from)
            return new(false, "too-early", $"最短公示期未满，最早可于{from:yyyy年M月d日}申请信用修复", from);
        return RepairEligibility.Yes;
    }

    /// <summary>The evidence kinds the item's repair rule requires that an application does not carry.</summary>
    public static IReadOnlyList<string> MissingEvidence(CatalogItem item, IEnumerable<string> given)
    {
        var set = given.Select(g => g.Trim()).ToHashSet(StringComparer.Ordinal);
        return item.Repair.Evidence.Where(e => !set.Contains(e)).ToList();
    }

    /// <summary>The refusal of an ineligible application: the eligibility's code and reason, and the earliest date when there is one.</summary>
    public static Refusal Ineligible(RepairEligibility e) => Refusal.RuleNotMet(e.Code ?? "ineligible", e.Reason ?? "不符合信用修复条件",
        new Dictionary<string, object?> { ["earliestDate"] = e.EarliestDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Refuses a step unless the application is in <paramref name="expected"/>.</summary>
    public static void Require(RepairStatus status, RepairStatus expected)
    {
        if (status != expected)
            throw Refusal.Conflict("repair.state", $"该申请当前为“{status.Chinese}”，不能办理此步骤");
    }

    /// <summary>The longest public credit commitment accepted.</summary>
    public const int CommitmentMaxLength = 2000;

    /// <summary>
    /// The applicant's public credit commitment, a condition of every repair under the national Credit Repair Measures
    /// (in force 2026-04-01): the materials are true, and the applicant accepts liability for breaking the commitment.
    /// Its text is published with the completed repair. Returns the trimmed text.
    /// </summary>
    /// <exception cref="Refusal">RuleNotMet <c>repair.commitment-missing</c> (422) naming <c>commitment</c>; Invalid when too long.</exception>
    public static string RequireCommitment(string? commitment)
    {
        if (string.IsNullOrWhiteSpace(commitment))
            throw Refusal.RuleNotMet("repair.commitment-missing",
                "缺少申请人的公开信用承诺。依照《信用修复管理办法》，申请信用修复须作出公开信用承诺（承诺所提交材料真实有效，违背承诺愿意承担相应责任），承诺书随修复结果一并公示",
                new Dictionary<string, object?> { ["field"] = "commitment" });
        var text = commitment.Trim();
        if (text.Length > CommitmentMaxLength)
            throw Refusal.Invalid("repair.commitment-too-long", $"公开信用承诺不能超过{CommitmentMaxLength}个字符", new Dictionary<string, object?> { ["field"] = "commitment" });
        return text;
    }

    /// <summary>Refuses a refusal without reasons.</summary>
    public static void RequireReasons(string? reasons)
    {
        if (string.IsNullOrWhiteSpace(reasons))
            throw Refusal.Invalid("repair.invalid-reasons", "不予受理或不予修复须说明理由");
    }
}
