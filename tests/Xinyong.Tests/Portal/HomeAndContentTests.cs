using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Measures;
using Xinyong.Storage.Content;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Portal;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;
using Kit = Xinyong.Tests.Objections.Kit;

namespace Xinyong.Tests.Portal;

/// <summary>The home page (figures, latest decisions, sections), content pages edited by the agency, and the footer.</summary>
public class HomeAndContentTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_home_page_counts_this_months_decisions_and_shows_the_latest_decisions_lists_and_published_pages(string store)
    {
        await using var p = await TestPlatform.Start(store);   // 2026-11-22
        var a = Uscc("MA1HM0E01");
        var b = Uscc("MA1HM0E02");
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨首页示例有限公司", a, "哈市监罚〔2026〕7001号", "2026-11-03"),
            CompanyPenalty("哈尔滨首页示例有限公司", a, "哈市监罚〔2026〕7002号", "2026-11-20"),
            CompanyPenalty("哈尔滨首页其他有限公司", b, "哈市监罚〔2026〕7003号", "2026-10-30"));
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(a)!;
        p.Services.GetRequiredService<ListStore>().Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subject.Id, Status = ListEntryStatus.Active, DecidingUnit = "哈尔滨市示例市场监督管理局",
            DecisionNo = "哈市监失信〔2026〕9号", Grounds = "食品安全严重违法", Reasons = "理由", Basis = "依据", StartsOn = new DateOnly(2026, 11, 1),
            EndsOn = new DateOnly(2029, 10, 31), Published = true, DecidedAt = p.Clock.GetUtcNow(), DecidedBy = "staff-test",
        });
        var content = p.Services.GetRequiredService<ContentStore>();
        var shown = content.Create("notices", "关于首页测试的通知", "正文。", published: true, "staff-test");
        content.Create("notices", "尚未发布的草稿", "草稿。", published: false, "staff-test");

        var (status, doc) = await Page(p.Http, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        string Figure(string key) => doc.QuerySelector($"[data-figure={key}]")!.TextContent;
        Assert.Equal("2", Figure("subjects"));
        Assert.Equal("3", Figure("records"));
        Assert.Equal("2", Figure("penalties-month"));   // the October penalty is not this month's
        Assert.Equal("0", Figure("licences-month"));
        Assert.Equal("1", Figure("dishonesty"));
        Assert.Equal("0", Figure("repairs"));
        var latest = doc.QuerySelectorAll("#latest-penalty ul.latest li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, latest.Count);
        Assert.Contains("哈市监罚〔2026〕7002号", latest[0]);   // newest decision first, number as written
        Assert.Contains("哈尔滨首页示例有限公司", doc.QuerySelector("#latest-dishonesty")!.TextContent);
        var notices = doc.QuerySelector("#section-notices")!;
        Assert.Equal($"/content/notices/{shown}", notices.QuerySelector("ul.latest a")!.GetAttribute("href"));
        Assert.DoesNotContain("尚未发布的草稿", doc.Body!.TextContent);
        // Every section has its place on the home page and in the footer.
        foreach (var s in ContentSections.All)
        {
            Assert.NotNull(doc.QuerySelector($"#section-{s.Code}"));
            Assert.NotNull(doc.QuerySelector($"footer nav.footer-links a[href='/content/{s.Code}']"));
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Agency_staff_write_preview_publish_and_withdraw_a_page_and_every_version_is_kept(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var (token, _) = Kit.Staff(p, "AG-CONTENT");
        var staff = await Kit.StaffPortal(p, "AG-CONTENT", token);
        const string body = "第一段，含**加粗**。\n\n<script>alert(1)</script>\n\n[危险链接](javascript:alert(1)) [办事指南](/content/guide)\n";

        // Preview renders the text and saves nothing.
        var editor = await staff.GetStringAsync("/staff/content/edit");
        var preview = await staff.PostAsync("/staff/content/edit?handler=Preview",
            Kit.Form(editor, new() { ["Section"] = "news", ["Title"] = "预览中的动态", ["Body"] = body }));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewDoc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        var rendered = previewDoc.QuerySelector("#preview .prose")!;
        Assert.Equal("加粗", rendered.QuerySelector("strong")!.TextContent);
        Assert.Null(rendered.QuerySelector("script"));   // raw HTML is text, never markup
        Assert.Contains("<script>alert(1)</script>", rendered.TextContent);
        Assert.Equal("#", rendered.QuerySelectorAll("a").Single(x => x.TextContent == "危险链接").GetAttribute("href"));
        Assert.Equal("/content/guide", rendered.QuerySelectorAll("a").Single(x => x.TextContent == "办事指南").GetAttribute("href"));
        var contents = p.Services.GetRequiredService<ContentStore>();
        Assert.False(contents.Any());

        // An empty title is refused with a Chinese reason.
        var bad = await staff.PostAsync("/staff/content/edit?handler=Save", Kit.Form(editor, new() { ["Section"] = "news", ["Title"] = " ", ["Body"] = body }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请填写标题", await bad.Content.ReadAsStringAsync());

        // Saved unpublished: not on the public site.
        var saved = await staff.PostAsync("/staff/content/edit?handler=Save", Kit.Form(editor, new() { ["Section"] = "news", ["Title"] = "全省信用动态", ["Body"] = body }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = contents.All().Single().Id;
        Assert.Equal($"/staff/content/edit/{id}", saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync($"/content/news/{id}")).StatusCode);

        // Published: public, rendered.
        var edit = await staff.GetStringAsync($"/staff/content/edit/{id}");
        await staff.PostAsync($"/staff/content/edit/{id}?handler=Save", Kit.Form(edit, new() { ["Title"] = "全省信用动态（修订）", ["Body"] = body, ["Publish"] = "true" }));
        var (status, page) = await Page(p.Http, $"/content/news/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("全省信用动态（修订）", page.QuerySelector("#content h1")!.TextContent);
        Assert.Equal("加粗", page.QuerySelector("#content .prose strong")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync($"/content/notices/{id}")).StatusCode);   // not in another section
        var (_, section) = await Page(p.Http, "/content/news");
        Assert.Contains("全省信用动态（修订）", section.QuerySelector("#pages")!.TextContent);

        // Withdrawn: gone from the public site; the history holds all three versions, and an old one loads into the form.
        edit = await staff.GetStringAsync($"/staff/content/edit/{id}");
        await staff.PostAsync($"/staff/content/edit/{id}?handler=Save", Kit.Form(edit, new() { ["Title"] = "全省信用动态（修订）", ["Body"] = body }));
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync($"/content/news/{id}")).StatusCode);
        Assert.Equal(["撤回", "发布", "新建"], contents.History(id).Select(h => h.Note).ToArray());
        var (_, history) = await Page(staff, $"/staff/content/edit/{id}?version=1");
        Assert.Equal(3, history.QuerySelectorAll("#history tbody tr").Length);
        Assert.Equal("全省信用动态", history.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal("工作人员AG-CONTENT", history.QuerySelector("#history tbody tr td[data-label=保存人]")!.TextContent);   // the account's name

        // Unit staff may not edit the portal's content.
        var (unitToken, _) = Kit.Staff(p, "UNIT-CONTENT", unit: "HRB-SJ", role: "unit");
        var unit = await Kit.StaffPortal(p, "UNIT-CONTENT", unitToken);
        Assert.NotEqual(HttpStatusCode.OK, (await unit.GetAsync("/staff/content")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_sample_content_is_loaded_once_on_first_start_with_a_page_in_every_section(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var contents = p.Services.GetRequiredService<ContentStore>();
        foreach (var s in ContentSections.All)
            Assert.NotEmpty(contents.Published(s.Code, 10));
        var guide = contents.Published("guide", 10).Select(x => x.Title).ToList();
        Assert.Contains("异议申请办事指南", guide);
        Assert.Contains("信用修复办事指南", guide);
        Assert.Contains("信用报告办事指南", guide);
        Assert.Contains("投诉举报办事指南", guide);
        var count = contents.All().Count;
        Assert.Equal(0, PortalFeature.LoadSampleContent(p.Services));   // not twice
        Assert.Equal(count, contents.All().Count);
        var (status, doc) = await Page(p.Http, "/content/guide");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, doc.QuerySelectorAll("#pages li").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync("/content/no-such-section")).StatusCode);
    }

    [Fact]
    public async Task The_footer_shows_the_configured_elements_of_a_government_site_and_nothing_unconfigured()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Sponsor"] = "黑龙江省示例信用主管部门", ["Site:Code"] = "2300000001", ["Site:Icp"] = "黑ICP备00000001号",
            ["Site:PoliceFiling"] = "黑公网安备 23010202000001号",
        }).Build();
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { Configuration = config });
        var (_, doc) = await Page(p.Http, "/");
        var footer = doc.QuerySelector("#site-identity")!;
        Assert.Equal("主办单位：黑龙江省示例信用主管部门", footer.QuerySelector("[data-site=sponsor]")!.TextContent);
        Assert.Equal("网站标识码：2300000001", footer.QuerySelector("[data-site=code]")!.TextContent);
        Assert.Equal("黑ICP备00000001号", footer.QuerySelector("[data-site=icp]")!.TextContent);
        Assert.Equal("https://beian.mps.gov.cn/#/query/webSearch?code=23010202000001", footer.QuerySelector("[data-site=police]")!.GetAttribute("href"));
        Assert.Null(footer.QuerySelector("[data-site=contact]"));
        Assert.True(Xinyong.Cli.PlatformConfiguration.Known.Contains("Site"));
    }
}
