using Xinyong.Storage.Content;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages.Content;

/// <summary><c>/content/{section}</c>: the published pages of a content section, newest first.</summary>
[AccessRule(AccessRules.Public)]
public sealed class SectionModel(ContentStore content) : PageModel
{
    /// <summary>The most pages a section page lists.</summary>
    public const int Max = 200;

    public ContentSection Section { get; private set; } = null!;
    public IReadOnlyList<ContentPage> Pages { get; private set; } = [];

    public IActionResult OnGet(string section)
    {
        if (ContentSections.Of(section) is not { } s) return NotFound();
        Section = s;
        Pages = content.Published(s.Code, Max);
        return Page();
    }
}
