using Xinyong.Application.Cases;
using Xinyong.Application.Complaints;
using Xinyong.Web.Features.Complaints;

namespace Xinyong.Web.Pages.Staff.Complaints;

/// <summary>The credit agency's complaint desk: accept or not, note the checks, answer in writing (Art. 41 (2)).</summary>
[AccessRule(AccessRules.Staff)]
public sealed class IndexModel(ComplaintDesk desk, CaseEngine engine) : PageModel
{
    public IReadOnlyList<ComplaintView> Complaints { get; private set; } = [];
    public bool MayAct { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public long Id { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Step { get; set; }
    [BindProperty] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Load() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await Load()) return Forbid();
        var who = ComplaintEndpoints.ActorOf(await Callers.Of(HttpContext));
        try
        {
            _ = Step switch
            {
                "acceptance" => desk.Accept(Id, who, Version),
                "non-acceptance" => desk.NotAccept(Id, Text, who, Version),
                "notes" => desk.Note(Id, Text, who, Version),
                "answer" => desk.Answer(Id, Text, who, Version),
                _ => throw Refusal.Invalid("complaint.step", "请选择办理步骤"),
            };
            return Redirect("/staff/complaints");
        }
        catch (Refusal ex) { Error = ex.Message; }
        await Load();
        return Page();
    }

    private async Task<bool> Load()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller?.Account is not { } a || !StaffAccess.ReadsAllUnits(a)) return false;
        MayAct = StaffAccess.IsAgency(a);
        Complaints = engine.Cases.List(ComplaintDesk.Kind).Select(f => ComplaintEndpoints.View(engine, f, engine.Cases.Parties(f.Id))).ToList();
        return true;
    }
}
