using Xinyong.Collection.Sources;

namespace Xinyong.Web.Pages.Provider;

/// <summary>
/// <c>/provider/upload</c>: a provider unit signed in to the portal uploads a file (.csv, .xlsx or .jsonl) of one of its
/// catalog items. The file is stored (spooled to disk) and its batch created "processing"; the browser lands at once on the
/// batch's page, which shows the progress while the background worker runs the same pipeline as the API's imports
/// (<see cref="Features.Collection.WebImports"/>), then the result.
/// </summary>
[AccessRule(AccessRules.Provider)]
[BodyLimit(BodySize.Import)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class UploadModel(CatalogSet catalog) : PageModel
{
    [BindProperty] public string? Item { get; set; }
    [BindProperty] public new IFormFile? File { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The provider's items, code → name.</summary>
    public IReadOnlyList<(string Code, string Name)> Items { get; private set; } = [];

    public void OnGet() => LoadItems();

    public IActionResult OnPost()
    {
        LoadItems();
        var me = HttpContext.AccountOf()!;
        if (string.IsNullOrWhiteSpace(Item) || !me.Items.Contains(Item) || catalog.Item(Item) is null) Errors["item"] = "请选择本单位可以报送的目录项";
        if (File is null || File.Length == 0) Errors["file"] = "请选择要上传的文件";
        var format = File is null ? null : RecordSources.FormatOf(File.FileName);
        if (File is { Length: > 0 } && format is null) Errors["file"] = $"不支持的文件类型“{File.FileName}”：请上传 .csv、.xlsx 或 .jsonl 文件";
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var id = Features.Collection.WebImports.Enqueue(HttpContext.RequestServices, me, Item!, "web", File!, format!.Value);
        return Redirect($"/provider/batches/{id}");
    }

    private void LoadItems() => Items = (HttpContext.AccountOf()?.Items ?? (IEnumerable<string>)[]).Select(c => (c, catalog.Item(c)?.Name ?? c)).OrderBy(x => x.c, StringComparer.Ordinal).ToList();
}
