using Xinyong.Application.Repairs;
using Xinyong.Cases;
using Xinyong.Repairs;
using Xinyong.Storage.Accounts;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Features.Repairs;

/// <summary>
/// The repair's part on the generic case page: <c>_Repair</c> with the application's view, and <c>_RepairForms</c> with
/// the handling unit's steps (acceptance, then completion or refusal with reasons), each taken in <see cref="RepairDesk"/>.
/// </summary>
public sealed class RepairCasePart(RepairViews views, RepairDesk desk)
    : CaseKindPart(CaseKinds.Repair, "Repair", (caller, id) => views.For(caller, id, "portal"))
{
    /// <inheritdoc/>
    public override bool MayAct(Account staff, long id, object view) =>
        RepairDesk.MayAct(staff, desk.Get(id)!) && Statuses.Of<RepairStatus>(((RepairView)view).Status) is { Pending: true };

    /// <inheritdoc/>
    public override string Post(string handler, Account staff, long id, IFormCollection form)
    {
        switch (handler)
        {
            case "Accept":
                var accept = Yes(form, "accept");
                desk.Accept(id, staff, accept, Field(form, "reasons"));
                return accept ? "已受理。" : "已决定不予受理。";
            case "Decide":
                var complete = Yes(form, "complete");
                desk.Decide(id, staff, complete, Field(form, "reasons"));
                return complete ? "信用修复已完成。" : "已决定不予修复。";
            default:
                return base.Post(handler, staff, id, form);
        }
    }

    /// <summary>A yes/no radio (false unless "true", as the page's model binding did).</summary>
    private static bool Yes(IFormCollection form, string name) => bool.TryParse(Field(form, name), out var b) && b;
}
