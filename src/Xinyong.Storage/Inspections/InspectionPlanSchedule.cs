using Xinyong.Calendar;
using Xinyong.Inspections;

namespace Xinyong.Storage.Inspections;

/// <summary>
/// Which draws a department has due (Art. 48, tiered frequency): per grade, the rules' plans a year, the current period,
/// the last draw that covered the grade and the day the next one is due (<see cref="InspectionSchedule"/>), from the
/// plans the department took part in.
/// </summary>
public sealed class InspectionPlanSchedule(InspectionDraws draws, InspectionRules rules, TimeProvider clock)
{
    /// <summary>The department's tiers today.</summary>
    public IReadOnlyList<TierDue> Of(string department)
    {
        var drawn = draws.List().Where(p => p.Status == DrawStatus.Drawn)
            .Select(p => draws.Get(p.Code)!.Document)
            .Where(d => d.Plan.Departments.Any(x => x.Code == department) && d.Seed is not null && d.Result is not null)
            .Select(d => new DrawnPlan(d.Plan.Code, ChinaTime.DateOf(d.Seed!.TakenAt), d.Result!.Sizes.GetValueOrDefault(department) ?? new Dictionary<string, int>().AsReadOnly()));
        return InspectionSchedule.Of(rules.Of(department), clock.Today(), drawn);
    }
}
