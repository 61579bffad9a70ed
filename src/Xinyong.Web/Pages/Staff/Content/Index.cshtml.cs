using Xinyong.Storage.Content;

namespace Xinyong.Web.Pages.Staff.Content;

/// <summary><c>/staff/content</c>: every content page, published or not, for the credit agency's editors.</summary>
[AccessRule(AccessRules.ContentEditors)]
public sealed class IndexModel(ContentStore content) : PageModel
{
    public IReadOnlyList<ContentPage> Pages { get; private set; } = [];

    public void OnGet() => Pages = content.All();
}
