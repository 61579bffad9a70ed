using Xinyong.Application.Objections;
using Xinyong.Web.Features.Objections;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Objections;

/// <summary>A signed-in subject's objections.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(ObjectionDesk desk, ObjectionViews views) : CaseListPage<ObjectionSummary>("objections")
{
    protected override IReadOnlyList<ObjectionSummary> OfSubject(long subjectId) => views.Summaries(desk.OfSubject(subjectId));
}
