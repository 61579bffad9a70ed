using Xinyong.Measures;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>
/// One list entry for staff: the elements of its decision, its supporting records, the persons linked to it (Art. 33),
/// the notifications it owes (Art. 32), and the acts on it: lifting, linking a person, recording a notification, the
/// subject's publication choice (Art. 37).
/// </summary>
[AccessRule(AccessRules.DecidingStaff)]
public sealed class EntryModel(ListQueries queries, ListViews views, ListNotifications notifications, ListDecisions decisions, MeasuresSet rules,
    Xinyong.Catalog.CatalogSet catalog, Xinyong.Storage.Audit.AccessLog access, TimeProvider clock) : StaffPage
{
    public ListDecisionView Entry { get; private set; } = null!;
    public ListDecisionView? Parent { get; private set; }
    public IReadOnlyList<ListDecisionView> Linked { get; private set; } = [];
    public IReadOnlyList<StoredRecord> Records { get; private set; } = [];
    public IReadOnlyList<ListNotification> Notifications { get; private set; } = [];
    public IReadOnlyList<Named> Roles => rules.Current.Dishonesty.LinkedPersons.Roles;
    public bool CanLink { get; private set; }

    /// <summary>Whether the signed-in staff member acts on this entry (<see cref="ListDecisions.MayActOn"/>): the forms
    /// below are offered only then.</summary>
    public bool MayAct { get; private set; }
    public DateOnly Today => Xinyong.Calendar.ChinaTime.Today(clock);

    private long _subjectId;

    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    /// <summary>The Chinese name of a catalog item.</summary>
    public string ItemName(string code) => catalog.Item(code)?.Name ?? code;

    /// <summary>A record's decision number as written (〔〕 kept), not its normalized key.</summary>
    public string DecisionNumber(Xinyong.Storage.Publication.StoredRecord r) => Xinyong.Web.Features.Publication.Display.DecisionNumber(catalog.Item(r.Item), r);

    public IActionResult OnGet(long id)
    {
        if (!Load(id)) return NotFound();
        // Art. 35: a natural person's listing is personal information; staff reading it are logged.
        if (Entry.SubjectKind == "natural-person")
            access.Record(_subjectId, "staff", Actor.Code, "信用名单管理（第二十八条、第三十三条）", $"list-entry:{id}", "portal");
        return Page();
    }

    public IActionResult OnPostLift(long id, string reason, string note) =>
        Act(id, () => decisions.Lift(id, reason ?? "", note ?? "", Actor), "lifted");

    public IActionResult OnPostLink(long id, string role, string name, string idNumber, string? idType, string? stateEmployer) =>
        Act(id, () => decisions.LinkPerson(id, new LinkedPerson(role ?? "", name ?? "", idNumber ?? "", string.IsNullOrWhiteSpace(idType) ? null : idType, stateEmployer), Actor), "linked");

    public IActionResult OnPostNotify(long id, long notification, DateOnly sentOn, string addressee, string reference) =>
        Act(id, () => decisions.RecordNotification(notification, sentOn, addressee ?? "", reference ?? "", Actor), "notified");

    public IActionResult OnPostPublication(long id, bool published, string reason) =>
        Act(id, () => decisions.SetPublished(id, published, reason ?? "", Actor), published ? "published" : "withheld");

    private IActionResult Act(long id, Action act, string done) =>
        Try(act) ? Redirect($"/staff/lists/{id}?done={done}") : Load(id) ? Page() : NotFound();

    private bool Load(long id)
    {
        if (queries.Entry(id) is not { } row) return false;
        _subjectId = row.Entry.SubjectId;
        Entry = views.View(row, Audience.Full)!;
        Parent = row.Subject.ParentId is { } parent && queries.Entry(parent) is { } p ? views.View(p, Audience.Full) : null;
        Linked = queries.Linked(id).Select(r => views.View(r, Audience.Full)!).ToList();
        Records = queries.SupportingRecords(id);
        Notifications = notifications.OfEntry(id);
        MayAct = decisions.MayActOn(row.Entry, HttpContext.AccountOf());
        CanLink = MayAct && Entry.List == CreditListNames.Dishonesty && Entry.Status != ListEntryStatus.Ended && Parent is null &&
                  rules.Current.Dishonesty.LinkedPersons.SubjectKinds.Contains(Entry.SubjectKind);
        return true;
    }
}
