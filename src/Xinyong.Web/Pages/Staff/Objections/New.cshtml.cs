using Xinyong.Objections;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Pages.Staff.Objections;

/// <summary>Staff enter a paper objection received by their unit; a unit that is not competent refers the subject.</summary>
[BodyLimit(BodySize.Upload)]
[AccessRule(AccessRules.DecidingStaff)]
public sealed class NewModel(ObjectionDesk desk) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty] public string TargetKind { get; set; } = ObjectionTargets.Record;
    [BindProperty] public long? TargetId { get; set; }
    [BindProperty] public string? Ground { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ApplicantName { get; set; }
    [BindProperty] public string? ApplicantContact { get; set; }
    [BindProperty] public string? ReceivedOn { get; set; }

    public void OnGet(long? record, long? entry)
    {
        if (entry is { } e) { TargetKind = ObjectionTargets.ListEntry; TargetId = e; }
        else TargetId = record;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        try
        {
            if (TargetId is not { } id) throw Refusal.Invalid("objection.invalid-target", "请填写信用记录或名单条目的编号");
            var files = await CaseResults.Files(Request.Form.Files, "attachments");
            var row = desk.File(new NewObjection(TargetKind, id, Ground, Reason ?? "", ApplicantName ?? "", ApplicantContact ?? "",
                CaseResults.Date(ReceivedOn, "receivedOn"), files), Filer.Paper(caller.Staff));
            return Redirect($"/staff/cases/{row.Id}");
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            return Page();
        }
    }
}
