using Xinyong.Storage.Collection;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages.Provider;

/// <summary><c>/provider/batches</c>: the signed-in provider's batches (every channel), newest first.</summary>
[AccessRule(AccessRules.Provider)]
public sealed class BatchesModel(BatchHistory history, CatalogSet catalog) : PageModel
{
    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    public string ItemName(string code) => catalog.Item(code)?.Name ?? code;

    public void OnGet() => Batches = history.Of(HttpContext.AccountOf()!.Code, ProviderBatches.MaxList);
}
