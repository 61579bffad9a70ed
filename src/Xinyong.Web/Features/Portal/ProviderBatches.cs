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

    /// <summary>How a batch's state reads.</summary>
    public static string StateText(BatchRow b) => b.State switch
    {
        "queued" => "排队等待处理（本页每2秒自动刷新）",
        "processing" => "处理中（本页每2秒自动刷新）",
        "failed" => b.Error is null ? "未完成（处理中断，可以重新报送同一文件）" : "未完成",
        _ => "已完成",
    };

    /// <summary>A batch as the API shows it: its state and its counts (live while it is processed).</summary>
    public static BatchResource Resource(BatchRow b) => new(b.Id, b.Item, b.Channel, b.FileName, b.State, b.ReceivedAt, b.FinishedAt,
        b.RowsRead, b.TotalRows, b.Accepted, b.Updated, b.Duplicates, b.Rejected, b.Failed, b.Error, $"/api/v1/imports/{b.Id}", $"/api/v1/imports/{b.Id}/rejected.csv");

    /// <summary>The Chinese part of a message written "中文 / English" (batch reasons stored before issue 12); the whole text otherwise.</summary>
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
            return TypedResults.Ok(history.Of(me.Code, MaxList).Select(Resource).ToList());
        })
        .RequireAuthorization(Policies.Provider)
        .RequireRule(AccessRules.Provider)
        .WithSummary("The provider's own batches, newest first (up to 200), with their state and counts");

        app.MapGet("/api/v1/imports/{id:long}", (long id, HttpContext http, BatchHistory history) =>
            history.Get(id) is { } b && b.Provider == http.AccountOf()!.Code
                ? Results.Json(Resource(b), ApiJson.Options)
                : Problems.NotFound($"没有编号为{id}的批次"))
        .RequireAuthorization(Policies.Provider)
        .RequireRule(AccessRules.Provider)
        .WithSummary("One of the provider's batches: its state (queued, processing, done, failed) and its counts, live while it is processed")
        .Produces<BatchResource>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithDescription("rowsRead = accepted + duplicates + rejected at every moment: the counts are committed with each chunk of rows loaded. totalRows is the file's row count when known cheaply (an upper estimate for text files).");

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

/// <summary>A provider's batch as the API shows it.</summary>
/// <param name="Id">The batch number.</param>
/// <param name="Item">The catalog item the batch reports.</param>
/// <param name="Channel">How it came: <c>api</c>, <c>file</c> (an upload), <c>cli</c> or <c>sample</c>.</param>
/// <param name="FileName">The uploaded file's name, or null.</param>
/// <param name="ReceivedAt">When the batch was received.</param>
/// <param name="FinishedAt">When processing ended, or null while it runs.</param>
/// <param name="Duplicates">Rows identical to a record already held.</param>
/// <param name="Rejected">Rows refused, each with its reasons in the rejected-rows CSV.</param>
/// <param name="Failed">Whether the batch could not be completed.</param>
/// <param name="Self">This resource's address.</param>
/// <param name="RejectedCsv">The address of the rejected rows as CSV (row, field, reason).</param>
/// <param name="State"><c>queued</c> (a file waiting for the worker), <c>processing</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="RowsRead">Rows read so far; always <c>Accepted + Duplicates + Rejected</c> (committed with each chunk loaded).</param>
/// <param name="TotalRows">The file's row count when known cheaply (an upper estimate for text files), else null.</param>
/// <param name="Accepted">Rows stored (new records and new versions).</param>
/// <param name="Updated">Of the accepted, new versions of records already held.</param>
/// <param name="Error">Why the batch could not be completed (Chinese), or null.</param>
public sealed record BatchResource(long Id, string Item, string Channel, string? FileName, string State, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt,
    int RowsRead, int? TotalRows, int Accepted, int Updated, int Duplicates, int Rejected, bool Failed, string? Error, string Self, string RejectedCsv);
