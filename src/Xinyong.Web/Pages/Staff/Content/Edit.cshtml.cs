using Xinyong.Storage.Content;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages.Staff.Content;

/// <summary>
/// <c>/staff/content/edit/{id?}</c>: writes a content page (a new one without an id): section, title, Markdown body and
/// whether it is published; a preview renders the text as the public will read it before anything is saved; the
/// page's kept versions are listed, and an earlier one can be loaded into the form to restore it.
/// </summary>
[AccessRule(AccessRules.ContentEditors)]
public sealed class EditModel(ContentStore content, Xinyong.Storage.Accounts.AccountStore accounts) : PageModel
{
    /// <summary>The longest title.</summary>
    public const int MaxTitle = 100;

    /// <summary>The longest body, in characters.</summary>
    public const int MaxBody = 50_000;

    [BindProperty] public string? Section { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public bool Publish { get; set; }

    /// <summary>An earlier version to load into the form (<c>?version=N</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "version")] public int? LoadVersion { get; set; }

    public long? Id { get; private set; }
    public ContentPage? Existing { get; private set; }
    public IReadOnlyList<ContentVersion> History { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public bool Previewing { get; private set; }
    public string? Saved { get; private set; }

    public IActionResult OnGet(long? id)
    {
        if (!Load(id)) return NotFound();
        if (Existing is { } p)
        {
            Section = p.Section; Title = p.Title; Body = p.Body; Publish = p.Published;
            if (LoadVersion is { } v)
            {
                if (History.FirstOrDefault(h => h.Version == v) is not { } old) return NotFound();
                Title = old.Title; Body = old.Body;
            }
        }
        else Section = ContentSections.Of(Request.Query["section"]) is { } s ? s.Code : ContentSections.All[0].Code;
        if (TempData["saved"] is string saved) Saved = saved;
        return Page();
    }

    /// <summary>Shows the text as the public will read it; nothing is saved.</summary>
    public IActionResult OnPostPreview(long? id)
    {
        if (!Load(id)) return NotFound();
        Validate();
        Previewing = Errors.Count == 0;
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Saves a new version (a new page without an id).</summary>
    public IActionResult OnPostSave(long? id)
    {
        if (!Load(id)) return NotFound();
        Validate();
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var actor = HttpContext.AccountOf()!.Code;
        long pageId;
        if (Existing is { } p)
        {
            content.Save(p.Id, Title!.Trim(), Body!, Publish, actor);
            pageId = p.Id;
        }
        else pageId = content.Create(Section!, Title!.Trim(), Body!, Publish, actor);
        TempData["saved"] = Publish ? "已保存并发布。" : "已保存（未发布）。";
        return Redirect($"/staff/content/edit/{pageId}");
    }

    /// <summary>Who saved a version, as people read it: the account's name, or 示例内容 for the sample.</summary>
    public string SavedBy(string actor) => actor == PortalFeature.SampleActor ? "示例内容" : accounts.Get(actor)?.Name ?? actor;

    private bool Load(long? id)
    {
        Id = id;
        if (id is not { } i) return true;
        Existing = content.Get(i);
        if (Existing is null) return false;
        History = content.History(i);
        return true;
    }

    private void Validate()
    {
        if (Existing is { } p) Section = p.Section;   // a page stays in its section
        if (ContentSections.Of(Section) is null) Errors["section"] = "请选择栏目";
        if (string.IsNullOrWhiteSpace(Title)) Errors["title"] = "请填写标题";
        else if (Title.Trim().Length > MaxTitle) Errors["title"] = $"标题不能超过{MaxTitle}个字";
        if (string.IsNullOrWhiteSpace(Body)) Errors["body"] = "请填写正文";
        else if (Body.Length > MaxBody) Errors["body"] = $"正文不能超过{MaxBody}个字符";
    }
}
