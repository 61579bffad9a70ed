using Xinyong.Application.Repairs;
using Xinyong.Web.Features.Repairs;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Staff.Repairs;

/// <summary>The repair applications of a staff member's unit (all for the credit agency).</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(RepairDesk desk, RepairViews views) : CaseDeskListPage<RepairSummary>("信用修复申请列表")
{
    protected override (IReadOnlyList<RepairSummary> Items, IEnumerable<long> Subjects) OfUnit(string? unit)
    {
        var rows = desk.OfUnit(unit);
        return (views.Summaries(rows), rows.Select(r => r.SubjectId));
    }
}
