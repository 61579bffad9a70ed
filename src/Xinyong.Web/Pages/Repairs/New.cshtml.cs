using Xinyong.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Repairs;

/// <summary>
/// A signed-in subject applies for credit repair: its negative records with whether each can be repaired today (or the
/// reason and the earliest date), then the application form with the evidence the item's repair rule requires.
/// </summary>
[BodyLimit(BodySize.Upload)]
[AccessRule(AccessRules.Public)]
public sealed class NewModel(RepairDesk desk, RecordReader records, SubjectViews subjectViews, CatalogSet catalog) : PageModel
{
    public SubjectRow? Subject { get; private set; }
    public bool IsStaff { get; private set; }
    public IReadOnlyList<(RecordView Record, RepairEligibility Eligibility)> Candidates { get; private set; } = [];
    public RecordView? Chosen { get; private set; }
    public IReadOnlyList<string> EvidenceKinds { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public long? Record { get; set; }
    [BindProperty] public string? Statement { get; set; }
    [BindProperty] public string? ApplicantName { get; set; }
    [BindProperty] public string? ApplicantContact { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Commitment { get; set; }
    [BindProperty] public Dictionary<string, string?> Evidence { get; set; } = [];

    /// <summary>The decision number of a record.</summary>

    public async Task OnGetAsync()
    {
        await Load();
        ApplicantName = Subject?.Name;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Load();
        if (Subject is null) return Redirect("/signin?returnUrl=/repairs/new");
        try
        {
            if (Chosen is null) throw Refusal.Invalid("repair.invalid-record-id", "请选择申请修复的失信信息");
            var evidence = new List<NewEvidence>();
            for (var i = 0; i < EvidenceKinds.Count; i++)
            {
                var kind = EvidenceKinds[i];
                var file = (await CaseResults.Files(Request.Form.Files, $"file{i}")).FirstOrDefault();
                var text = Evidence.GetValueOrDefault($"e{i}");
                if (!string.IsNullOrWhiteSpace(text) || file is not null) evidence.Add(new NewEvidence(kind, text ?? "", file));
            }
            var row = desk.Apply(new NewRepair(Chosen.Id, Statement ?? "", ApplicantName ?? "", ApplicantContact ?? "", To, evidence, null) { Commitment = Commitment }, Filer.Online(Subject));
            return Redirect($"/self/cases/{row.Id}");
        }
        catch (Refusal ex) { Error = ex.Message; }
        return Page();
    }

    private async Task Load()
    {
        var caller = await Callers.Of(HttpContext);
        IsStaff = caller?.IsStaff ?? false;
        Subject = caller?.Subject;
        if (Subject is null) return;
        var negative = subjectViews.Of(Subject, Audience.Full).Records.Where(r => r.Nature == "negative").ToList();
        Candidates = negative.Select(r => (r, desk.Eligibility(records.Get(r.Id)!))).ToList();
        Chosen = Record is { } id ? Candidates.FirstOrDefault(c => c.Record.Id == id && c.Eligibility.Eligible).Record : null;
        EvidenceKinds = Chosen is null ? [] : catalog.Item(Chosen.Item)?.Repair.Evidence ?? [];
    }
}
