using Xinyong.Application.Cases;
using Xinyong.Application.Reorganisations;
using Xinyong.Web.Features.Reorganisations;

namespace Xinyong.Web.Pages.Staff.Reorganisations;

/// <summary>The credit agency records court rulings approving reorganisation plans or settlements and their outcome (国办发〔2025〕22号).</summary>
[AccessRule(AccessRules.Staff)]
public sealed class IndexModel(ReorganisationDesk desk, CaseEngine engine) : PageModel
{
    public IReadOnlyList<ReorganisationView> Rows { get; private set; } = [];
    public bool MayAct { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public ReorganisationEndpoints.RulingBody Ruling { get; set; } = new(null, null, null, null, null, null, null);
    [BindProperty] public long Id { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Step { get; set; }
    [BindProperty] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Load() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostRecordAsync()
    {
        if (await Load() is not { } a) return Forbid();
        try
        {
            ReorganisationEndpoints.Record(desk, a, Ruling);
            return Redirect("/staff/reorganisations");
        }
        catch (Refusal ex) { Error = ex.Message; }
        await Load();
        return Page();
    }

    public async Task<IActionResult> OnPostOutcomeAsync()
    {
        if (await Load() is not { } a) return Forbid();
        try
        {
            _ = Step switch
            {
                "completion" => desk.Complete(Id, Text, CaseActor.Of(a), Version),
                "failure" => desk.Fail(Id, Text, CaseActor.Of(a), Version),
                _ => throw Refusal.Invalid("reorganisation.step", "请选择执行结果"),
            };
            return Redirect("/staff/reorganisations");
        }
        catch (Refusal ex) { Error = ex.Message; }
        await Load();
        return Page();
    }

    private async Task<Xinyong.Storage.Accounts.Account?> Load()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller?.Account is not { } a || !StaffAccess.ReadsAllUnits(a)) return null;
        MayAct = StaffAccess.IsAgency(a);
        Rows = desk.All().Select(r => ReorganisationEndpoints.View(engine, r)).ToList();
        return a;
    }
}
