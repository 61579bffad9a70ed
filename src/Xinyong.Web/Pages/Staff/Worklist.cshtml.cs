using Xinyong.Cases;

namespace Xinyong.Web.Pages.Staff;

/// <summary>The worklist of a unit: every open step, earliest due first, with due-today and overdue marked.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class WorklistModel(CaseViews cases, UnitDirectory units, CaseReads reads, Application.Network.LocalNode node, Storage.Network.NetworkStatus network, TimeProvider clock) : PageModel
{
    /// <summary>On a node with a parent, for the staff who see every unit: the changes waiting for the parent past their
    /// forwarding deadline (Art. 21) and the earliest due date among them; null when there are none.</summary>
    public (long Count, DateOnly Due)? OverdueForwards { get; private set; }

    public IReadOnlyList<WorkItem> Items { get; private set; } = [];
    public bool AllUnits { get; private set; }
    public string UnitName { get; private set; } = "";

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is not { IsStaff: true }) return Forbid();
        AllUnits = caller.SeesAllUnits;
        IReadOnlyCollection<string>? forUnits;
        try { forUnits = WorklistEndpoints.UnitsOf(caller, Unit); }
        catch (Refusal) { return Forbid(); }
        UnitName = forUnits is null ? "全部单位" : string.Join("、", forUnits.Select(units.Name));
        var items = cases.Worklist(forUnits);
        reads.ListedRefs(caller.Staff, items.Select(i => i.SubjectRef), "待办事项列表", "portal");
        Items = string.IsNullOrWhiteSpace(State) ? items : items.Where(i => i.State == State).ToList();
        if (AllUnits && node.Parent is not null)
        {
            var state = network.Of(node.Parent, clock.GetUtcNow());
            if (state.Overdue > 0) OverdueForwards = (state.Overdue, state.Worklist.Where(w => w.Pending).Min(w => w.DueOn));
        }
        return Page();
    }
}
