using System.Globalization;
using System.Text.Json;
using Xinyong.Collection;
using Xinyong.Publication;
using Xinyong.Storage.Audit;

namespace Xinyong.Web.Features.Publication;

/// <summary>
/// The query API beyond the public subject view: public search (<c>GET /api/v1/search</c>), the authorized query of
/// banks and credit-service firms (Art. 23-24), sharing to departments for their duties (Art. 22) and the open-data
/// change feed (<c>GET /api/v1/open/records.jsonl</c>). Reads of conditional information are logged (Art. 35).
/// </summary>
public static class QueryEndpoints
{
    /// <summary>A search result as the API gives it.</summary>
    public sealed record SearchHit(string Ref, string Code, string Name, string Kind, string KindLabel, string? Region, string? RegionName, string Url);

    /// <summary>The answer of <c>GET /api/v1/search</c>.</summary>
    public sealed record SearchAnswer(string Query, bool ByCode, int Total, bool Capped, int Page, int PageSize, int Pages, IReadOnlyList<SearchHit> Results);

    /// <summary>An authorization as the institution sees it.</summary>
    public sealed record AuthorizationView(long Id, string Subject, string Purpose, IReadOnlyList<string> Items, DateOnly ExpiresOn, DateTimeOffset GrantedAt);

    /// <summary>The answer of an authorized query.</summary>
    public sealed record AuthorizedAnswer(AuthorizationView? Authorization, SubjectView Subject);

    /// <summary>The answer of a shared read.</summary>
    public sealed record SharedAnswer(string Purpose, SubjectView Subject);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Query");

        g.MapGet("/search", (string? q, int? page, SubjectSearch search, SubjectViews views) =>
        {
            if (string.IsNullOrWhiteSpace(q))
                throw Refusal.Invalid("publication.invalid", "缺少查询内容", [new FieldError("q", "required", "请输入企业名称、统一社会信用代码或公民身份号码")]);
            if (page is < 1)
                throw Refusal.Invalid("publication.invalid", "页码有误", [new FieldError("page", "invalid", "页码须为正整数")]);
            var r = search.Search(q, page ?? 1);
            if (r.TooShort)
                throw Refusal.Invalid("publication.invalid", "查询内容过短", [new FieldError("q", "too-short", $"按名称查询请至少输入{NameSearch.MinQueryLength}个字")]);
            return Results.Json(new SearchAnswer(r.Query, r.ByCode, r.Total, r.Capped, r.Page, r.PageSize, r.Pages,
                r.Hits.Select(h => Hit(views.Subject(h, Audience.Public, []))).ToList()), ApiJson.Options);
        })
        .RequireRateLimiting(PublicRateLimit.Policy)
        .RequireRule(AccessRules.Public)
        .WithSummary("Search subjects by name (partial) or by code")
        .WithDescription("q: part of a name (at least 2 characters; natural persons are not found by name), or a unified social credit code, a resident identity number or a subject reference (exact). page: from 1, 20 results a page, at most 1000 results (capped = true: refine the query). Rate-limited per client: 429 with Retry-After.")
        .Produces<SearchAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("/authorized/subjects/{code}", (string code, long? authorization, HttpContext http, SubjectStore subjects, SubjectViews views,
            Authorizations authorizations, AccessLog log, CatalogSet catalog, TimeProvider clock) =>
        {
            if (Find(code, subjects, out var s) is { } problem) return problem;
            var account = http.AccountOf()!;
            var today = clock.Today();
            var auth = authorizations.ValidFor(account.Code, s!.Id, today, authorization);
            if (authorization is not null && auth is null)
                throw Refusal.Forbidden("authorization.invalid", $"授权{authorization}不存在、已撤销、已过期或不是授予本机构的");
            var view = views.Of(s, Audience.Institution(auth?.ItemSet));
            if (auth is not null)
            {
                var conditional = view.Records.Where(r => r.Open == "conditional").ToList();
                var names = string.Join("、", auth.ItemSet.Select(i => catalog.Item(i)?.Name ?? i));
                log.Record(s.Id, AccountKinds.Institution, account.Code, auth.Purpose, $"授权查询：{names}（返回有条件开放信息{conditional.Count}条）", "api", auth.Id);
            }
            return Results.Json(new AuthorizedAnswer(auth is null ? null : View(auth, s), view), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Institution)
        .RequireRule(AccessRules.Institution)
        .WithSummary("Authorized query of a subject by a bank or credit-service firm (Art. 23-24)")
        .WithDescription("Returns what is open to all and, under a valid authorization the subject granted to the calling institution, the conditionally open records of the items it names (personal information masked). authorization: the id of the authorization to use (default: the newest valid one). Every read under an authorization is entered in the subject's access log (Art. 35). authorization = null in the answer: only what is open to all.")
        .Produces<AuthorizedAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        g.MapGet("/authorizations", (HttpContext http, Authorizations authorizations, SubjectStore subjects, TimeProvider clock) =>
        {
            var account = http.AccountOf()!;
            return Results.Json(authorizations.ValidOfGrantee(account.Code, clock.Today()).Select(a => View(a, subjects.Get(a.SubjectId)!)).ToList(), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Institution)
        .RequireRule(AccessRules.Institution)
        .WithSummary("The authorizations granted to the calling institution that are valid today")
        .Produces<List<AuthorizationView>>()
        .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        g.MapGet("/shared/subjects/{code}", (string code, string? purpose, HttpContext http, SubjectStore subjects, SubjectViews views,
            AccessLog log, AuthorizationRules rules) =>
        {
            if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length > rules.PurposeMaxLength)
                throw Refusal.Invalid("publication.invalid", "须说明查询用途", [new FieldError("purpose", string.IsNullOrWhiteSpace(purpose) ? "required" : "too-long",
                    $"共享查询须说明履行职责的用途（不超过{rules.PurposeMaxLength}个字，《黑龙江省社会信用条例》第二十二条）")]);
            if (Find(code, subjects, out var s) is { } problem) return problem;
            var account = http.AccountOf()!;
            var view = views.Of(s!, Audience.Department(account.Items));
            var items = view.Records.Select(r => r.ItemName).Distinct().ToList();
            log.Record(s!.Id, AccountKinds.Department, account.Code, purpose.Trim(),
                $"共享查询：{(items.Count == 0 ? "无共享信息" : string.Join("、", items))}（共{view.Records.Count}条）", "api");
            return Results.Json(new SharedAnswer(purpose.Trim(), view), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Shared read of a subject by a department for its duties (Art. 22)")
        .WithDescription("purpose (required): the duty the read serves. Returns the records in force of the items shared with the department: unconditionally shared items, and conditionally shared items its account lists; items not shared are never returned. Personal information is masked. Every read is entered in the subject's access log (Art. 35).")
        .Produces<SharedAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        g.MapGet("/open/records.jsonl", (string? since, string? cursor, int? limit, HttpContext http, PublicRecords records, CatalogSet catalog, SubjectViews views,
            TimeProvider clock, PlatformOptions o) =>
        {
            OpenDataCursor position;
            if (!string.IsNullOrWhiteSpace(cursor))
            {
                if (!OpenDataCursor.TryParse(cursor.Trim(), out position))
                    throw Refusal.Invalid("publication.invalid", "cursor有误", [new FieldError("cursor", "invalid-cursor",
                        "翻页标记无效：请使用上一页响应头X-Next-Cursor或Link中的值")]);
            }
            else
            {
                var from = DateTimeOffset.UnixEpoch;
                if (!string.IsNullOrWhiteSpace(since) && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
                    throw Refusal.Invalid("publication.invalid", "since有误", [new FieldError("since", "invalid-instant",
                        $"“{since}”不是有效的时间（ISO 8601，如2026-11-22T10:00:00+08:00）")]);
                position = new OpenDataCursor(new FeedKey { At = from.ToUniversalTime(), Id = long.MaxValue }, clock.GetUtcNow());
            }
            if (limit is < 1)
                throw Refusal.Invalid("publication.invalid", "limit有误", [new FieldError("limit", "invalid", "每页条数须为正整数")]);
            var pageSize = Math.Min(limit ?? o.OpenDataPageSize, o.OpenDataPageSize);
            var today = clock.Today();
            var items = catalog.Current.Items.Values.Where(i => i.Open == OpenAttribute.Unconditional).Select(i => i.Code).ToList();
            http.Response.Headers["X-As-Of"] = position.AsOf.ToString("O", CultureInfo.InvariantCulture);
            var end = records.PageEnd(items, position.After, position.AsOf, pageSize);
            if (end is { More: true } e)
            {
                var next = new OpenDataCursor(e.Last, position.AsOf).Encode();
                http.Response.Headers["X-Next-Cursor"] = next;
                http.Response.Headers.Link = $"</api/v1/open/records.jsonl?cursor={next}&limit={pageSize}>; rel=\"next\"";
            }
            return Results.Stream(async body =>
            {
                if (end is not { } page) return;
                var newline = "\n"u8.ToArray();
                foreach (var row in records.Page(items, position.After, page.Last, position.AsOf))
                {
                    await JsonSerializer.SerializeAsync(body, OpenLine(row, catalog, views, today), ApiJson.Options, http.RequestAborted);
                    await body.WriteAsync(newline, http.RequestAborted);
                }
            }, "application/x-ndjson; charset=utf-8");
        })
        .RequireRule(AccessRules.Public)
        .RequireRateLimiting(OpenDataRateLimit.Policy)
        .WithSummary("Open data: the unconditionally open records changed since a moment, masked, as JSON lines, a page at a time")
        .WithDescription("since: an ISO 8601 instant (default: the beginning). One line per record of an unconditionally open item whose last change (new, corrected, revoked, archived, withdrawn, objection mark) lies after since, oldest first (then by id), up to the moment in the X-As-Of header. " +
                         "At most limit lines a page (default and largest: the platform's page size, 5000 unless configured). When more follow, the answer carries X-Next-Cursor and Link rel=next: request ?cursor=… for the next page of the same walk (the cursor keeps X-As-Of); when none follow, pass X-As-Of as since next time. " +
                         "change = new | corrected carry the masked fields; revoked, archived (disclosure period ended, Art. 37) and withdrawn (declined or repaired) carry none: stop publishing the record. underObjection: an objection is open (异议处理中). Rate-limited per client apart from search: 429 with Retry-After.")
        .Produces<OpenDataLine>(StatusCodes.Status200OK, "application/x-ndjson")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>One line of the open-data feed.</summary>
    public sealed record OpenDataLine(
        long Id, string Item, string ItemName, string Change, DateTimeOffset ChangedAt, OpenDataSubject Subject, string Status, bool Public,
        bool UnderObjection, DateOnly? DecidedOn, DateOnly? PublicUntil, int Version, string? Authority, IReadOnlyDictionary<string, string>? Fields);

    /// <summary>The subject of an open-data line: its reference (the USCC, or a P… reference for a natural person), masked name and kind.</summary>
    public sealed record OpenDataSubject(string Ref, string Name, string Kind);

    private static OpenDataLine OpenLine(ListedRecord row, CatalogSet catalog, SubjectViews views, DateOnly today)
    {
        var r = row.Record;
        var change = OpenData.ChangeOf(r.State, r.Version, today);
        var view = OpenData.CarriesContent(change) ? views.Record(r, row.Subject.IsNaturalPerson, Audience.Public, today) : null;
        return new OpenDataLine(r.Id, r.Item, catalog.Item(r.Item)?.Name ?? r.Item, change, r.ChangedAt,
            new OpenDataSubject(row.Subject.Ref, SubjectViews.SubjectName(row.Subject.Name, row.Subject.IsNaturalPerson, Audience.Public), row.Subject.Kind),
            r.Status, view is not null, r.UnderObjection, view?.DecidedOn, view?.PublicUntil, r.Version, view?.Authority, view?.Fields);
    }

    /// <summary>Finds a subject by code; returns the problem to answer when there is none.</summary>
    public static IResult? Find(string code, SubjectStore subjects, out SubjectRow? subject)
    {
        subject = subjects.GetByCode(code);
        return null;
    }

    private static SearchHit Hit(SubjectView v) =>
        new(v.Ref, v.Code, v.Name, v.Kind, v.KindLabel, v.Region, v.RegionName, $"/subjects/{Uri.EscapeDataString(v.Ref)}");

    private static AuthorizationView View(Authorization a, SubjectRow s) =>
        new(a.Id, s.Ref, a.Purpose, a.ItemSet.Order(StringComparer.Ordinal).ToList(), a.ExpiresOn, a.GrantedAt);
}
