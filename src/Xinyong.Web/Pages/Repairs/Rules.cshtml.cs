using Xinyong.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Web.Features.Repairs;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>The published conditions, procedure and deadlines of credit repair (Art. 40; plan line 1247), from the data.</summary>
[AccessRule(AccessRules.Public)]
public sealed class RulesModel(RepairViews views) : PageModel
{
    public RepairRulesView Rules { get; private set; } = null!;

    public void OnGet() => Rules = views.Rules();
}
