using Xinyong.Complaints;
using Xinyong.Application.Complaints;
using Xinyong.Web.Features.Complaints;

namespace Xinyong.Web.Pages.Complaints;

/// <summary>The public complaint form against a registered collector (Art. 41 (2)), with the public registry.</summary>
[AccessRule(AccessRules.Public)]
public sealed class NewModel(ComplaintDesk desk, CollectorRegistry registry) : PageModel
{
    public IReadOnlyList<Collector> Collectors { get; private set; } = [];
    public CaseFile? Filed { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Collector { get; set; }
    [BindProperty] public string? Facts { get; set; }
    [BindProperty] public new string? Request { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }

    public void OnGet() => Collectors = registry.All();

    public async Task<IActionResult> OnPostAsync()
    {
        Collectors = registry.All();
        var caller = await Callers.Of(HttpContext);
        try
        {
            Filed = desk.File(new NewComplaint(Collector ?? "", Name ?? "", Contact ?? "", Facts ?? "", Request, caller?.Subject?.Id), ComplaintEndpoints.ActorOf(caller));
            Facts = Request = null;
        }
        catch (Refusal ex) { Error = ex.Message; }
        return Page();
    }
}
