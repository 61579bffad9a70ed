using Xinyong.Application.Cases;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Staff.Cases;

/// <summary>Any case of any kind as staff see it (the one generic case page).</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(CaseEngine engine, CaseViews views, IEnumerable<CaseKindPart> parts) : CaseFilePage(engine, views, parts)
{
    /// <inheritdoc/>
    protected override bool ForStaff => true;
}
