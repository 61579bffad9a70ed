using Xinyong.Storage.Content;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages.Content;

/// <summary><c>/content/{section}/{id}</c>: one published content page (an unpublished one is not found).</summary>
[AccessRule(AccessRules.Public)]
public sealed class ShowModel(ContentStore content) : PageModel
{
    public ContentSection Section { get; private set; } = null!;
    public ContentPage Item { get; private set; } = null!;

    public IActionResult OnGet(string section, long id)
    {
        if (ContentSections.Of(section) is not { } s || content.Get(id) is not { Published: true } page || page.Section != s.Code) return NotFound();
        Section = s;
        Item = page;
        return Page();
    }
}
