using Xinyong.Web.Features.Repairs;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>A repair application as its applicant follows it.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(RepairViews views) : CaseShowPage<RepairView>("repairs")
{
    public RepairView? Repair => Case;

    protected override RepairView Read(Caller caller, long id) => views.For(caller, id, "portal");
}
