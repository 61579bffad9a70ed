using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Cases;

namespace Xinyong.Web.Pages.Cases;

/// <summary>
/// A kind's own part on the one generic case page: the partial that shows the kind's fields (for objections and
/// repairs: <c>_Objection</c>, <c>_Repair</c>: only the kind's own fields, the page shows the steps, pauses and history)
/// with its view, and the partial with the kind's staff forms, whose posts the generic page hands to
/// <see cref="Post"/>. Registered once per kind
/// (<c>s.AddSingleton&lt;CaseKindPart, …&gt;()</c>); a kind without one is shown by the generic parts alone.
/// </summary>
/// <param name="kind">The kind code.</param>
/// <param name="name">The name of the kind's partials: <c>_{name}</c> renders its view, <c>_{name}Forms</c> its staff forms.</param>
/// <param name="view">The kind's view of a case the caller may read (refuses otherwise).</param>
/// <param name="hasForms">Whether the kind has staff forms on the page.</param>
public abstract class CaseKindPart(string kind, string name, Func<Caller, long, object> view, bool hasForms = true)
{
    /// <summary>The kind code.</summary>
    public string Kind => kind;

    /// <summary>The partial that renders <see cref="View"/>.</summary>
    public string Partial => $"/Pages/Cases/_{name}.cshtml";

    /// <summary>The kind's view of a case the caller may read (refuses otherwise).</summary>
    public object View(Caller caller, long id) => view(caller, id);

    /// <summary>The partial with the kind's staff forms (model: <see cref="CaseForms"/>); null when the kind has none.</summary>
    public string? FormsPartial => hasForms ? $"/Pages/Cases/_{name}Forms.cshtml" : null;

    /// <summary>Whether the staff member takes the kind's next steps on the case now (its unit, a state with steps left).</summary>
    public virtual bool MayAct(Xinyong.Storage.Accounts.Account staff, long id, object view) => false;

    /// <summary>
    /// Takes the step a form of the kind posted to the generic page's handler <paramref name="handler"/>, as
    /// <paramref name="staff"/>, in the kind's desk (one transaction per step); returns what it did (Chinese), refuses
    /// otherwise.
    /// </summary>
    public virtual string Post(string handler, Xinyong.Storage.Accounts.Account staff, long id, IFormCollection form) =>
        throw Refusal.Invalid("case.no-such-step", "该类案件没有此办理步骤");

    /// <summary>A form field, or null when absent or blank.</summary>
    protected static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
}

/// <summary>What a kind's forms partial renders from: the kind's view, whether this staff member acts now, their unit, and today.</summary>
public sealed record CaseForms(object View, bool MayAct, string MyUnit, string Today);

/// <summary>
/// The one case page for every kind (<c>/staff/cases/{id}</c>, <c>/self/cases/{id}</c>): header (number, kind, state),
/// parties, the actions the kind allows in the current state for this user, the kind's staff forms and own fields (when
/// it has a part), and the steps with their due dates, pauses, extensions and history.
/// </summary>
public abstract class CaseFilePage(CaseEngine engine, CaseViews views, IEnumerable<CaseKindPart> parts) : PageModel
{
    /// <summary>Whether this is the staff page (else the subject's).</summary>
    protected abstract bool ForStaff { get; }

    /// <summary>The case, or null when refused.</summary>
    public new CaseFile? File { get; private set; }

    /// <summary>The kind's declaration.</summary>
    public CaseKindDefinition? Kind { get; private set; }

    /// <summary>The parties.</summary>
    public IReadOnlyList<CaseParty> Parties { get; private set; } = [];

    /// <summary>The actions the kind allows in the current state that this user may take.</summary>
    public IReadOnlyList<CaseAction> Actions { get; private set; } = [];

    /// <summary>The kind's part, if it has one.</summary>
    public CaseKindPart? Part { get; private set; }

    /// <summary>The kind's view for its part.</summary>
    public object? PartView { get; private set; }

    /// <summary>The steps with their due dates.</summary>
    public IReadOnlyList<DeadlineView> Steps { get; private set; } = [];

    /// <summary>The clock pauses.</summary>
    public IReadOnlyList<PauseView> Pauses { get; private set; } = [];

    /// <summary>The extensions.</summary>
    public IReadOnlyList<CaseExtension> Extensions { get; private set; } = [];

    /// <summary>The history.</summary>
    public IReadOnlyList<StepView> History { get; private set; } = [];

    /// <summary>Why the case cannot be shown.</summary>
    public string? Error { get; private set; }

    /// <summary>What the last step did.</summary>
    public string? Notice { get; private set; }

    /// <summary>Why the last step was refused (shown above the forms).</summary>
    public string? StepError { get; private set; }

    /// <summary>The kind's forms for this staff member, when the kind has a forms partial.</summary>
    public CaseForms? Forms { get; private set; }

    public Task<IActionResult> OnGetAsync(long id) => Show(id);

    /// <summary>
    /// Takes a step posted by one of the kind's forms (the kind's part does it in its desk) as the signed-in staff member
    /// and shows the case again, with what it did or the refusal inline.
    /// </summary>
    protected async Task<IActionResult> Step(long id, string handler)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        int? refused = null;
        try
        {
            var kind = engine.Cases.Get(id)?.Kind ?? throw Refusal.NotFound("case.not-found", "案件不存在");
            var part = parts.FirstOrDefault(p => p.Kind == kind) ?? throw Refusal.Invalid("case.no-such-step", "该类案件没有此办理步骤");
            Notice = part.Post(handler, caller.Staff, id, Request.Form);
        }
        catch (Refusal ex) { StepError = RefusalText.Of(ex); refused = RefusalHandler.StatusOf(ex.Kind); }
        var page = await Show(id);
        if (refused == StatusCodes.Status403Forbidden) Response.StatusCode = StatusCodes.Status403Forbidden;   // a forbidden step is 403, whatever the page can show
        return page;
    }

    private async Task<IActionResult> Show(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null || caller.Account is null && caller.Subject is null) return Redirect($"/signin?returnUrl={Request.Path}");
        // The staff page is every account's (staff, and a department or provider asked to help verify an objection): the
        // kind's rules decide who reads the case; the subject's page is the subject's.
        if (ForStaff && caller.Account is null) return Redirect($"/self/cases/{id}");
        if (!ForStaff && caller.Account is not null) return Redirect($"/staff/cases/{id}");
        var who = caller.Account is { } account ? CaseActor.Of(account) : new CaseActor(Actor.Of(caller.Subject!), null, caller.Subject!.Id);
        try
        {
            var (file, parties) = engine.Read(id, who);
            File = file;
            Parties = parties;
            Kind = engine.Kinds[file.Kind];
            var rules = engine.RulesOf(file.Kind);
            Actions = ForStaff ? Kind.ActionsFrom(file.State).Where(a => rules.MayAct(who, file, a, parties)).ToList() : [];
            Part = parts.FirstOrDefault(p => p.Kind == file.Kind);
            PartView = Part?.View(caller, id);
            if (ForStaff && caller.IsStaff && Part is { FormsPartial: not null } && PartView is not null)
                Forms = new CaseForms(PartView, Part.MayAct(caller.Staff, id, PartView), UnitDirectory.UnitOf(caller.Staff), CaseFormat.Date(HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today()));
            Steps = views.Deadlines(file.Kind, id);
            Pauses = views.Pauses(file.Kind, id);
            Extensions = engine.Extensions(file);
            History = views.History(file.Kind, id).Select(h => h with { KindLabel = engine.StepName(file.Kind, h.Kind) }).ToList();
        }
        catch (Refusal ex) when (ex.Kind == RefusalKind.NotFound && caller.Account is not null && !caller.IsStaff)
        {
            // An account that is not staff reads only the cases it is a party to or asked about: any other number, whether
            // or not a case has it, is refused alike (no answer tells which numbers exist).
            Error = "只有案件的办理单位、协助核查单位和公共信用工作机构可以查看该案件";
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
