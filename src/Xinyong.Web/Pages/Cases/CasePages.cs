namespace Xinyong.Web.Pages.Cases;

/// <summary>
/// The generic case pages (objections, repairs and later kinds): a page model per kind derives from one of these and
/// adds only its part — how it reads its view and list, what its staff may do. The route segment of a kind is the
/// folder of its pages (<c>/objections</c>, <c>/staff/objections</c>).
/// </summary>
/// <typeparam name="TView">The kind's view of one case.</typeparam>
public abstract class CaseShowPage<TView>(string segment) : PageModel where TView : class
{
    /// <summary>The case as the applicant follows it.</summary>
    public TView? Case { get; private set; }

    /// <summary>Why it cannot be shown.</summary>
    public string? Error { get; private set; }

    /// <summary>The kind's view of a case the caller may read (refuses otherwise).</summary>
    protected abstract TView Read(Caller caller, long id);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null) return Redirect($"/signin?returnUrl=/{segment}/{id}");
        if (caller.IsStaff) return Redirect($"/staff/{segment}/{id}");
        try { Case = Read(caller, id); }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}

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

/// <summary>One case of a kind at its handling unit: the view, and the steps its staff take with the outcome shown inline.</summary>
/// <typeparam name="TView">The kind's view of one case.</typeparam>
public abstract class CaseDeskPage<TView> : PageModel where TView : class
{
    /// <summary>The case.</summary>
    public TView? Case { get; private set; }

    /// <summary>Why a step or the page was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>What the last step did.</summary>
    public string? Notice { get; private set; }

    /// <summary>Whether the staff member may take the case's next steps.</summary>
    public bool MayAct { get; private set; }

    /// <summary>The staff member's own unit.</summary>
    public string MyUnit { get; private set; } = "";

    /// <summary>The kind's view of a case the caller may read (refuses otherwise).</summary>
    protected abstract TView Read(Caller caller, long id);

    /// <summary>Whether the staff member acts on the case now (its unit, and a state with steps left).</summary>
    protected abstract bool Acts(Xinyong.Storage.Accounts.Account staff, long id, TView view);

    public Task<IActionResult> OnGetAsync(long id) => Show(id);

    /// <summary>Takes a step as the signed-in staff member and shows the case again, with the refusal inline.</summary>
    protected async Task<IActionResult> Act(long id, string done, Action<Xinyong.Storage.Accounts.Account> step)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        int? refused = null;
        try
        {
            step(caller.Staff);
            Notice = done;
        }
        catch (Refusal ex) { Error = RefusalText.Of(ex); refused = RefusalHandler.StatusOf(ex.Kind); }
        var page = await Show(id);
        if (refused == StatusCodes.Status403Forbidden && Response.StatusCode == StatusCodes.Status200OK) Response.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    private async Task<IActionResult> Show(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        MyUnit = UnitDirectory.UnitOf(caller.Staff);
        try
        {
            Case = Read(caller, id);
            MayAct = Acts(caller.Staff, id, Case);
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
            Response.StatusCode = RefusalHandler.StatusOf(ex.Kind);
        }
        return Page();
    }
}
