namespace Xinyong.Web.Pages.Cases;

// The per-kind lists of cases (objections, repairs): a page model per kind derives from one of these and adds only how
// it reads its list; each row links to the one generic case page (/staff/cases/{id}, /self/cases/{id}). The route
// segment of a kind is the folder of its pages (/objections, /staff/objections).

/// <summary>A signed-in subject's cases of one kind.</summary>
/// <typeparam name="TSummary">The kind's summary row.</typeparam>
public abstract class CaseListPage<TSummary>(string segment) : PageModel
{
    /// <summary>The subject's cases.</summary>
    public IReadOnlyList<TSummary> Items { get; private set; } = [];

    /// <summary>The subject's cases of the kind.</summary>
    protected abstract IReadOnlyList<TSummary> OfSubject(long subjectId);

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller?.IsStaff == true) return Redirect($"/staff/{segment}");
        if (caller?.Subject is not { } s) return Redirect($"/signin?returnUrl=/{segment}");
        Items = OfSubject(s.Id);
        return Page();
    }
}

/// <summary>The cases of one kind at a staff member's unit (all units for the credit agency); each listing enters the access log.</summary>
/// <typeparam name="TSummary">The kind's summary row.</typeparam>
public abstract class CaseDeskListPage<TSummary>(string listName) : PageModel
{
    /// <summary>The unit's cases.</summary>
    public IReadOnlyList<TSummary> Items { get; private set; } = [];

    /// <summary>The unit's name, or 全部单位.</summary>
    public string UnitName { get; private set; } = "";

    /// <summary>The kind's cases of a unit (all when null), with the subjects they concern.</summary>
    protected abstract (IReadOnlyList<TSummary> Items, IEnumerable<long> Subjects) OfUnit(string? unit);

    /// <summary>What else the kind's desk list shows the staff member (its own unit's code).</summary>
    protected virtual void Also(Xinyong.Storage.Accounts.Account staff, string unit) { }

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        var units = HttpContext.RequestServices.GetRequiredService<UnitDirectory>();
        var reads = HttpContext.RequestServices.GetRequiredService<CaseReads>();
        string? scope;
        try { scope = CaseReads.Scope(caller.Staff); }
        catch (Refusal) { return Forbid(); }
        UnitName = scope is null ? "全部单位" : units.Name(scope);
        var (items, subjects) = OfUnit(scope);
        reads.Listed(caller.Staff, subjects, listName, "portal");
        Items = items;
        Also(caller.Staff, UnitDirectory.UnitOf(caller.Staff));
        return Page();
    }
}
