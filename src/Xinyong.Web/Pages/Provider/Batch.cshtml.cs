using Xinyong.Storage.Collection;

namespace Xinyong.Web.Pages.Provider;

/// <summary>
/// <c>/provider/batches/{id}</c>: one batch of the signed-in provider: while it runs the page says so and reloads itself
/// every few seconds (no JavaScript); once finished, its counts and the first rejected rows with their reasons, and all of
/// them as CSV. Another provider's batch is not found.
/// </summary>
[AccessRule(AccessRules.Provider)]
public sealed class BatchModel(BatchHistory history, CatalogSet catalog) : PageModel
{
    /// <summary>The rejected rows the page shows (all of them are in the CSV).</summary>
    public const int Shown = 100;

    public BatchRow Batch { get; private set; } = null!;
    public ImportResult? Result { get; private set; }
    public CatalogItem? Item { get; private set; }

    public IActionResult OnGet(long id)
    {
        if (history.Get(id) is not { } b || b.Provider != HttpContext.AccountOf()!.Code) return NotFound();
        Batch = b;
        Result = BatchHistory.ResultOf(b);
        Item = catalog.Item(b.Item);
        return Page();
    }

    /// <summary>A field's Chinese header.</summary>
    public string FieldName(string code) => Item?.Field(code)?.Label ?? code;
}
