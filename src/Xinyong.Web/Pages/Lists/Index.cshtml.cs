using Xinyong.Measures;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Lists;

namespace Xinyong.Web.Pages.Lists;

/// <summary>The public credit lists (严重失信主体名单, 守信激励主体名单): entries in force, natural persons masked.</summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(ListQueries queries, ListViews views, SubjectStore subjects) : PageModel
{
    /// <summary>Entries per page.</summary>
    public const int Size = 20;

    [BindProperty(SupportsGet = true)]
    public string List { get; set; } = CreditListNames.Dishonesty;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public IReadOnlyList<ListDecisionView> Entries { get; private set; } = [];
    public bool More { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!CreditListNames.All.Contains(List)) return NotFound();
        PageNo = Math.Max(1, PageNo);
        var search = ListSearch.Of(Q, subjects);
        Error = search.Error;
        if (Error is not null || search.NoMatch) return Page();
        var (rows, more) = queries.Page(List, ListFilter.Public, PageNo, Size, search.SubjectId, search.Name);
        Entries = rows.Select(r => views.View(r, Audience.Public)).OfType<ListDecisionView>().ToList();
        More = more;
        return Page();
    }

    /// <summary>The address of another page of the same search.</summary>
    public string Link(int page, string? list = null) =>
        $"/lists?list={Uri.EscapeDataString(list ?? List)}{(string.IsNullOrWhiteSpace(Q) || list is not null ? "" : "&q=" + Uri.EscapeDataString(Q))}&p={page}";
}
