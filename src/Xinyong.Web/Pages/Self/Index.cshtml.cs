using Microsoft.AspNetCore.Authorization;
using Xinyong.Publication;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Self;

/// <summary>
/// <c>/self</c>: a signed-in subject's own credit information — every record, archived ones included, unmasked, without
/// limit and free (Art. 24) — and its access log: who read its conditional or personal information, when, for what
/// purpose, under which authorization (Art. 35). Positive records can be withheld from publication here (Art. 37).
/// </summary>
[AccessRule(AccessRules.Subject)]
[Authorize(Policy = Policies.Subject)]
public sealed class IndexModel(SubjectStore subjects, SubjectPages pages, AccessLog accessLog, AccountStore accounts,
    RecordReader records, RecordChanges changes, CatalogSet catalog, TimeProvider clock, Xinyong.Application.Repairs.RepairDesk repairs) : PageModel
{
    /// <summary>The subject's page, unmasked.</summary>
    public SubjectPage View { get; private set; } = null!;

    /// <summary>The reads of the subject's information, newest first.</summary>
    public IReadOnlyList<AccessEntry> Log { get; private set; } = [];

    /// <summary>The names of the accounts in the log.</summary>
    public IReadOnlyDictionary<string, string> ActorNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Which records the subject may object to or apply to repair now (the buttons on each row).</summary>
    public RecordActions Actions { get; private set; } = new(new HashSet<long>(), new HashSet<long>());

    /// <summary>What the last action did.</summary>
    [TempData] public string? Message { get; set; }

    /// <summary>Today (Beijing).</summary>
    public DateOnly Today => clock.Today();

    public IActionResult OnGet()
    {
        if (Subject() is not { } s) return Forbid();
        View = pages.Of(s, Audience.Full);
        Actions = RecordActions.Of(s, View.Groups.SelectMany(g => g.Records).Select(c => c.View), records, repairs);
        Log = accessLog.ForSubject(s.Id);
        ActorNames = Log.Select(e => e.Actor).Distinct().ToDictionary(a => a, a => accounts.Get(a)?.Name ?? a);
        return Page();
    }

    /// <summary>Whether the subject may decline or restore publication of a record of this item.</summary>
    public bool MayDecline(RecordView r) => catalog.Item(r.Item) is { } item && PublicationRule.MayDecline(item) && r.Status == RecordStatus.Active;

    /// <summary>Asks that a positive record not be published (Art. 37).</summary>
    public IActionResult OnPostDecline(long recordId) => Change(recordId, declined: true);

    /// <summary>Withdraws the request: the positive record is published again.</summary>
    public IActionResult OnPostRestore(long recordId) => Change(recordId, declined: false);

    private IActionResult Change(long recordId, bool declined)
    {
        if (Subject() is not { } s) return Forbid();
        var r = records.Get(recordId);
        if (r is null || r.SubjectId != s.Id) return NotFound();
        if (catalog.Item(r.Item) is not { } item || !PublicationRule.MayDecline(item) || r.Status != RecordStatus.Active)
        {
            Message = "只有守信信息可以申请不予公示（《黑龙江省社会信用条例》第三十七条）。";
            return RedirectToPage();
        }
        var actor = $"subject:{s.Ref}";
        if (declined && !r.Withheld)
            changes.Withhold(r.Id, actor, "declined-publication", "信用主体申请不公示其守信信息（《黑龙江省社会信用条例》第三十七条）");
        else if (!declined && r.Withheld)
            changes.Restore(r.Id, actor, "信用主体撤回不公示申请，恢复公示");
        var number = Display.DecisionNumber(item, r);
        Message = declined ? $"已停止公示“{item.Name}”（{number}）。" : $"已恢复公示“{item.Name}”（{number}）。";
        return RedirectToPage();
    }

    private SubjectRow? Subject() => HttpContext.SubjectIdOf() is { } id ? subjects.Get(id) : null;
}
