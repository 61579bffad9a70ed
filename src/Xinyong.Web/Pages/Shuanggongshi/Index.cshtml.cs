using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using Xinyong.Identifiers;

namespace Xinyong.Web.Pages.Shuanggongshi;

/// <summary>
/// <c>/shuanggongshi?type=licence|penalty&amp;name=&amp;number=&amp;authority=&amp;region=&amp;from=&amp;to=&amp;after=|before=&amp;n=</c>:
/// the public 行政许可 and 行政处罚 decisions (双公示), newest first, searchable by the 行政相对人's name, the decision
/// number, the deciding unit, the region and the decision dates, with the total, keyset pages (<c>after</c>/<c>before</c>
/// name the last/first row seen; <c>n</c> is only the page number shown) and CSV/xlsx export of the result.
/// </summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class IndexModel(ShuanggongshiSearch search, SubjectViews views, TimeProvider clock) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>The two listings: type → catalog item and heading.</summary>
    public static readonly IReadOnlyDictionary<string, (string Item, string Label)> Types = new Dictionary<string, (string, string)>
    {
        ["licence"] = ("admin-licence", "行政许可"),
        ["penalty"] = ("admin-penalty", "行政处罚"),
    };

    [BindProperty(SupportsGet = true)] public string Type { get; set; } = "licence";
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Authority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }
    /// <summary>The page number shown (<c>?n=</c>); the rows come from the keyset, not from it.</summary>
    [BindProperty(SupportsGet = true, Name = "n")] public int PageNumber { get; set; } = 1;

    /// <summary>Errors in the filter, by field.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The rows of this page, as the public sees them.</summary>
    public IReadOnlyList<(string SubjectName, string SubjectRef, RecordView Record)> Rows { get; private set; } = [];

    /// <summary>The rows the query finds in all.</summary>
    public long Total { get; private set; }

    /// <summary>The number of pages.</summary>
    public long Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The key of the first and of the last row of this page (for the previous and next links).</summary>
    public ListingKey? FirstKey { get; private set; }
    public ListingKey? LastKey { get; private set; }

    /// <summary>Whether a next page exists.</summary>
    public bool HasNext { get; private set; }

    /// <summary>Whether a previous page exists.</summary>
    public bool HasPrevious { get; private set; }

    /// <summary>The address asked for a page past the last one.</summary>
    public bool PastTheEnd { get; private set; }

    /// <summary>The prefectures of Heilongjiang for the region filter.</summary>
    public IReadOnlyList<Division> Regions { get; } = Divisions.Heilongjiang("prefecture");

    /// <summary>The query of this page, or null when its filter has errors.</summary>
    public ShuanggongshiQuery? Query { get; private set; }

    public IActionResult OnGet()
    {
        Query = Read(Type, Name, Number, Authority, Region, From, To, Errors);
        if (!Types.ContainsKey(Type)) Type = "licence";
        PageNumber = Math.Max(1, PageNumber);
        var after = ListingKey.Parse(After);
        var before = ListingKey.Parse(Before);
        if (!string.IsNullOrEmpty(After) && after is null || !string.IsNullOrEmpty(Before) && before is null) Errors["page"] = "分页位置无效，请从第一页开始查看";
        if (Errors.Count > 0 || Query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var today = clock.Today();
        Total = search.Total(Query, today);
        var found = search.Page(Query, today, PageSize + 1, after, before is null ? null : before);
        if (before is not null)
        {
            HasPrevious = found.Count > PageSize;
            found = found.Skip(Math.Max(0, found.Count - PageSize)).ToList();
            HasNext = true;
        }
        else
        {
            HasNext = found.Count > PageSize;
            found = found.Take(PageSize).ToList();
            HasPrevious = after is not null;
        }
        if (found.Count == 0 && (after is not null || before is not null))
        {
            PastTheEnd = true;
            HasPrevious = HasNext = false;
        }
        if (found.Count > 0)
        {
            FirstKey = new ListingKey(found[0].Record.DecidedOn!.Value, found[0].Record.Id);
            LastKey = new ListingKey(found[^1].Record.DecidedOn!.Value, found[^1].Record.Id);
        }
        if (!HasPrevious) PageNumber = 1;
        Rows = found
            .Select(x => (Name: SubjectViews.SubjectName(x.Subject.Name, x.Subject.IsNaturalPerson, Audience.Public), x.Subject.Ref,
                View: views.Record(x.Record, x.Subject.IsNaturalPerson, Audience.Public, today)))
            .Where(x => x.View is not null)
            .Select(x => (x.Name, x.Ref, x.View!)).ToList();
        return Page();
    }

    /// <summary>
    /// The search a request asks for: the type and the filters, checked (a wrong date, an inverted range or an unknown
    /// region becomes an error by field). Null when there are errors. Shared by the page and the export.
    /// </summary>
    public static ShuanggongshiQuery? Read(string? type, string? name, string? number, string? authority, string? region, string? from, string? to, Dictionary<string, string> errors)
    {
        var item = Types.TryGetValue(type ?? "", out var t) ? t.Item : Types["licence"].Item;
        var f = ParseDate(from, "from", errors);
        var u = ParseDate(to, "to", errors);
        if (f is { } a && u is { } b && b < a) errors["to"] = "截止日期不能早于起始日期";
        if (!string.IsNullOrEmpty(region) && PublicRecords.RegionPrefix(region) is null) errors["region"] = "地区代码须为6位行政区划代码";
        if (name is { } n && n.Trim().Length is > 0 and < 2) errors["name"] = "行政相对人名称至少输入两个字";
        if (name?.Length > 60 || number?.Length > 60 || authority?.Length > 60) errors["length"] = "查询内容不能超过60个字";
        return errors.Count > 0 ? null : new ShuanggongshiQuery(item, Trim(name), Trim(number), Trim(authority), Trim(region), f, u);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The filters of this search as a query string (without paging).</summary>
    public string FilterQuery(string? type = null)
    {
        var q = new List<string> { "type=" + (type ?? Type) };
        if (type is null)
        {
            void Add(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value)) q.Add(key + "=" + Uri.EscapeDataString(value));
            }
            Add("name", Name); Add("number", Number); Add("authority", Authority); Add("region", Region); Add("from", From); Add("to", To);
        }
        return string.Join("&", q);
    }

    /// <summary>The address of this listing with another type (first page, no filter).</summary>
    public string ListingUrl(int page, string? type = null) => "/shuanggongshi?" + FilterQuery(type);

    /// <summary>The next page's address.</summary>
    public string NextUrl => $"/shuanggongshi?{FilterQuery()}&after={LastKey}&n={(PageNumber + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The previous page's address.</summary>
    public string PreviousUrl => PageNumber <= 2 && FirstKey is null ? "/shuanggongshi?" + FilterQuery()
        : $"/shuanggongshi?{FilterQuery()}&before={FirstKey}&n={Math.Max(1, PageNumber - 1).ToString(CultureInfo.InvariantCulture)}";

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors[field] = "日期格式应为 yyyy-MM-dd";
        return null;
    }
}
