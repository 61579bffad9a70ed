using Xinyong.Application.Repairs;
using Xinyong.Web.Features.Repairs;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>A signed-in subject's repair applications.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(RepairDesk desk, RepairViews views) : CaseListPage<RepairSummary>("repairs")
{
    protected override IReadOnlyList<RepairSummary> OfSubject(long subjectId) => views.Summaries(desk.OfSubject(subjectId));
}
