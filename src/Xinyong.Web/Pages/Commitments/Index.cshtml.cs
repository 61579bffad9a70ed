using Xinyong.Application.Commitments;
using Xinyong.Commitments;
using Xinyong.Storage.Commitments;
using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Pages.Commitments;

/// <summary><c>/commitments</c>: 信用承诺公示 (Art. 50), searchable by subject, matter and unit (public).</summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(CommitmentStore store, CommitmentViews views, CommitmentDesk desk) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Matter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>The commitments found.</summary>
    public IReadOnlyList<CommitmentView> Found { get; private set; } = [];

    /// <summary>How many match.</summary>
    public long Total { get; private set; }

    /// <summary>The matters that accept commitments.</summary>
    public IReadOnlyList<CommitmentMatter> Matters => desk.Current.Matters;

    /// <summary>The number of pages.</summary>
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The address of another page of the same search.</summary>
    public string PageLink(int page) =>
        $"/commitments?Subject={Uri.EscapeDataString(Subject ?? "")}&Matter={Uri.EscapeDataString(Matter ?? "")}&Unit={Uri.EscapeDataString(Unit ?? "")}&page={page}";

    public void OnGet()
    {
        PageNumber = Math.Max(1, PageNumber);
        var (rows, total) = store.Search(new CommitmentQuery(Subject, Matter, Unit, PageSize, (PageNumber - 1) * PageSize));
        Found = rows.Select(views.Of).ToList();
        Total = total;
    }
}
