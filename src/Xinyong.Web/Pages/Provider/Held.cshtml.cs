using Xinyong.Storage.Emergencies;
using Xinyong.Web.Features.Emergencies;

namespace Xinyong.Web.Pages.Provider;

/// <summary>A provider's negative records held under an emergency declaration: confirm (publish) or withdraw each (Art. 30 (3)).</summary>
[AccessRule(AccessRules.Provider)]
public sealed class HeldModel(EmergencyRegistry registry, Xinyong.Application.Emergencies.EmergencyDesk desk, CatalogSet catalog) : PageModel
{
    public IReadOnlyList<HeldRecordView> Held { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public long Id { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public void OnGet() => Held = EmergencyEndpoints.Held(registry, catalog, HttpContext.AccountOf());

    public IActionResult OnPost()
    {
        try
        {
            EmergencyEndpoints.Decide(desk, HttpContext.AccountOf(), Id, new EmergencyEndpoints.PublicationBody(Confirm, Reason));
            return Redirect("/provider/held");
        }
        catch (Refusal ex) { Error = ex.Message; }
        OnGet();
        return Page();
    }
}
