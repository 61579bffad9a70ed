using Microsoft.AspNetCore.RateLimiting;

namespace Xinyong.Web.Pages;

/// <summary><c>/search?q=TEXT&amp;page=N</c>: subjects by part of their name, or one subject by its code.</summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class SearchModel(SubjectSearch search, SubjectViews views) : PageModel
{
    /// <summary>What was searched.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>The page asked for.</summary>
    /// <summary>The page asked for (<c>?page=N</c>; read by hand: "page" is a route value of Razor Pages).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The results, or null when nothing was searched.</summary>
    public SearchPage? Result { get; private set; }

    /// <summary>The results as the public sees them (natural persons masked).</summary>
    public IReadOnlyList<SubjectView> Hits { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Q)) return Page();
        PageNumber = PageNumbers.Of(Request);
        Result = search.Search(Q, PageNumber);
        if (Result.ByCode && Result.Hits.Count == 1) return Redirect($"/subjects/{Uri.EscapeDataString(Result.Hits[0].Ref)}");
        Hits = Result.Hits.Select(h => views.Subject(h, Audience.Public, [])).ToList();
        return Page();
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page) => $"/search?q={Uri.EscapeDataString(Q ?? "")}&page={page}";
}
