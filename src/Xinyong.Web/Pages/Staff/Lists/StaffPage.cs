using Xinyong.Collection;
using Xinyong.Storage.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>What the staff list pages share: the signed-in account and the reasons a decision was refused.</summary>
public abstract class StaffPage : PageModel
{
    /// <summary>The refusal's reasons, per field, shown above the form.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>The signed-in staff account.</summary>
    protected Xinyong.Storage.Accounts.Account Actor => HttpContext.AccountOf()!;

    /// <summary>Whether the signed-in account may decide (auditors only read: their pages offer no decision forms).</summary>
    public bool MayDecide => ListDecisions.MayDecide(HttpContext.AccountOf());

    /// <summary>Runs a decision; a refusal becomes the page's errors.</summary>
    protected bool Try(Action act)
    {
        try
        {
            act();
            return true;
        }
        catch (Refusal ex)
        {
            Errors.AddRange(ex.Errors.Count > 0 ? ex.Errors : [new FieldError("", "refused", ex.Message.Split(" / ")[0])]);
            if (ex.Kind == RefusalKind.Forbidden) Response.StatusCode = StatusCodes.Status403Forbidden;
            return false;
        }
    }
}
