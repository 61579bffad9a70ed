namespace Xinyong.Inspections;

/// <summary>A drawn plan as the schedule sees it: the day it was drawn and how many targets of each grade a department drew.</summary>
public sealed record DrawnPlan(string Code, DateOnly DrawnOn, IReadOnlyDictionary<string, int> Sizes);

/// <summary>
/// One grade tier of a department's tiered supervision (Art. 48): its frequency (plans a year) and ratio from the rules,
/// the current period, the last draw that covered the grade, and the day by which the next draw is due.
/// </summary>
/// <param name="Grade">A, B, C or D.</param>
/// <param name="PlansAYear">Plans a year for targets of this grade (the rules' <c>frequency</c>); 0 = no periodic draw.</param>
/// <param name="Ratio">Percent of the roster's targets of this grade drawn per plan.</param>
/// <param name="PeriodStart">The first day of the current period (the year divided into <paramref name="PlansAYear"/> periods).</param>
/// <param name="PeriodEnd">Its last day.</param>
/// <param name="LastPlan">The last plan that drew targets of this grade, if any.</param>
/// <param name="LastDrawnOn">The day it was drawn.</param>
/// <param name="DrawnThisPeriod">Whether a draw in the current period covered this grade.</param>
/// <param name="NextDue">The last day of the period in which the next draw is due: the current period's end when none covered the
/// grade yet, else the next period's end; null when <paramref name="PlansAYear"/> is 0.</param>
public sealed record TierDue(string Grade, int PlansAYear, decimal Ratio, DateOnly PeriodStart, DateOnly PeriodEnd,
    string? LastPlan, DateOnly? LastDrawnOn, bool DrawnThisPeriod, DateOnly? NextDue);

/// <summary>
/// The frequency half of tiered supervision (《黑龙江省社会信用条例》第四十八条: 信用好的降低抽查比例和频次，信用差的提高):
/// the rules give, per department and grade, the plans a year; the calendar year is split into that many periods of whole
/// months (4 ⇒ quarters, 2 ⇒ halves, 1 ⇒ the year), and a draw is due in every period for every grade. A pure function of
/// the rules, the day and the department's drawn plans.
/// </summary>
public static class InspectionSchedule
{
    /// <summary>The period of <paramref name="day"/> when the year is split into <paramref name="plansAYear"/> periods (at most 12: monthly).</summary>
    public static (DateOnly Start, DateOnly End) PeriodOf(DateOnly day, int plansAYear)
    {
        var f = Math.Clamp(plansAYear, 1, 12);
        int Index(int month) => (month - 1) * f / 12;
        var k = Index(day.Month);
        var first = Enumerable.Range(1, 12).First(m => Index(m) == k);
        var last = Enumerable.Range(1, 12).Last(m => Index(m) == k);
        return (new DateOnly(day.Year, first, 1), new DateOnly(day.Year, last, 1).AddMonths(1).AddDays(-1));
    }

    /// <summary>Every grade's tier for a department on <paramref name="today"/>, best grade first.</summary>
    public static IReadOnlyList<TierDue> Of(DepartmentRules rules, DateOnly today, IEnumerable<DrawnPlan> drawn)
    {
        var plans = drawn.OrderBy(p => p.DrawnOn).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        return InspectionRules.Grades.Select(g =>
        {
            var f = rules.Frequency.GetValueOrDefault(g);
            var (start, end) = PeriodOf(today, f);
            var covering = plans.Where(p => p.DrawnOn <= today && p.Sizes.GetValueOrDefault(g) > 0).ToList();
            var last = covering.LastOrDefault();
            var thisPeriod = covering.Any(p => p.DrawnOn >= start && p.DrawnOn <= end);
            DateOnly? due = f <= 0 ? null : thisPeriod ? PeriodOf(end.AddDays(1), f).End : end;
            return new TierDue(g, f, rules.Ratios.GetValueOrDefault(g), start, end, last?.Code, last?.DrawnOn, thisPeriod, due);
        }).ToList();
    }
}
