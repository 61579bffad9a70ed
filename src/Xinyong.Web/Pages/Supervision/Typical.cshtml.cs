using Xinyong.Storage.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary><c>/supervision/typical</c>: typical cases of harm to the business environment published (SM Art. 28), the complainant masked.</summary>
[AccessRule(AccessRules.Public)]
public sealed class TypicalModel(SupervisionStore store, CaseStore cases) : PageModel
{
    public IReadOnlyList<(string Number, string Summary)> Cases { get; private set; } = [];

    public void OnGet() => Cases = store.Published().Select(p => (cases.Get(p.CaseId)?.Number ?? "", p.Summary)).ToList();
}
