using Xinyong.Storage.Emergencies;
using Xinyong.Web.Features.Emergencies;

namespace Xinyong.Web.Pages.Staff.Emergencies;

/// <summary>The credit authority's or agency's staff declare an emergency (Art. 30 (3)); the public sees it at /emergencies.</summary>
[AccessRule(AccessRules.Staff)]
public sealed class IndexModel(EmergencyRegistry registry, Xinyong.Application.Emergencies.EmergencyDesk desk, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EmergencyView> Declarations { get; private set; } = [];
    public bool MayDeclare { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Regions { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public int? PerformanceExtensionDays { get; set; }
    [BindProperty] public int? RepairDecisionWorkingDays { get; set; }
    [BindProperty] public bool HoldRecords { get; set; }

    public async Task OnGetAsync() => await Load();

    public async Task<IActionResult> OnPostAsync()
    {
        var a = await Load();
        try
        {
            EmergencyEndpoints.Declare(desk, a, new EmergencyEndpoints.DeclarationBody(Code, Kind, Name, Regions is null ? null : [Regions], From, To,
                PerformanceExtensionDays, RepairDecisionWorkingDays, HoldRecords, null, null));
            return Redirect("/staff/emergencies");
        }
        catch (Refusal ex) { Error = ex.Message; }
        await Load();
        return Page();
    }

    private async Task<Xinyong.Storage.Accounts.Account?> Load()
    {
        var a = (await Callers.Of(HttpContext))?.Account;
        MayDeclare = EmergencyEndpoints.MayDeclare(a);
        Declarations = registry.All().Select(d => EmergencyView.Of(d, clock.Today())).ToList();
        return a;
    }
}
