using Xinyong.Measures;
using Xinyong.Storage.Content;
using Xinyong.Storage.Statistics;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Lists;
using Xinyong.Web.Features.Portal;

namespace Xinyong.Web.Pages;

/// <summary>
/// The home page: the search box, the site figures, the latest 双公示 decisions and list decisions, and the latest pages
/// of each content section.
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(SiteFigures figures, PublicRecords records, SubjectViews views, ListQueries lists, ListViews listViews,
    ContentStore content, TimeProvider clock) : PageModel
{
    /// <summary>Rows each latest-list shows.</summary>
    public const int Latest = 5;

    public HomeFigures Figures { get; private set; } = null!;

    /// <summary>The latest public 行政许可 and 行政处罚 by type key (<c>licence</c>, <c>penalty</c>).</summary>
    public Dictionary<string, IReadOnlyList<(string SubjectName, string SubjectRef, RecordView Record)>> Decisions { get; } = [];

    /// <summary>The latest public list decisions (严重失信主体名单 and 守信激励主体名单).</summary>
    public Dictionary<string, IReadOnlyList<ListDecisionView>> ListDecisions { get; } = [];

    /// <summary>The latest published pages of each section.</summary>
    public Dictionary<string, IReadOnlyList<ContentPage>> Sections { get; } = [];

    public void OnGet()
    {
        var today = clock.Today();
        Figures = figures.Home(today);
        foreach (var (key, (item, _)) in Shuanggongshi.IndexModel.Types)
            Decisions[key] = records.Listing(new ListingFilter(item, null, null, null, null), today, 0, Latest)
                .Select(x => (Name: SubjectViews.SubjectName(x.Subject.Name, x.Subject.IsNaturalPerson, Audience.Public), x.Subject.Ref,
                    View: views.Record(x.Record, x.Subject.IsNaturalPerson, Audience.Public, today)))
                .Where(x => x.View is not null).Select(x => (x.Name, x.Ref, x.View!)).ToList();
        foreach (var list in CreditListNames.All)
            ListDecisions[list] = lists.Page(list, ListFilter.Public, 1, Latest).Rows
                .Select(r => listViews.View(r, Audience.Public)).OfType<ListDecisionView>().ToList();
        foreach (var s in ContentSections.All)
            Sections[s.Code] = content.Published(s.Code, Latest);
    }
}
