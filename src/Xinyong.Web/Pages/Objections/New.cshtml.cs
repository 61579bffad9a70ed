using Xinyong.Measures;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Objections;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Pages.Objections;

/// <summary>The public objection form (Art. 39): a signed-in subject objects to one of its records or list entries.</summary>
[BodyLimit(BodySize.Upload)]
[AccessRule(AccessRules.Public)]
public sealed class NewModel(ObjectionDesk desk, SubjectViews subjectViews, ListStore lists, CaseViews cases, DeadlineRules rules, TimeProvider clock) : PageModel
{
    public SubjectRow? Subject { get; private set; }
    public bool IsStaff { get; private set; }
    public IReadOnlyList<RecordView> Records { get; private set; } = [];
    public IReadOnlyList<ListEntryView> Entries { get; private set; } = [];
    public IReadOnlyList<DeadlineRule> Periods { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? Ground { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ApplicantName { get; set; }
    [BindProperty] public string? ApplicantContact { get; set; }

    /// <summary>The decision number of a record, for the choice list.</summary>

    public async Task OnGetAsync(long? record, long? entry)
    {
        await Load();
        Target = record is { } r ? $"record:{r}" : entry is { } e ? $"list-entry:{e}" : null;
        ApplicantName = Subject?.Name;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Load();
        if (Subject is null) return Redirect("/signin?returnUrl=/objections/new");
        try
        {
            var parts = (Target ?? "").Split(':', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], out var id) || parts[0] is not (ObjectionTargets.Record or ObjectionTargets.ListEntry))
                throw Refusal.Invalid("objection.invalid-target", "请选择提出异议的信息");
            var files = await CaseResults.Files(Request.Form.Files, "attachments");
            var row = desk.File(new NewObjection(parts[0], id, Ground, Reason ?? "", ApplicantName ?? "", ApplicantContact ?? "", null, files), Filer.Online(Subject));
            return Redirect($"/self/cases/{row.Id}");
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            return Page();
        }
    }

    private async Task Load()
    {
        var caller = await Callers.Of(HttpContext);
        IsStaff = caller?.IsStaff ?? false;
        Periods = new[] { DeadlineCodes.ObjectionMark, DeadlineCodes.ObjectionDecision, DeadlineCodes.ObjectionDecisionAssisted, DeadlineCodes.ListObjectionDecision }
            .Select(c => rules.For(clock.Today()).Rule(c)).ToList();
        Subject = caller?.Subject;
        if (Subject is null) return;
        Records = subjectViews.Of(Subject, Audience.Full).Records.Where(r => r.Status != RecordStatus.Revoked).ToList();
        Entries = lists.OfSubject(Subject.Id).Where(e => e.List == CreditListNames.Dishonesty && e.Status == ListEntryStatus.Active).Select(cases.ListEntry).ToList();
    }
}
