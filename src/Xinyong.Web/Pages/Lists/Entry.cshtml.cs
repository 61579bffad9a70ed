using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Lists;

namespace Xinyong.Web.Pages.Lists;

/// <summary>One published list entry with the elements of its written decision (Art. 28).</summary>
[AccessRule(AccessRules.Public)]
public sealed class EntryModel(ListQueries queries, ListViews views) : PageModel
{
    public ListDecisionView Entry { get; private set; } = null!;

    public IActionResult OnGet(long id)
    {
        if (queries.Entry(id) is not { } row || views.View(row, Audience.Public) is not { } v) return NotFound();
        Entry = v;
        return Page();
    }
}
