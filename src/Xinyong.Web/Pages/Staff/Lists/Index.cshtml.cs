using Xinyong.Measures;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Lists;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>The staff view of the credit lists: every entry, with its status, by list, status and subject.</summary>
[AccessRule(AccessRules.DecidingStaff)]
public sealed class IndexModel(ListQueries queries, ListViews views, SubjectStore subjects, ListNotifications notifications) : StaffPage
{
    /// <summary>Entries per page.</summary>
    public const int Size = 50;

    [BindProperty(SupportsGet = true)]
    public string List { get; set; } = CreditListNames.Dishonesty;

    [BindProperty(SupportsGet = true)]
    public ListFilter Status { get; set; } = ListFilter.Active;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public IReadOnlyList<ListDecisionView> Entries { get; private set; } = [];
    public bool More { get; private set; }
    public long Owed { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!CreditListNames.All.Contains(List)) return NotFound();
        PageNo = Math.Max(1, PageNo);
        Owed = notifications.OwedCount();
        var search = ListSearch.Of(Q, subjects);
        Error = search.Error;
        if (Error is not null || search.NoMatch) return Page();
        var (rows, more) = queries.Page(List, Status, PageNo, Size, search.SubjectId, search.Name);
        Entries = rows.Select(r => views.View(r, Audience.Full)!).ToList();
        More = more;
        return Page();
    }

    /// <summary>The address of another page of the same search.</summary>
    public string Link(int page) =>
        $"/staff/lists?list={List}&status={Status}{(string.IsNullOrWhiteSpace(Q) ? "" : "&q=" + Uri.EscapeDataString(Q))}&p={page}";
}
