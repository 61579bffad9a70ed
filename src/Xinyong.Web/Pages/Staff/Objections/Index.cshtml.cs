using Xinyong.Application.Objections;
using Xinyong.Storage.Objections;
using Xinyong.Web.Features.Objections;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Staff.Objections;

/// <summary>The objections of a staff member's unit (all for the credit agency), and the assistance requests addressed to it.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class IndexModel(ObjectionDesk desk, ObjectionViews views) : CaseDeskListPage<ObjectionSummary>("异议列表")
{
    /// <summary>The unanswered requests for assistance addressed to the staff member's unit.</summary>
    public IReadOnlyList<AssistanceRow> Requests { get; private set; } = [];

    protected override (IReadOnlyList<ObjectionSummary> Items, IEnumerable<long> Subjects) OfUnit(string? unit)
    {
        var rows = desk.OfUnit(unit);
        return (views.Summaries(rows), rows.Select(r => r.SubjectId));
    }

    protected override void Also(Xinyong.Storage.Accounts.Account staff, string unit) => Requests = desk.AssistanceFor(unit).Where(a => a.AnsweredAt is null).ToList();
}
