using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Cases;

namespace Xinyong.Web.Pages.Cases;

/// <summary>
/// A kind's own part on the one generic case page: the partial that shows the kind's fields (for objections and
/// repairs: <c>_Objection</c>, <c>_Repair</c>, which also show the steps, pauses and history as their applicants know
/// them) with its view, and the kind's desk page where its staff forms are. Registered once per kind
/// (<c>s.AddSingleton&lt;CaseKindPart, …&gt;()</c>); a kind without one is shown by the generic parts alone.
/// </summary>
public abstract class CaseKindPart
{
    /// <summary>The kind code.</summary>
    public abstract string Kind { get; }

    /// <summary>The partial that renders <see cref="View"/>.</summary>
    public abstract string Partial { get; }

    /// <summary>The kind's view of a case the caller may read (refuses otherwise).</summary>
    public abstract object View(Caller caller, long id);

    /// <summary>The kind's staff page of a case, where its forms are; null when none.</summary>
    public virtual string? DeskPage(long id) => null;
}

/// <summary>
/// The one case page for every kind (<c>/staff/cases/{id}</c>, <c>/self/cases/{id}</c>): header (number, kind, state),
/// parties, the actions the kind allows in the current state for this user, the kind's own part, and — for a kind without
/// a part of its own — the steps with their due dates, pauses, extensions and history.
/// </summary>
public abstract class CaseFilePage(CaseEngine engine, CaseViews views, IEnumerable<CaseKindPart> parts) : PageModel
{
    /// <summary>Whether this is the staff page (else the subject's).</summary>
    protected abstract bool ForStaff { get; }

    /// <summary>The case, or null when refused.</summary>
    public CaseFile? File { get; private set; }

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

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null || caller.Account is null && caller.Subject is null) return Redirect($"/signin?returnUrl={Request.Path}");
        if (ForStaff && !caller.IsStaff)
            return caller.Subject is not null ? Redirect($"/self/cases/{id}") : Forbid();
        if (!ForStaff && caller.IsStaff) return Redirect($"/staff/cases/{id}");
        if (!ForStaff && caller.Subject is null) return Forbid();
        var who = caller.IsStaff ? CaseActor.Of(caller.Staff) : new CaseActor(Actor.Of(caller.Subject!), null, caller.Subject!.Id);
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
            Steps = views.Deadlines(file.Kind, id);
            Pauses = views.Pauses(file.Kind, id);
            Extensions = engine.Extensions(file);
            History = views.History(file.Kind, id).Select(h => h with { KindLabel = engine.StepName(file.Kind, h.Kind) }).ToList();
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
