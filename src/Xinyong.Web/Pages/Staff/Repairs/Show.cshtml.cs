using Xinyong.Application.Repairs;
using Xinyong.Repairs;
using Xinyong.Web.Features.Repairs;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Staff.Repairs;

/// <summary>A repair application at the handling unit: acceptance, then completion or refusal with reasons.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(RepairDesk desk, RepairViews views) : CaseDeskPage<RepairView>
{
    public RepairView? Repair => Case;

    public Task<IActionResult> OnPostAcceptAsync(long id, bool accept, string? reasons) =>
        Act(id, accept ? "已受理。" : "已决定不予受理。", staff => desk.Accept(id, staff, accept, reasons));

    public Task<IActionResult> OnPostDecideAsync(long id, bool complete, string? reasons) =>
        Act(id, complete ? "信用修复已完成。" : "已决定不予修复。", staff => desk.Decide(id, staff, complete, reasons));

    protected override RepairView Read(Caller caller, long id) => views.For(caller, id, "portal");

    protected override bool Acts(Xinyong.Storage.Accounts.Account staff, long id, RepairView view) =>
        RepairDesk.MayAct(staff, desk.Get(id)!) && view.Status is RepairStatuses.Submitted or RepairStatuses.Accepted;
}
