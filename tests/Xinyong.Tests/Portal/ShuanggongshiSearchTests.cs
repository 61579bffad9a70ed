using System.IO.Compression;
using System.Net;
using System.Text;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Portal;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Portal;

/// <summary>双公示 search: by name, number, unit and dates; the total; keyset pages; past the last page; CSV and xlsx export.</summary>
public class ShuanggongshiSearchTests
{
    private static readonly string A = Uscc("MA1GXJ001");
    private static readonly string B = Uscc("MA1GXJ002");

    private static async Task Load(TestPlatform p)
    {
        // 45 penalties of A over 45 days (two on the same day, so that the id breaks ties), 3 of B by another unit, one of a person.
        var rows = Enumerable.Range(1, 45).Select(i =>
            CompanyPenalty("哈尔滨公示搜索甲有限公司", A, $"哈市监罚〔2026〕{5000 + i}号", new DateOnly(2026, 9, 1).AddDays(i == 45 ? 43 : i - 1).ToString("yyyy-MM-dd"))).ToList();
        rows.AddRange(Enumerable.Range(1, 3).Select(i =>
            CompanyPenalty("大庆公示搜索乙有限公司", B, $"庆环罚〔2026〕{600 + i}号", "2026-10-0" + i, ("处罚机关", "大庆市示例生态环境局"))));
        rows.Add(PersonPenaltyRow("赵公示", ResidentId("19800101", 151), "哈市监罚〔2026〕5999号", "2026-10-05"));
        await Push(p, "admin-penalty", rows.ToArray());
    }

    private static List<string> Numbers(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("#listing tbody tr").Select(tr => tr.Children[1].TextContent.Trim()).ToList();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Search_by_name_number_unit_and_dates_with_the_total(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Load(p);
        async Task<(List<string> Numbers, string Total)> Find(string query)
        {
            var (status, doc) = await Page(p.Http, "/shuanggongshi?type=penalty" + query);
            Assert.Equal(HttpStatusCode.OK, status);
            return (Numbers(doc), doc.QuerySelector("#total strong")!.TextContent);
        }

        Assert.Equal("49", (await Find("")).Total);
        var byName = await Find("&name=" + Uri.EscapeDataString("公示搜索乙"));
        Assert.Equal("3", byName.Total);
        Assert.Equal(["庆环罚〔2026〕603号", "庆环罚〔2026〕602号", "庆环罚〔2026〕601号"], byName.Numbers);
        // A natural person's name is never a search key (Art. 23).
        Assert.Equal("0", (await Find("&name=" + Uri.EscapeDataString("赵公示"))).Total);
        // The decision number as written, with other brackets, or in part.
        Assert.Equal(["哈市监罚〔2026〕5007号"], (await Find("&number=" + Uri.EscapeDataString("哈市监罚〔2026〕5007号"))).Numbers);
        Assert.Equal(["哈市监罚〔2026〕5007号"], (await Find("&number=" + Uri.EscapeDataString("哈市监罚[2026]5007"))).Numbers);
        Assert.Equal("3", (await Find("&number=" + Uri.EscapeDataString("庆环罚"))).Total);
        Assert.Equal("3", (await Find("&authority=" + Uri.EscapeDataString("生态环境"))).Total);
        var range = await Find("&from=2026-09-03&to=2026-09-05&name=" + Uri.EscapeDataString("公示搜索甲"));
        Assert.Equal(["哈市监罚〔2026〕5005号", "哈市监罚〔2026〕5004号", "哈市监罚〔2026〕5003号"], range.Numbers);
        var (bad, badDoc) = await Page(p.Http, "/shuanggongshi?type=penalty&name=" + Uri.EscapeDataString("甲"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("行政相对人名称至少输入两个字", badDoc.QuerySelector("[data-field=name]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Keyset_pages_walk_forward_and_back_and_a_page_past_the_last_says_so(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Load(p);
        var seen = new List<string>();
        var url = "/shuanggongshi?type=penalty&name=" + Uri.EscapeDataString("公示搜索甲");
        var pages = new List<(string Url, List<string> Numbers)>();
        AngleSharp.Dom.IDocument doc;
        while (true)
        {
            (_, doc) = await Page(p.Http, url);
            pages.Add((url, Numbers(doc)));
            seen.AddRange(Numbers(doc));
            Assert.Contains($"第 {pages.Count} 页，共 3 页", doc.QuerySelector("#total")!.TextContent);
            if (doc.QuerySelector("a[rel=next]") is not { } next) break;
            url = next.GetAttribute("href")!;
            Assert.Contains("after=", url);
        }
        Assert.Equal([20, 20, 5], pages.Select(x => x.Numbers.Count).ToArray());
        Assert.Equal(45, seen.Distinct().Count());
        // Newest decision first; the two decided on the same day by id, newest first.
        Assert.Equal("哈市监罚〔2026〕5045号", seen[0]);
        Assert.Equal("哈市监罚〔2026〕5044号", seen[1]);
        Assert.Equal("哈市监罚〔2026〕5001号", seen[^1]);

        // Back from the last page: the second page again, then the first.
        var previous = doc.QuerySelector("a[rel=prev]")!.GetAttribute("href")!;
        var (_, second) = await Page(p.Http, previous);
        Assert.Equal(pages[1].Numbers, Numbers(second));
        Assert.Contains("第 2 页", second.QuerySelector("#total")!.TextContent);
        var (_, first) = await Page(p.Http, second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(pages[0].Numbers, Numbers(first));
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        // Past the last page: a message with the total, not an empty table.
        var (_, oldest) = await Page(p.Http, "/shuanggongshi?type=penalty&name=" + Uri.EscapeDataString("公示搜索甲") + "&after=2026-09-01.1&n=4");
        Assert.Contains("已超过最后一页", oldest.QuerySelector("#past-the-end")!.TextContent);
        Assert.Contains("共 45 条", oldest.QuerySelector("#past-the-end")!.TextContent);
        Assert.Empty(Numbers(oldest));
        var (badStatus, badKey) = await Page(p.Http, "/shuanggongshi?type=penalty&after=garbage");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.NotNull(badKey.QuerySelector("[data-field=page]"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_result_exports_as_csv_and_xlsx_with_the_public_view(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Load(p);
        var query = "type=penalty&authority=" + Uri.EscapeDataString("生态环境");
        var (_, page) = await Page(p.Http, "/shuanggongshi?" + query);
        Assert.Equal("/shuanggongshi/export.csv?" + query, page.QuerySelector("#export-csv")!.GetAttribute("href"));

        var csv = await p.Http.GetAsync("/shuanggongshi/export.csv?" + query);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("行政相对人名称,统一社会信用代码（证件号码）,决定文书号,决定日期,处罚机关", lines[0]);
        Assert.StartsWith($"大庆公示搜索乙有限公司,{B},庆环罚〔2026〕603号,2026-10-03,大庆市示例生态环境局", lines[1]);

        var xlsx = await p.Http.GetAsync("/shuanggongshi/export.xlsx?type=penalty");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Matches(sheet, "<row ").Count);   // heading and 49 rows
        Assert.DoesNotContain("<f>", sheet);
        Assert.Contains("赵**", sheet);       // the person masked as on the page
        Assert.DoesNotContain("赵公示", sheet);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.True(reader.Read());
        Assert.Equal("行政相对人名称", reader.GetString(0));

        var (bad, badDoc) = await Page(p.Http, "/shuanggongshi/export.csv?type=penalty&from=2026-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(badDoc.QuerySelector("[data-field=from]"));
    }

    [Fact]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_neutralised_in_csv_and_xlsx()
    {
        string[] heading = ["名称", "内容"];
        IReadOnlyList<string>[] rows = [["=HYPERLINK(\"http://x\")", "+1"], ["-2+3", "@SUM(A1)"], ["普通文字", "a,\"b\""]];
        var csv = Encoding.UTF8.GetString(TableExport.Csv(heading, rows)).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",'+1", csv[1]);
        Assert.Equal("'-2+3,'@SUM(A1)", csv[2]);
        Assert.Equal("普通文字,\"a,\"\"b\"\"\"", csv[3]);
        using var zip = new ZipArchive(new MemoryStream(TableExport.Xlsx("表", heading, rows)));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Contains("<t xml:space=\"preserve\">&apos;=HYPERLINK(&quot;http://x&quot;)</t>", sheet);
        Assert.DoesNotContain("<f>", sheet);
        Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(sheet, "t=\"inlineStr\"").Count);   // every cell a string
    }
}
