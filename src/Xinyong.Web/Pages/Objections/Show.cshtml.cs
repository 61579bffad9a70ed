using Xinyong.Web.Features.Objections;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Objections;

/// <summary>An objection as its applicant follows it: status, due dates with their basis, decision and history.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(ObjectionViews views) : CaseShowPage<ObjectionView>("objections")
{
    public ObjectionView? Objection => Case;

    protected override ObjectionView Read(Caller caller, long id) => views.For(caller, id, "portal");
}
