using Xinyong.Deadlines;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Features.Repairs;

/// <summary>The repair's part on the generic case page: <c>_Repair</c> with the application's view; forms on its desk page.</summary>
public sealed class RepairCasePart(RepairViews views) : CaseKindPart
{
    /// <inheritdoc/>
    public override string Kind => CaseKinds.Repair;

    /// <inheritdoc/>
    public override string Partial => "/Pages/Cases/_Repair.cshtml";

    /// <inheritdoc/>
    public override object View(Caller caller, long id) => views.For(caller, id, "portal");

    /// <inheritdoc/>
    public override string? DeskPage(long id) => $"/staff/repairs/{id}";
}
