using Xinyong.Web.Api;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Xinyong.Calendar;
using Xinyong.Identifiers;
using Xinyong.Storage.Query;
using Xinyong.Web.Features.Query;

namespace Xinyong.Web.Pages.Shuanggongshi;

/// <summary>
/// <c>/shuanggongshi?type=licence|penalty&amp;from=&amp;to=&amp;authority=&amp;region=&amp;page=</c>: the public 行政许可 and
/// 行政处罚 decisions (双公示), newest first, filterable by decision date, authority and region.
/// </summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class IndexModel(PublicRecords records, SubjectViews views, TimeProvider clock) : PageModel
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
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Authority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    /// <summary>The page asked for (<c>?page=N</c>; read by hand: "page" is a route value of Razor Pages).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Errors in the filter, by field.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The rows of this page, as the public sees them.</summary>
    public IReadOnlyList<(string SubjectName, string SubjectRef, RecordView Record)> Rows { get; private set; } = [];

    /// <summary>Whether a next page exists.</summary>
    public bool HasNext { get; private set; }

    /// <summary>The prefectures of Heilongjiang for the region filter.</summary>
    public IReadOnlyList<Division> Regions { get; } = Divisions.Heilongjiang("prefecture");

    public IActionResult OnGet()
    {
        if (!Types.ContainsKey(Type)) Type = "licence";
        PageNumber = PageNumbers.Of(Request);
        var from = ParseDate(From, "from");
        var to = ParseDate(To, "to");
        if (from is { } f && to is { } t && t < f) Errors["to"] = "截止日期不能早于起始日期";
        if (!string.IsNullOrEmpty(Region) && PublicRecords.RegionPrefix(Region) is null) Errors["region"] = "地区代码须为6位行政区划代码";
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var today = clock.Today();
        var found = records.Listing(new ListingFilter(Types[Type].Item, from, to, Authority, Region), today, (PageNumber - 1) * PageSize, PageSize + 1);
        HasNext = found.Count > PageSize;
        Rows = found.Take(PageSize)
            .Select(x => (Name: SubjectViews.SubjectName(x.Subject.Name, x.Subject.IsNaturalPerson, Audience.Public), x.Subject.Ref,
                View: views.Record(x.Record, x.Subject.IsNaturalPerson, Audience.Public, today)))
            .Where(x => x.View is not null)
            .Select(x => (x.Name, x.Ref, x.View!)).ToList();
        return Page();
    }

    /// <summary>The address of this listing with another page (or type).</summary>
    public string ListingUrl(int page, string? type = null)
    {
        var q = new List<string> { "type=" + (type ?? Type) };
        if (type is null)
        {
            if (!string.IsNullOrEmpty(From)) q.Add("from=" + Uri.EscapeDataString(From));
            if (!string.IsNullOrEmpty(To)) q.Add("to=" + Uri.EscapeDataString(To));
            if (!string.IsNullOrEmpty(Authority)) q.Add("authority=" + Uri.EscapeDataString(Authority));
            if (!string.IsNullOrEmpty(Region)) q.Add("region=" + Uri.EscapeDataString(Region));
        }
        if (page > 1) q.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return "/shuanggongshi?" + string.Join("&", q);
    }

    private DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors[field] = "日期格式应为 yyyy-MM-dd";
        return null;
    }
}
