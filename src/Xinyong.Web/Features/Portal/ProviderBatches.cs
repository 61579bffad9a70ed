using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Portal;

/// <summary>
/// A provider's batches: the list (<c>GET /api/v1/imports</c>) and each batch's rejected rows as CSV of row, field and
/// reason (<c>GET /api/v1/imports/{id}/rejected.csv</c> with a token, <c>/provider/batches/{id}/rejected.csv</c> in the
/// portal). A provider reads only its own batches: another's is not found.
/// </summary>
public static class ProviderBatches
{
    /// <summary>The most batches a list carries.</summary>
    public const int MaxList = 200;

    /// <summary>How the channels read.</summary>
    public static string Channel(string c) => c switch
    {
        "api" => "接口推送", "file" => "文件上传（接口）", "web" => "网页上传", "cli" => "命令行导入", "sample" => "示例数据",
        "revocation" => "撤销", "correction" => "更正", "inspection" => "双随机抽查", "national" => "全国信用信息共享平台", "review" => "复核", "network" => "平台间交换",
        _ => "其他方式",
    };

    /// <summary>The Chinese part of a message written "中文 / English".</summary>
    public static string Chinese(string message) => message.Split(" / ")[0];

    /// <summary>The rejected rows of a batch as CSV lines: row, field (its Chinese header when known), reason.</summary>
    public static byte[] RejectedCsv(ImportResult result, CatalogItem? item) =>
        TableExport.Csv(["行号", "字段", "原因"], result.Rejected.SelectMany(r => r.Errors.Select(e => (IReadOnlyList<string>)
        [
            r.Row.ToString(System.Globalization.CultureInfo.InvariantCulture),
            item?.Field(e.Field)?.Label ?? e.Field,
            Chinese(e.Message),
        ])));

    /// <summary>Maps the API's list and the CSV of rejected rows (API and portal).</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/imports", (HttpContext http, BatchHistory history) =>
        {
            var me = http.AccountOf()!;
            return TypedResults.Ok(history.Of(me.Code, MaxList).Select(BatchView.Of).ToList());
        })
        .RequireAuthorization(Policies.Provider)
        .RequireRule(AccessRules.Provider)
        .WithSummary("The provider's own batches, newest first (up to 200)");

        IResult Rejected(long id, HttpContext http, BatchHistory history, CatalogSet catalog, bool api)
        {
            var me = http.AccountOf()!;
            if (history.Get(id) is not { } b || b.Provider != me.Code)
                return api ? Problems.NotFound($"没有编号为{id}的批次") : Results.NotFound();
            if (BatchHistory.ResultOf(b) is not { } result)
                return api ? Problems.Conflict("该批次尚未完成或未能完成，没有处理结果") : Results.Redirect($"/provider/batches/{id}");
            return Results.File(RejectedCsv(result, catalog.Item(b.Item)), "text/csv; charset=utf-8", $"batch-{id}-rejected.csv");
        }

        app.MapGet("/api/v1/imports/{id:long}/rejected.csv", (long id, HttpContext http, BatchHistory history, CatalogSet catalog) => Rejected(id, http, history, catalog, api: true))
            .RequireAuthorization(Policies.Provider)
            .RequireRule(AccessRules.Provider)
            .WithSummary("A batch's rejected rows as CSV: 行号 (row as a spreadsheet shows it), 字段, 原因")
            .ProducesFile("text/csv").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/provider/batches/{id:long}/rejected.csv", (long id, HttpContext http, BatchHistory history, CatalogSet catalog) => Rejected(id, http, history, catalog, api: false))
            .ExcludeFromDescription()
            .RequireRule(AccessRules.Provider);
    }
}

/// <summary>A batch in a provider's history (<c>GET /api/v1/imports</c>): its counts, whether it failed, and where its
/// rejected rows are.</summary>
public sealed record BatchView(
    long Id, string Item, string Channel, string? FileName, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt,
    int Accepted, int Updated, int Duplicates, int Rejected, bool Failed, string RejectedCsv)
{
    /// <summary>The view of <paramref name="b"/>.</summary>
    public static BatchView Of(BatchRow b) => new(
        b.Id, b.Item, b.Channel, b.FileName, b.ReceivedAt, b.FinishedAt, b.Accepted, b.Updated, b.Duplicates, b.Rejected, b.Failed,
        $"/api/v1/imports/{b.Id}/rejected.csv");
}
