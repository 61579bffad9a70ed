using Xinyong.Measures;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The portal's subject, record and 双公示 pages: grouping, masking, objection marks, lists and filters.</summary>
public class PortalPageTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_subject_page_groups_public_records_marks_objections_and_shows_active_list_entries(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var co = Uscc("MA1PAGE01");
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨页面示例有限公司", co, "哈市监罚〔2026〕6001号"));
        await Push(p, "honour", Honour("哈尔滨页面示例有限公司", co, "黑市监〔2026〕6号"));
        await Push(p, "court-judgment", Judgment("哈尔滨页面示例有限公司", co, "（2026）黑0103民初6001号"));
        var penalty = RecordId(p, co, "哈市监罚〔2026〕6001号");
        p.Services.GetRequiredService<RecordChanges>().MarkObjection(penalty, true, "staff-test", "异议申请YY-1");
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(co)!;
        var lists = p.Services.GetRequiredService<ListStore>();
        var ending = p.Services.GetRequiredService<Xinyong.Application.Lists.ListEnding>();
        ListEntry Entry(string no, string status = "active", bool published = true, DateOnly? ends = null) => new()
        {
            List = CreditListNames.Dishonesty, SubjectId = subject.Id, Status = Statuses.Parse<ListEntryStatus>(status), DecidingUnit = "哈尔滨市示例市场监督管理局", DecisionNo = no,
            Grounds = "食品安全严重违法", Reasons = "理由", Basis = "依据", StartsOn = new DateOnly(2026, 10, 1), EndsOn = ends,
            Published = published, DecidedAt = p.Clock.GetUtcNow(), DecidedBy = "staff-test",
        };
        lists.Add(Entry("哈市监失信〔2026〕1号", ends: new DateOnly(2029, 9, 30)));
        lists.Add(Entry("哈市监失信〔2026〕2号", ends: new DateOnly(2026, 11, 1)));
        ending.End(lists.Add(Entry("哈市监失信〔2026〕3号")), "lifted", "staff-test");

        var (status, doc) = await Page(p.Http, $"/subjects/{co}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("哈尔滨页面示例有限公司", doc.QuerySelector("#subject-name")!.TextContent);
        var penaltyCard = Assert.Single(doc.QuerySelectorAll("#penalty article.record"));
        Assert.Contains("哈市监罚〔2026〕6001号", penaltyCard.TextContent);
        Assert.Contains("异议处理中", penaltyCard.TextContent);
        Assert.Contains("黑市监〔2026〕6号", doc.QuerySelector("#honour")!.TextContent);
        // A conditionally open judgment is not public.
        Assert.DoesNotContain("民初6001号", doc.Body!.TextContent);
        // Only the active, published entry within its period.
        var entries = doc.QuerySelectorAll("#list table.list-entries tbody tr");
        Assert.Equal("哈市监失信〔2026〕1号", Assert.Single(entries).Children[1].TextContent);
        Assert.Equal($"/api/v1/subjects/{co}/report.pdf", doc.QuerySelector("#report")!.GetAttribute("href"));

        // The API carries the objection mark too.
        var (_, api) = await p.GetJson($"/api/v1/subjects/{co}");
        Assert.True(Records(api).Single(r => r.GetProperty("id").GetInt64() == penalty).GetProperty("underObjection").GetBoolean());

        var (detailStatus, detail) = await Page(p.Http, $"/subjects/{co}/records/{penalty}");
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.NotNull(detail.QuerySelector("#objection-mark"));
        Assert.Equal("销售不合格产品", detail.QuerySelector("dd[data-field=violationType]")!.TextContent);
        var judgment = RecordId(p, co, "（2026）黑0103民初6001号");
        Assert.Equal(HttpStatusCode.NotFound, (await Page(p.Http, $"/subjects/{co}/records/{judgment}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Page(p.Http, $"/subjects/{Uscc("MA1N0B0DY")}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Page(p.Http, "/subjects/not-a-code")).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_natural_persons_name_and_numbers_are_masked_on_pages_and_in_the_api(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var id = ResidentId("19900715", 133);
        var co = Uscc("MA1MA5K01");
        await Push(p, "admin-penalty",
            PersonPenaltyRow("欧阳娜娜", id, "哈市监罚〔2026〕5001号"),
            CompanyPenalty("哈尔滨脱敏示例有限公司", co, "哈市监罚〔2026〕5002号", "2026-10-12", ("证件类型", "身份证"), ("证件号码", id)));
        var browser = Browser(p);
        var r = await browser.GetAsync($"/subjects/{id}");
        Assert.Equal(HttpStatusCode.MovedPermanently, r.StatusCode);
        var canonical = r.Headers.Location!.OriginalString;
        Assert.Matches("^/subjects/P[0-9A-F]{16}$", canonical);

        var (_, doc) = await Page(browser, canonical);
        var html = doc.DocumentElement.OuterHtml;
        Assert.Equal("欧阳**", doc.QuerySelector("#subject-name")!.TextContent);
        Assert.Equal("230102********1335".Length, doc.QuerySelector("#subject-code")!.TextContent.Length);
        Assert.DoesNotContain("娜娜", html);
        Assert.DoesNotContain(id, html);
        var record = RecordId(p, id, "哈市监罚〔2026〕5001号");
        var (_, detail) = await Page(browser, $"{canonical}/records/{record}");
        Assert.Equal("欧阳**", detail.QuerySelector("dd[data-field=subjectName]")!.TextContent);
        Assert.DoesNotContain(id, detail.DocumentElement.OuterHtml);

        // A company's record keeps the company's name, and masks its representative's identity number.
        var (_, company) = await p.GetJson($"/api/v1/subjects/{co}");
        var fields = Records(company).Single().GetProperty("fields");
        Assert.Equal("哈尔滨脱敏示例有限公司", fields.GetProperty("subjectName").GetString());
        Assert.Equal(Xinyong.Identifiers.ResidentId.Mask(id), fields.GetProperty("idNumber").GetString());

        var (_, person) = await p.GetJson($"/api/v1/subjects/{id}");
        Assert.Equal("欧阳**", person.GetProperty("name").GetString());
        Assert.DoesNotContain("娜娜", person.GetRawText());
        Assert.DoesNotContain(id, person.GetRawText());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_shuanggongshi_listing_filters_by_date_authority_and_region_and_hides_what_is_not_public(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var harbin = Uscc("MA1L1ET01");
        var daqing = Uscc("MA1L1ET02", "91230600");
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨列表示例有限公司", harbin, "哈市监罚〔2026〕4001号", "2026-03-01"),
            CompanyPenalty("哈尔滨列表示例有限公司", harbin, "哈市监罚〔2026〕4002号", "2026-09-01", ("处罚机关", "哈尔滨市示例生态环境局")),
            CompanyPenalty("大庆列表示例有限公司", daqing, "庆市监罚〔2026〕4003号", "2026-06-01"),
            CompanyPenalty("大庆列表示例有限公司", daqing, "庆市监罚〔2025〕4004号", "2025-01-10", ("公示截止期", "2025-04-10")),
            PersonPenaltyRow("王小明", ResidentId("19800101", 111), "哈市监罚〔2026〕4005号", "2026-08-01"));

        async Task<List<string>> Numbers(string query)
        {
            var (status, doc) = await Page(p.Http, "/shuanggongshi?type=penalty" + query);
            Assert.Equal(HttpStatusCode.OK, status);
            return doc.QuerySelectorAll("#listing tbody tr").Select(tr => tr.Children[1].TextContent.Trim()).ToList();
        }

        // Newest first; the penalty past its disclosure period is not listed.
        Assert.Equal(["哈市监罚〔2026〕4002号", "哈市监罚〔2026〕4005号", "庆市监罚〔2026〕4003号", "哈市监罚〔2026〕4001号"], await Numbers(""));
        Assert.Equal(["哈市监罚〔2026〕4005号", "庆市监罚〔2026〕4003号"], await Numbers("&from=2026-05-01&to=2026-08-31"));
        Assert.Equal(["哈市监罚〔2026〕4002号"], await Numbers("&authority=" + Uri.EscapeDataString("生态环境")));
        Assert.Equal(["庆市监罚〔2026〕4003号"], await Numbers("&region=230600"));
        var (_, all) = await Page(p.Http, "/shuanggongshi?type=penalty");
        Assert.Contains("王**", all.QuerySelector("#listing")!.TextContent);
        Assert.DoesNotContain("王小明", all.DocumentElement.OuterHtml);
        var (_, licences) = await Page(p.Http, "/shuanggongshi?type=licence");
        Assert.NotNull(licences.QuerySelector("#no-results"));
        var (bad, badDoc) = await Page(p.Http, "/shuanggongshi?type=penalty&from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(badDoc.QuerySelector("[data-field=from]"));
    }
}
