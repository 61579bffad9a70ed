using Xinyong.Application.Cases;
using Xinyong.Application.Commitments;
using Xinyong.Storage.Commitments;
using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Pages.Staff.Commitments;

/// <summary>
/// <c>/staff/commitments/{id}</c>: one commitment with its steps and history; the accepting unit records the 容缺
/// materials, the verifying unit enters the verification (Art. 45 (2), 46). Refusals show inline.
/// </summary>
[AccessRule(AccessRules.CommitmentDesk)]
public sealed class ShowModel(CommitmentDesk desk, CommitmentStore store, CommitmentViews views, CaseEngine engine, TimeProvider clock) : PageModel
{
    /// <summary>The commitment.</summary>
    public CommitmentView Commitment { get; private set; } = null!;

    /// <summary>The case's steps.</summary>
    public IReadOnlyList<CaseDeadline> Steps { get; private set; } = [];

    /// <summary>The case's history with Chinese names.</summary>
    public IReadOnlyList<(CaseStep Step, string Name)> History { get; private set; } = [];

    /// <summary>The case's version (the forms carry it).</summary>
    public int Version { get; private set; }

    /// <summary>Whether the case is still open.</summary>
    public bool Open { get; private set; }

    /// <summary>The refusal of the last form, shown inline.</summary>
    public string? Error { get; private set; }

    /// <summary>Today (Beijing).</summary>
    public DateOnly Today => clock.Today();

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RectifyBy { get; set; }
    [BindProperty] public string? Finding { get; set; }
    [BindProperty] public string? Measure { get; set; }
    [BindProperty] public string? DecisionDate { get; set; }
    [BindProperty] public int? ExpectedVersion { get; set; }

    public IActionResult OnGet(long id) => Load(id) ? Page() : NotFound();

    /// <summary>Enters the verification.</summary>
    public IActionResult OnPostVerify(long id) => Run(id, who => desk.Verify(id,
        new CommitmentVerification(Outcome, Reason, CommitmentsFeature.Date(RectifyBy, "整改期限"), Finding, null, Measure), who, ExpectedVersion));

    /// <summary>Records the 容缺 materials received.</summary>
    public IActionResult OnPostMaterials(long id) => Run(id, who => desk.MaterialsReceived(id, CommitmentsFeature.Date(DecisionDate, "决定日期"), Reason, who, ExpectedVersion));

    private IActionResult Run(long id, Func<CaseActor, CommitmentRow> act)
    {
        try
        {
            act(CaseActor.Of(HttpContext.AccountOf()!));
            return Redirect($"/staff/commitments/{id}");
        }
        catch (Refusal r) when (r.Kind != RefusalKind.NotFound)
        {
            Error = r.Message;
            Response.StatusCode = RefusalHandler.StatusOf(r.Kind);
            return Load(id) ? Page() : NotFound();
        }
    }

    private bool Load(long id)
    {
        var (file, _) = engine.Read(id, CaseActor.Of(HttpContext.AccountOf()!));   // refused as not found for others
        if (store.Get(id) is not { } row) return false;
        Commitment = views.Of(row);
        Steps = engine.Steps(file);
        History = engine.History(file).Select(h => (h, engine.StepName(file.Kind, h.Kind))).ToList();
        Version = file.Version;
        Open = file.ClosedAt is null;
        return true;
    }
}
