using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.BrowserTests;

/// <summary>
/// The home page, content sections, the content editor and the chart pages in headless Chromium at desktop and phone
/// width, without JavaScript. With <c>XINYONG_DOCS_SCREENSHOTS=1</c> the screenshots are also written to
/// <c>docs/screenshots/</c> (the ones the documentation shows).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PortalHomeBrowserTests(Browser browser)
{
    private static async Task Shot(IPage page, string name)
    {
        await Browser.Screenshot(page, name);
        if (Environment.GetEnvironmentVariable("XINYONG_DOCS_SCREENSHOTS") != "1") return;
        var dir = Path.Combine(Paths.Repo, "docs", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static async Task<IPage> NoScript(Browser b, bool phone)
    {
        var context = await b.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", JavaScriptEnabled = false,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private static async Task SignInStaff(IPage page, TestPlatform p, string code)
    {
        var token = p.Account(AccountKinds.Staff, code, "公共信用信息工作机构");
        await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
        await page.FillAsync("#code", code);
        await page.FillAsync("#token", token);
        await page.ClickAsync("#staff button[type=submit]");
    }

    [BrowserFact]
    public async Task The_home_page_shows_figures_latest_decisions_and_sections_on_a_desktop_and_a_phone_without_javascript()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true, configure: o => o with
        {
            Configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Site:Sponsor"] = "黑龙江省社会信用体系建设示例主管部门", ["Site:Code"] = "2300000000", ["Site:Icp"] = "黑ICP备00000000号",
                ["Site:PoliceFiling"] = "黑公网安备 23010202000000号", ["Site:Contact"] = "0451-00000000",
            }).Build(),
        });
        foreach (var phone in new[] { false, true })
        {
            var page = await NoScript(browser, phone);
            await page.GotoAsync(p.Url.ToString());
            Assert.True(await page.Locator("#figures").IsVisibleAsync());
            Assert.NotEqual("0", await page.Locator("[data-figure=records]").InnerTextAsync());
            Assert.True(await page.Locator("#latest-penalty ul.latest li").CountAsync() > 0);
            Assert.True(await page.Locator("#section-guide ul.latest li").CountAsync() >= 4);
            Assert.Contains("主办单位：黑龙江省社会信用体系建设示例主管部门", await page.Locator("#site-identity").InnerTextAsync());
            // Nothing is wider than the screen on a phone.
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow);
            await Shot(page, phone ? "home-phone" : "home");

            // A section and one of its pages.
            await page.ClickAsync("#section-guide h2 a");
            Assert.EndsWith("/content/guide", page.Url);
            await page.ClickAsync("text=异议申请办事指南");
            Assert.Contains("三个工作日内", await page.Locator("#content .prose").InnerTextAsync());
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task Staff_write_preview_and_publish_a_notice_and_read_the_dashboard_charts_and_their_tables()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        // Some days of pushes from two providers, for the charts.
        var units = new[] { ("HRB-SJ", "哈尔滨市示例市场监督管理局"), ("QQHR-SW", "齐齐哈尔市示例生态环境局") };
        var n = 0;
        for (var day = 0; day < 6; day++)
        {
            foreach (var (code, name) in units)
            {
                var client = p.As(p.Account(AccountKinds.Provider, code, name, "admin-penalty"));
                var rows = Enumerable.Range(0, 2 + (day * 3 + code.Length) % 5).Select(_ =>
                {
                    n++;
                    return PenaltyHeaders.Zip(Penalty($"哈尔滨图表示例{n:D2}有限公司", Uscc($"MA1GR{n:D4}"), $"哈市监罚〔2026〕{9100 + n}号", "2026-11-20"))
                        .ToDictionary(x => x.First, x => x.Second);
                }).ToArray();
                (await client.PostAsJsonAsync("/api/v1/records", new { batchId = $"d{day}-{code}", item = "admin-penalty", records = rows })).EnsureSuccessStatusCode();
            }
            p.Clock.Advance(TimeSpan.FromDays(1));
        }

        var page = await NoScript(browser, phone: false);
        await SignInStaff(page, p, "AG-WEB");
        await page.GotoAsync(new Uri(p.Url, "/staff/content/edit?section=notices").ToString());
        await page.FillAsync("#title", "关于信用修复集中办理的通知");
        await page.FillAsync("#body", "各信用主体：\n\n即日起可以**在线**申请信用修复，详见[办事指南](/content/guide)。\n");
        await page.ClickAsync("#preview-button");
        Assert.Equal("在线", await page.Locator("#preview .prose strong").InnerTextAsync());
        await page.CheckAsync("input[name=Publish]");
        await page.ClickAsync("#save-button");
        Assert.Contains("已保存并发布", await page.Locator("#saved").InnerTextAsync());
        await page.GotoAsync(p.Url.ToString());
        Assert.Contains("关于信用修复集中办理的通知", await page.Locator("#section-notices").InnerTextAsync());

        await page.GotoAsync(new Uri(p.Url, "/staff/dashboard?days=7").ToString());
        Assert.Equal(7, await page.Locator("figure.chart").CountAsync());   // six of collection, checks and cases, and supervision cases per authority (SM Art. 14)
        Assert.True(await page.Locator("#chart-records-per-day svg.chart-svg rect.bar").CountAsync() >= 12);
        var table = page.Locator("#chart-records-per-day table");
        Assert.False(await table.IsVisibleAsync());
        await page.ClickAsync("#chart-records-per-day summary");   // the table, one click away
        Assert.True(await table.IsVisibleAsync());
        Assert.Contains("齐齐哈尔市示例生态环境局", await table.InnerTextAsync());
        await Shot(page, "dashboard");

        var phone = await NoScript(browser, phone: true);
        await phone.GotoAsync(new Uri(p.Url, "/statistics").ToString());
        Assert.True(await phone.Locator("#chart-decisions-per-month svg.chart-svg").IsVisibleAsync());
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
        await Shot(phone, "statistics-phone");
        await phone.GotoAsync(new Uri(p.Url, "/subjects/91230103MA1C8FK2X8").ToString());
        Assert.Contains("哈尔滨喆堃食品有限公司", await phone.Locator("h1").First.InnerTextAsync());
        await Shot(phone, "subject-phone");
    }
}

/// <summary>The 双公示 search in headless Chromium on a phone, without JavaScript: filters, total, keyset pages, export.</summary>
[Collection(BrowserCollection.Name)]
public class ShuanggongshiSearchBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task A_visitor_searches_by_name_pages_forward_and_back_and_downloads_the_result_on_a_phone()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        var rows = Enumerable.Range(1, 25).Select(i => PenaltyHeaders.Zip(Penalty("哈尔滨手机搜索示例有限公司", Uscc("MA1PH0NE1"), $"哈市监罚〔2026〕{7700 + i}号", new DateOnly(2026, 10, 1).AddDays(i).ToString("yyyy-MM-dd")))
            .ToDictionary(x => x.First, x => x.Second)).ToArray();
        (await provider.PostAsJsonAsync("/api/v1/records", new { batchId = "phone", item = "admin-penalty", records = rows })).EnsureSuccessStatusCode();

        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", JavaScriptEnabled = false, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(p.Url, "/shuanggongshi?type=penalty").ToString());
        await page.FillAsync("input[name=name]", "手机搜索示例");
        await page.FillAsync("input[name=from]", "2026-10-01");
        await page.ClickAsync("#filters button[type=submit]");
        Assert.Contains("共找到 25 条", await page.Locator("#total").InnerTextAsync());
        Assert.Contains("哈市监罚〔2026〕7725号", await page.Locator("#listing tbody tr").First.InnerTextAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
        await page.ClickAsync("a[rel=next]");
        Assert.Equal(5, await page.Locator("#listing tbody tr").CountAsync());
        Assert.Contains("第 2 页，共 2 页", await page.Locator("#total").InnerTextAsync());
        await page.ClickAsync("a[rel=prev]");
        Assert.Equal(20, await page.Locator("#listing tbody tr").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-xlsx"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        await Browser.Screenshot(page, "shuanggongshi-search-phone");
        await context.CloseAsync();
    }
}

/// <summary>A provider's web upload in headless Chromium: the file, the batch's progress while it loads (the page
/// reloads itself without JavaScript), its result, the rejected rows as CSV.</summary>
[Collection(BrowserCollection.Name)]
public class ProviderUploadBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task A_provider_uploads_a_file_reads_its_result_and_downloads_the_rejected_rows_on_a_desktop_and_a_phone()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var csv = Csv(PenaltyHeaders,
        [
            Penalty("哈尔滨网页上传示例有限公司", Uscc("MA1WEBUP1"), "哈市监罚〔2026〕6201号", "2026-10-10"),
            Penalty("哈尔滨网页上传示例有限公司", Uscc("MA1WEBUP1"), "哈市监罚〔2026〕6202号", "2026-02-30"),
            Penalty("哈尔滨网页上传示例有限公司", Uscc("MA1WEBUP1"), "哈市监罚〔2026〕6203号", "2026-10-11"),
        ]);
        var path = Path.Combine(p.Store.Folder, "十月处罚.csv");
        await File.WriteAllTextAsync(path, csv);
        // One row a chunk, and the worker holds after each batch's first chunk until the test has seen the batch in progress.
        var pipeline = p.Services.GetRequiredService<CollectionPipeline>();
        pipeline.ChunkSize = 1;
        using var gate = new SemaphoreSlim(0);
        var held = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        pipeline.ChunkCommitted += x =>
        {
            if (held.TryAdd(x.BatchId, true)) gate.Wait(TimeSpan.FromSeconds(120));
        };
        foreach (var phone in new[] { false, true })
        {
            var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
            {
                Locale = "zh-CN", JavaScriptEnabled = false, AcceptDownloads = true,
                ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
            await page.FillAsync("#code", "HRB-SJ");
            await page.FillAsync("#token", token);
            await page.ClickAsync("#staff button[type=submit]");
            await page.ClickAsync("header nav >> text=数据报送");
            await page.ClickAsync("text=上传报送文件");
            await page.SetInputFilesAsync("#file", path);
            await page.ClickAsync("#upload-button");
            await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/provider/batches/[0-9]+$"));
            // In progress: the state, the bar and the counts so far; the page reloads itself every 2 s.
            Assert.Contains(await page.Locator("#state").GetAttributeAsync("data-state"), new[] { "queued", "processing" });
            Assert.True(await page.Locator("progress#progress").IsVisibleAsync());
            Assert.Equal("2", await page.Locator("meta[http-equiv=refresh]").GetAttributeAsync("content"));
            await Browser.Screenshot(page, phone ? "provider-batch-progress-phone" : "provider-batch-progress");
            gate.Release();
            await page.WaitForSelectorAsync("#state[data-state=done]", new PageWaitForSelectorOptions { Timeout = 60_000 });
            Assert.Equal("已完成", await page.Locator("#state").InnerTextAsync());
            Assert.Equal("3", await page.Locator("[data-count=rows]").InnerTextAsync());
            Assert.Equal(phone ? "0" : "2", await page.Locator("[data-count=accepted]").InnerTextAsync());   // the phone sends the same file again
            Assert.Equal(phone ? "2" : "0", await page.Locator("[data-count=duplicates]").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-count=rejected]").InnerTextAsync());
            Assert.Contains("处罚决定日期", await page.Locator("#rejected").InnerTextAsync());
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#rejected-csv"));
            var saved = await download.PathAsync();
            Assert.StartsWith("行号,字段,原因", (await File.ReadAllTextAsync(saved!)).TrimStart('\uFEFF'));
            await Browser.Screenshot(page, phone ? "provider-batch-phone" : "provider-batch");
            await context.CloseAsync();
        }
    }
}
