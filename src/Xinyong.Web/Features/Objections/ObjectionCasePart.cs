using Xinyong.Deadlines;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Features.Objections;

/// <summary>The objection's part on the generic case page: <c>_Objection</c> with the objection's view; forms on its desk page.</summary>
public sealed class ObjectionCasePart(ObjectionViews views) : CaseKindPart
{
    /// <inheritdoc/>
    public override string Kind => CaseKinds.Objection;

    /// <inheritdoc/>
    public override string Partial => "/Pages/Cases/_Objection.cshtml";

    /// <inheritdoc/>
    public override object View(Caller caller, long id) => views.For(caller, id, "portal");

    /// <inheritdoc/>
    public override string? DeskPage(long id) => $"/staff/objections/{id}";
}
