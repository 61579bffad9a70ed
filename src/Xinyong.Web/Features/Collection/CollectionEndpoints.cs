using System.Text.Json;
using Xinyong.Collection;
using Xinyong.Collection.Sources;
using Xinyong.Publication;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Application.Collection;

namespace Xinyong.Web.Features.Collection;

/// <summary>
/// Collection (Art. 21, 38): providers push records (<c>POST /api/v1/records</c>), import files
/// (<c>POST /api/v1/imports</c>), correct and revoke their records.
/// </summary>
public static class CollectionEndpoints
{
    /// <summary>The body of a push.</summary>
    public sealed record PushBody(string? BatchId, string? Item, JsonElement? Records);

    /// <summary>The body of a correction.</summary>
    public sealed record CorrectionBody(string? Reason, Dictionary<string, JsonElement>? Fields);

    /// <summary>The body of a revocation.</summary>
    public sealed record RevocationBody(string? Basis, string? Reason);

    /// <summary>The form of a file import (multipart/form-data), read by hand so that each missing part is named.</summary>
    /// <param name="Item">The catalog item code.</param>
    /// <param name="File">The file: .csv (UTF-8 or GB18030), .xlsx or .jsonl.</param>
    public sealed record ImportForm(string Item, IFormFile File);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Collection");

        g.MapPost("/records", (PushBody body, HttpContext http, CollectionPipeline pipeline, CatalogSet catalog) =>
        {
            var account = http.AccountOf()!;
            var errors = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(body.BatchId) || body.BatchId.Length > 128)
                errors.Add(new FieldError("batchId", "required", "batchId为必填项（不超过128个字符）"));
            if (string.IsNullOrWhiteSpace(body.Item))
                errors.Add(new FieldError("item", "required", "item为必填项（目录项代码）"));
            if (body.Records is not { ValueKind: JsonValueKind.Array } arr)
                errors.Add(new FieldError("records", "required", "records须为记录数组"));
            else if (arr.GetArrayLength() > 50_000)
                errors.Add(new FieldError("records", "too-many", "每批最多50000条记录，请分批报送"));
            if (errors.Count > 0) throw Refusal.Invalid("collection.incomplete", "报送内容不完整", errors);
            if (catalog.Item(body.Item!) is null) throw Refusal.Invalid("collection.unknown-item", $"目录中没有目录项“{body.Item}”");
            if (!account.Items.Contains(body.Item!))
                throw Refusal.Forbidden("collection.item-not-permitted", $"提供单位{account.Code}无权报送目录项{body.Item}");
            var r = new CollectionImports(pipeline).Import(new ImportRequest(account, body.Item!, "api", body.BatchId), () => new JsonArraySource(body.Records!.Value));
            if (r.Replayed) http.Response.Headers["X-Batch-Replayed"] = "true";
            return Results.Json(PushAnswer.Of(body.BatchId, r), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Provider)
        .RequireRule(AccessRules.Provider)
        .WithSummary("Push a batch of records of one catalog item")
        .WithMetadata(new BodyLimitAttribute(BodySize.Import))
        .WithDescription("Body: {\"batchId\",\"item\",\"records\":[{…fields by code or Chinese label…}]}. The same batchId sent again changes nothing and answers the same; a batch left unfinished because the platform stopped during it can be sent again with the same batchId and lands once (409 only while a running process is still loading it). The answer's rows = accepted + duplicates + rejected.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .Produces<PushAnswer>();

        g.MapPost("/imports", async (HttpRequest request, HttpContext http, CollectionPipeline pipeline, CatalogSet catalog) =>
        {
            var account = http.AccountOf()!;
            if (!request.HasFormContentType) throw Refusal.Invalid("collection.multipart", "须以multipart/form-data上传（字段item和file）");
            var form = await request.ReadFormAsync();
            var itemCode = form["item"].ToString();
            var file = form.Files.GetFile("file");
            var errors = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(itemCode)) errors.Add(new FieldError("item", "required", "item为必填项（目录项代码）"));
            if (file is null || file.Length == 0) errors.Add(new FieldError("file", "required", "缺少文件或文件为空"));
            if (errors.Count > 0) throw Refusal.Invalid("collection.incomplete", "导入请求不完整", errors);
            if (catalog.Item(itemCode) is null) throw Refusal.Invalid("collection.unknown-item", $"目录中没有目录项“{itemCode}”");
            if (!account.Items.Contains(itemCode))
                throw Refusal.Forbidden("collection.item-not-permitted", $"提供单位{account.Code}无权报送目录项{itemCode}");
            var format = RecordSources.FormatOf(file!.FileName);
            if (format is null)
                throw Refusal.Invalid("collection.unsupported-file", $"不支持的文件类型“{file.FileName}”：请上传 .csv、.xlsx 或 .jsonl 文件");
            if (string.Equals(request.Query["async"], "true", StringComparison.OrdinalIgnoreCase))
            {
                // Asynchronous: the file is stored and its batch queued; 202 with the batch's address, which shows its progress.
                var id = WebImports.Enqueue(http.RequestServices, account, itemCode, "file", file, format.Value);
                var batch = http.RequestServices.GetRequiredService<BatchHistory>().Get(id)!;
                http.Response.Headers.Location = $"/api/v1/imports/{id}";
                return Results.Json(Features.Portal.ProviderBatches.Resource(batch), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
            }
            var r = new CollectionImports(pipeline).Import(new ImportRequest(account, itemCode, "file", FileName: file.FileName),
                () => RecordSources.Open(file.OpenReadStream(), format.Value));
            return Results.Json(ImportAnswer.Of(r), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Provider)
        .DisableAntiforgery()
        .DescribesBody<ImportForm>("multipart/form-data")
        .RequireRule(AccessRules.Provider)
        .WithSummary("Import a 双公示 file (CSV in UTF-8 or GB18030, Excel .xlsx, JSON lines) of one catalog item")
        .WithMetadata(new BodyLimitAttribute(BodySize.Import))
        .WithDescription("multipart/form-data: item, file. With ?async=true the file is stored and processed in the background: 202 Accepted at once, Location /api/v1/imports/{id}, the batch with its state and live counts (GET it until state is done or failed). Without it the import is synchronous and answers {\"rows\",\"accepted\",\"duplicates\",\"rejected\":[{\"row\",\"errors\":[{\"field\",\"code\",\"message\"}]}]} with rows = accepted + duplicates + rejected; row numbers as a spreadsheet shows them (header = 1). A row that cannot be read (a quote never closed, a line that is not JSON) is a rejected row naming its line; a file of mixed or invalid encoding is refused whole (400) naming its first bad line.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .Produces<ImportAnswer>();

        g.MapPost("/records/{id:long}/corrections", (long id, CorrectionBody body, HttpContext http, RecordChangeDesk changes) =>
        {
            var patch = (body.Fields ?? []).ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => kv.Value.GetString(),
                _ => kv.Value.GetRawText(),
            });
            return Change(() => changes.Correct(http.AccountOf()!, id, patch, body.Reason ?? ""));
        })
        .RequireAuthorization()
        .RequireRule(AccessRules.Records)
        .WithSummary("Correct a record (Art. 38): a new version with its reason")
        .WithDescription("Body: {\"reason\",\"fields\":{code or label: new value}}. Subject and decision number cannot change.")
        .Produces<RecordChangeAnswer>();

        g.MapPost("/records/{id:long}/revocation", (long id, RevocationBody body, HttpContext http, RecordChangeDesk changes) =>
            Change(() => changes.Revoke(http.AccountOf()!, id, body.Basis ?? "", body.Reason ?? "")))
        .RequireAuthorization()
        .RequireRule(AccessRules.Records)
        .WithSummary("Revoke a record whose basis was revoked, confirmed illegal or invalid (Art. 38)")
        .WithDescription("Body: {\"basis\":\"revoked|confirmed-illegal|confirmed-invalid\",\"reason\"}. Publication ends at once; the record and its versions are kept.")
        .Produces<RecordChangeAnswer>();

        g.MapGet("/records/{id:long}", (long id, HttpContext http, RecordReader reader, SubjectStore subjects, SubjectViews views, Authorizations authorizations,
            AccessLog access, CatalogSet catalog, TimeProvider clock) =>
        {
            var account = http.AccountOf()!;
            var r = reader.Get(id);
            if (r is null) throw Refusal.NotFound("record.not-found", $"没有编号为{id}的记录");
            var today = clock.Today();
            var item = catalog.Item(r.Item);
            var auth = account.Kind == AccountKinds.Institution ? authorizations.ValidFor(account.Code, r.SubjectId, today) : null;
            var read = RecordAccess.ReadOf(account, r, item, today, auth?.ItemSet);
            if (read == RecordRead.None)
                throw Refusal.Forbidden("record.forbidden", "只有报送该记录的提供单位、该单位和公共信用工作机构的工作人员，以及依共享（第二十二条）或信用主体授权（第二十三条、第二十四条）可以查看的部门和机构可以查看该记录");
            var subject = subjects.Get(r.SubjectId)!;
            var itemName = item?.Name ?? r.Item;
            // Art. 35: every read outside the public view enters the subject's access log.
            access.Record(r.SubjectId, account.Kind, account.Code, read switch
            {
                RecordRead.Shared => "履行职责共享查询（《黑龙江省社会信用条例》第二十二条）",
                RecordRead.Authorized => auth!.Purpose,
                _ => "信用记录核查（《黑龙江省社会信用条例》第三十八条）",
            }, $"查看信用记录{r.Id}（{itemName}）{(read == RecordRead.Full ? "全部内容及历次版本" : "，个人信息已遮蔽")}", "api", read == RecordRead.Authorized ? auth!.Id : null);
            if (read != RecordRead.Full)
                return Results.Json(views.Record(r, subject.IsNaturalPerson, read == RecordRead.Shared ? Audience.Department(account.Items) : Audience.Institution(auth!.ItemSet), today), ApiJson.Options);
            return Results.Json(FullRecordView.Of(r, reader.Versions(id), reader.Events(id)), ApiJson.Options);
        })
        .RequireAuthorization()
        .RequireRule(AccessRules.Records)
        .WithSummary("A record: in full with every version and its history (its provider, the staff of its unit), or masked as shared (Art. 22) or authorized (Art. 23-24); every read is logged (Art. 35)")
        .Produces<FullRecordView>();
    }


    private static IResult Change(Func<StoredRecord> change)
    {
        var r = change();
        return Results.Json(RecordChangeAnswer.Of(r), ApiJson.Options);
    }
}

/// <summary>The records array of an API batch as a source; rows are numbered by their 0-based index.</summary>
internal sealed class JsonArraySource(JsonElement array) : IRecordSource
{
    private readonly HashSet<string> _unknown = [];

    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        var aligner = new ObjectAligner(item, _unknown);
        var i = -1;
        foreach (var e in array.EnumerateArray())
        {
            i++;
            if (e.ValueKind != JsonValueKind.Object)
            {
                var names = item.Fields.Select(f => f.Code).ToArray();
                // An element that is not an object has no fields: every required field is reported missing.
                yield return new SourceRow(i, new string?[item.Fields.Count], names);
                continue;
            }
            var (values, n) = aligner.Align(e);
            yield return new SourceRow(i, values, n);
        }
    }

    public void Dispose() { }
}
