using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;
using Kit = Xinyong.Tests.Objections.Kit;

namespace Xinyong.Tests.Portal;

/// <summary>Providers: the web upload, the batch history, rejected rows as CSV (portal and API), and the CLI's summary.</summary>
public class ProviderBatchTests
{
    private static readonly string Co = Uscc("MA1UPL0D1");

    /// <summary>Two good rows and one with an impossible decision date (row 3 as a spreadsheet counts, with the header as row 1).</summary>
    private static string File() => Csv(PenaltyHeaders,
    [
        Penalty("哈尔滨上传示例有限公司", Co, "哈市监罚〔2026〕6101号", "2026-10-10"),
        Penalty("哈尔滨上传示例有限公司", Co, "哈市监罚〔2026〕6102号", "2026-13-40"),
        Penalty("哈尔滨上传示例有限公司", Co, "哈市监罚〔2026〕6103号", "2026-10-12"),
    ]);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_provider_uploads_on_the_web_reads_the_result_and_downloads_the_rejected_rows(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var web = await Kit.StaffPortal(p, "HRB-SJ", token);

        var form = await web.GetStringAsync("/provider/upload");
        Assert.Contains("value=\"admin-penalty\"", form);
        var content = new MultipartFormDataContent
        {
            { new StringContent("admin-penalty"), "Item" },
            { new StringContent(System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(File()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", "十月处罚.csv");
        var posted = await web.PostAsync("/provider/upload", content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var batchUrl = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/provider/batches/[0-9]+$", batchUrl);
        var id = long.Parse(batchUrl.Split('/')[^1]);
        // The upload is processed in the background (issue 18 item 4): the result once the batch has ended.
        await Uploads.Ended(p, p.As(token), id);

        var (status, page) = await Page(web, batchUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3", page.QuerySelector("[data-count=rows]")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-count=accepted]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-count=rejected]")!.TextContent);
        var cells = page.QuerySelectorAll("#rejected tbody tr td").Select(td => td.TextContent).ToList();
        Assert.Equal("3", cells[0]);
        Assert.Equal("处罚决定日期", cells[1]);
        Assert.DoesNotContain(" / ", cells[2]);   // the Chinese reason only
        Assert.Contains("网页上传", page.QuerySelector("#batch")!.TextContent);

        var (_, history) = await Page(web, "/provider/batches");
        Assert.NotNull(history.QuerySelector($"#batches tr[data-batch='{id}']"));

        var csv = Encoding.UTF8.GetString(await web.GetByteArrayAsync($"/provider/batches/{id}/rejected.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("行号,字段,原因", csv[0]);
        Assert.StartsWith("3,处罚决定日期,", csv[1]);
        Assert.Equal(2, csv.Length);

        // The same through the API, with the provider's token; another provider finds nothing.
        var api = p.As(token);
        var (listStatus, list) = await p.GetJson("/api/v1/imports", api);
        Assert.Equal(200, listStatus);
        var mine = list.EnumerateArray().Single();
        Assert.Equal(id, mine.GetProperty("id").GetInt64());
        Assert.Equal("web", mine.GetProperty("channel").GetString());
        Assert.Equal(1, mine.GetProperty("rejected").GetInt32());
        var apiCsv = await api.GetAsync($"/api/v1/imports/{id}/rejected.csv");
        Assert.Equal(HttpStatusCode.OK, apiCsv.StatusCode);
        Assert.Equal(string.Join("\r\n", csv) + "\r\n", Encoding.UTF8.GetString(await apiCsv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        var other = p.As(p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市另一示例局", "admin-penalty"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/imports/{id}/rejected.csv")).StatusCode);
        var otherWeb = await Kit.StaffPortal(p, "HRB-XX", p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市另一示例局", "admin-penalty"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherWeb.GetAsync(batchUrl)).StatusCode);

        // A file of the wrong kind is refused with a Chinese reason.
        var wrong = new MultipartFormDataContent
        {
            { new StringContent("admin-penalty"), "Item" },
            { new StringContent(System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken" },
            { new ByteArrayContent("x"u8.ToArray()), "File", "处罚.pdf" },
        };
        var refused = await web.PostAsync("/provider/upload", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不支持的文件类型", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_cli_import_prints_a_summary_for_people_and_json_when_asked(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        Assert.Equal(0, (await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "HRB-SJ", "--name", "哈尔滨市示例市场监督管理局", "--items", "admin-penalty")).ExitCode);
        var file = Path.Combine(s.Folder, "penalties.csv");
        await System.IO.File.WriteAllTextAsync(file, File());
        var r = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HRB-SJ", "--item", "admin-penalty", file);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("导入完成：penalties.csv（行政处罚信息），第 1 批", lines[0]);
        Assert.Equal("读取 3 行：新增 2 行，更新 0 行，与已有信息相同 0 行，未通过校验 1 行", lines[1]);
        Assert.Matches("^用时 [0-9.]+ 秒，约 [0-9,]+ 行/秒$", lines[2]);
        Assert.StartsWith("第 3 行：处罚决定日期", lines[4]);
        Assert.DoesNotContain("处罚决定日期：处罚决定日期", lines[4]);
        Assert.Equal("", r.Err);   // no progress bar when the output is not a terminal

        var again = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HRB-SJ", "--item", "admin-penalty", "--json", file);
        Assert.Equal(2, again.Json.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, again.Json.GetProperty("rejected")[0].GetProperty("row").GetInt32());
    }
}
