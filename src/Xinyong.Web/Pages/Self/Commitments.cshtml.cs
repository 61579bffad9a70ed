using Microsoft.AspNetCore.Authorization;
using Xinyong.Application.Cases;
using Xinyong.Application.Commitments;
using Xinyong.Commitments;
using Xinyong.Cases;
using Xinyong.Storage.Commitments;
using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Pages.Self;

/// <summary>
/// <c>/self/commitments</c>: a signed-in subject makes a voluntary commitment itself (主动公示, 行业自律; Art. 42, 50), which
/// is published at once and verified by the credit agency, and reads its own commitments.
/// </summary>
[AccessRule(AccessRules.Subject)]
[Authorize(Policy = Policies.Subject)]
public sealed class CommitmentsModel(SubjectStore subjects, CommitmentDesk desk, CommitmentStore store, CommitmentViews views) : PageModel
{
    /// <summary>The matter and type pairs a subject may choose (value <c>matter|type</c>).</summary>
    public IReadOnlyList<(string Value, string Label, string Text)> Choices { get; private set; } = [];

    /// <summary>The subject's commitments, newest first.</summary>
    public IReadOnlyList<CommitmentView> Mine { get; private set; } = [];

    /// <summary>The refusal shown above the form.</summary>
    public string? Error { get; private set; }

    /// <summary>What the last action did.</summary>
    [TempData] public string? Message { get; set; }

    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? Text { get; set; }

    public void OnGet() => Load();

    /// <summary>Makes the commitment.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Subject() is not { } s) return Forbid();
        var parts = (Matter ?? "").Split('|');
        try
        {
            var row = await desk.Accept(new CommitmentIntake(s.Ref, parts[0], parts.Length > 1 ? parts[1] : null, Text, null),
                new CaseActor(Actor.Of(s), null, s.Id), CreditAgency.Code, CommitmentChannels.Portal);
            Message = $"已作出信用承诺{row.Number}，已在信用承诺公示中公示。";
            return RedirectToPage();
        }
        catch (Refusal r)
        {
            Error = r.Message;
            Response.StatusCode = RefusalHandler.StatusOf(r.Kind);
            Load();
            return Page();
        }
    }

    private void Load()
    {
        var set = desk.Current;
        Choices = set.Matters.SelectMany(m => m.Types.Select(t => set.Type(t)!).Where(t => t.SelfService)
            .Select(t => ($"{m.Code}|{t.Code}", $"{m.Name}（{t.Name}）", m.Text))).ToList();
        if (Subject() is { } s) Mine = store.Search(new CommitmentQuery(s.Ref, Limit: 200)).Rows.Select(views.Of).ToList();
    }

    private SubjectRow? Subject() => HttpContext.SubjectIdOf() is { } id ? subjects.Get(id) : null;
}
