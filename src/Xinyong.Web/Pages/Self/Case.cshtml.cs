using Xinyong.Application.Cases;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Self;

/// <summary>Any case of any kind as its subject follows it (the one generic case page).</summary>
[AccessRule(AccessRules.Cases)]
public sealed class CaseModel(CaseEngine engine, CaseViews views, IEnumerable<CaseKindPart> parts) : CaseFilePage(engine, views, parts)
{
    /// <inheritdoc/>
    protected override bool ForStaff => false;
}
