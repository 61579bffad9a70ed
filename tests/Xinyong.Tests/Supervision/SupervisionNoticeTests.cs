using System.Net;
using System.Text.Json;
using Xinyong.Tests.Publication;
using Xinyong.Tests.Reports;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Supervision.SupervisionApiTests;

namespace Xinyong.Tests.Supervision;

/// <summary>
/// The written notices to the parties (书面告知, 《黑龙江省营商环境监督办法》第十七条、第二十二条) as PDFs rendered like the
/// credit report: the staff download from the case, the complainant's from the query page with its query code. Read
/// back with pdftotext. Both stores.
/// </summary>
public sealed class SupervisionNoticeTests
{
    private static async Task<JsonElement> Ok(Task<(int Status, JsonElement Body, HttpResponseMessage Response)> call, int status = 200)
    {
        var (s, body, _) = await call;
        Assert.True(s == status, $"expected {status}, got {s}: {body}");
        return body;
    }

    private static string Flat(string text) => new(text.Where(ch => !char.IsWhiteSpace(ch)).ToArray());

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_review_and_result_notices_are_PDFs_for_staff_and_the_complainant(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var filed = await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201);
        var id = filed.GetProperty("id").GetInt64();
        var number = filed.GetProperty("number").GetString()!;
        var code = filed.GetProperty("queryCode").GetString()!;
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "有具体事实和证据" }));

        // Staff: the review notice as a PDF, with the case number, the outcome, both due dates and the article.
        var r = await city.GetAsync($"/supervision/cases/{id}/notice?kind=review&handler=pdf");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var review = Flat(Poppler.Text(await r.Content.ReadAsByteArrayAsync()));
        Assert.Contains("营商环境问题线索审查结果告知书", review);
        Assert.Contains($"案件编号：{number}", review);
        Assert.Contains("予以受理", review);
        Assert.Contains("2026-09-24", review);
        Assert.Contains("2026-11-05", review);
        Assert.Contains("第十七条", review);
        var (_, view) = await p.GetJson($"/api/v1/supervision/cases/{id}", city);
        Assert.Contains(Flat(view.GetProperty("authorityName").GetString()!), review);   // the issuing authority signs

        p.Clock.Advance(TimeSpan.FromDays(12));   // 2026-09-30
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/closing",
            new { type = "violation", result = "责令十五日内支付拖欠工程款", serious = true, correctBy = "2026-10-20" }));

        // The complainant: the result notice from the query page (number and query code posted, never in the address).
        var browser = QuerySupport.Browser(p);
        var wrong = await QuerySupport.PostForm(browser, "/supervision/query", "/supervision/query?handler=Notice",
            new() { ["Number"] = number, ["Code"] = "WRONG123", ["Kind"] = "result" });
        Assert.NotEqual("application/pdf", wrong.Content.Headers.ContentType?.MediaType);
        var mine = await QuerySupport.PostForm(browser, "/supervision/query", "/supervision/query?handler=Notice",
            new() { ["Number"] = number, ["Code"] = code, ["Kind"] = "result" });
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType?.MediaType);
        var result = Flat(Poppler.Text(await mine.Content.ReadAsByteArrayAsync()));
        Assert.Contains("营商环境监督案件办理结果告知书", result);
        Assert.Contains("哈尔滨某建筑工程有限公司：", result);
        Assert.Contains("责令十五日内支付拖欠工程款；责令于2026-10-20前改正", result);
        Assert.Contains("政务失信记录", result);
        Assert.Contains("2026-10-20前）向上一级营商环境主管部门申请复查", result);
        Assert.Contains("2026年9月30日", result);
        Assert.Contains("第1页共1页", result);
        // The printable page offers the PDF too; someone who may not read the case gets neither.
        Assert.Contains("handler=pdf", await city.GetStringAsync($"/supervision/cases/{id}/notice?kind=result"));
        Assert.NotEqual("application/pdf", (await p.Http.GetAsync($"/supervision/cases/{id}/notice?kind=result&handler=pdf")).Content.Headers.ContentType?.MediaType);
    }
}
