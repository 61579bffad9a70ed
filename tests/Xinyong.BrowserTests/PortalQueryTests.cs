using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>
/// The public portal in headless Chromium over the sample data: search → subject page → record detail, masking of a
/// natural person, a record leaving the public page when its disclosure period ends, and the self-query with its access
/// log. Screenshots go to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PortalQueryTests(Browser browser)
{
    private const string Zhekun = "91230103MA1C8FK2X8";

    [BrowserFact]
    public async Task A_visitor_finds_a_company_by_part_of_its_name_and_reads_a_record_on_a_phone()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        var page = await browser.NewPage(phone: true);
        await page.GotoAsync(p.Url.ToString());
        await page.FillAsync("input[name=q]", "喆堃");
        await page.ClickAsync("form.search button[type=submit]");
        await page.WaitForURLAsync("**/search?q=*");
        Assert.Contains("找到 1 个信用主体", await page.Locator("#result-count").InnerTextAsync());
        await Browser.Screenshot(page, "portal-search-phone");

        await page.ClickAsync("ol.results a.title");
        await page.WaitForURLAsync($"**/subjects/{Zhekun}");
        Assert.Equal("哈尔滨喆堃食品有限公司", await page.Locator("#subject-name").InnerTextAsync());
        Assert.Contains("哈市监罚〔2026〕0312号", await page.Locator("#penalty").InnerTextAsync());
        Assert.Contains("黑市监食生许〔2026〕0101号", await page.Locator("#licence").InnerTextAsync());
        Assert.Contains("守合同重信用企业", await page.Locator("#honour").InnerTextAsync());
        Assert.Equal($"/api/v1/subjects/{Zhekun}/report.pdf", await page.Locator("#report").GetAttributeAsync("href"));
        // Readable on a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Browser.Screenshot(page, "portal-subject-phone");

        // The record's title is a plain link (no JavaScript): follow it as the browser would.
        var recordHref = await page.Locator("#penalty article.record h3 a").GetAttributeAsync("href");
        Assert.Contains("/records/", recordHref);
        await page.GotoAsync(new Uri(p.Url, recordHref).ToString());
        Assert.Equal("生产经营标签不符合规定的食品", await page.Locator("dd[data-field=violationType]").InnerTextAsync());
        await Browser.Screenshot(page, "portal-record-phone");
    }

    [BrowserFact]
    public async Task A_natural_persons_name_and_identity_number_are_masked_on_the_page()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        var page = await browser.NewPage();
        await page.GotoAsync(new Uri(p.Url, "/search").ToString());
        await page.FillAsync("input[name=q]", "230102198503072012");
        await page.ClickAsync("form.search button[type=submit]");
        await page.WaitForURLAsync("**/subjects/P*");
        Assert.Equal("李**", await page.Locator("#subject-name").InnerTextAsync());
        Assert.Equal("230102********2012", await page.Locator("#subject-code").InnerTextAsync());
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("李明辉", text);
        Assert.DoesNotContain("230102198503072012", text);
        Assert.DoesNotContain("230102198503072012", page.Url);
        await Browser.Screenshot(page, "portal-person-masked");

        // The record's title is a plain link (no JavaScript): follow it as the browser would.
        var recordHref = await page.Locator("#penalty article.record h3 a").GetAttributeAsync("href");
        Assert.Contains("/records/", recordHref);
        await page.GotoAsync(new Uri(p.Url, recordHref).ToString());
        Assert.Equal("李**", await page.Locator("dd[data-field=subjectName]").InnerTextAsync());
        Assert.Equal("230102********2012", await page.Locator("dd[data-field=idNumber]").InnerTextAsync());

        // A person cannot be found by name.
        await page.GotoAsync(new Uri(p.Url, "/search?q=" + Uri.EscapeDataString("李明辉")).ToString());
        Assert.True(await page.Locator("#no-results").IsVisibleAsync());
    }

    [BrowserFact]
    public async Task A_penalty_leaves_the_public_page_when_the_clock_passes_its_disclosure_period()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        const string qiqihar = "91230200MA1BHC321X";
        var page = await browser.NewPage();
        await page.GotoAsync(new Uri(p.Url, $"/subjects/{qiqihar}").ToString());
        Assert.Contains("齐市监罚〔2026〕0088号", await page.Locator("#penalty").InnerTextAsync());
        Assert.Contains("公示至2027-08-18", await page.Locator("#penalty").InnerTextAsync());
        await Browser.Screenshot(page, "portal-before-expiry");

        // The last public day is 2027-08-18 (Beijing); the next morning it is gone, and the job archives it.
        p.Clock.Set(DateTimeOffset.Parse("2027-08-19T09:00:00+08:00"));
        await page.ReloadAsync();
        Assert.DoesNotContain("齐市监罚〔2026〕0088号", await page.Locator("main").InnerTextAsync());
        Assert.True(p.Services.GetRequiredService<Xinyong.Application.Disclosure.DisclosurePeriods>().Run() >= 1);
        await page.ReloadAsync();
        Assert.DoesNotContain("齐市监罚〔2026〕0088号", await page.Locator("main").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#penalty article.record").CountAsync());
        Assert.Contains("齐税欠公〔2026〕第7号", await page.Locator("#penalty").InnerTextAsync());
        await Browser.Screenshot(page, "portal-after-expiry");

        // The sample's penalty whose period ended in 2025 was archived at start and is not listed either.
        await page.GotoAsync(new Uri(p.Url, "/shuanggongshi?type=penalty").ToString());
        Assert.DoesNotContain("哈南市监罚〔2025〕0601号", await page.Locator("main").InnerTextAsync());
    }

    [BrowserFact]
    public async Task A_subject_signs_in_and_sees_its_archived_record_and_who_read_its_information()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        const string shop = "92230103MA1G7BH98M";
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(shop, "shop-password-1", "staff-test");
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-SWJ", "哈尔滨市示例商务局"));
        var read = await dept.GetAsync($"/api/v1/shared/subjects/{shop}?purpose=" + Uri.EscapeDataString("商贸流通企业评优审核"));
        Assert.True(read.IsSuccessStatusCode);
        var bank = p.As(p.Account(AccountKinds.Institution, "BANK-HRB", "哈尔滨示例银行"));
        Assert.True((await bank.GetAsync($"/api/v1/authorized/subjects/{shop}")).IsSuccessStatusCode);

        var page = await browser.NewPage(phone: true);
        await page.GotoAsync(new Uri(p.Url, "/self").ToString());
        await page.WaitForURLAsync("**/signin**");
        await page.FillAsync("#subjectCode", shop);
        await page.FillAsync("#secret", "shop-password-1");
        await page.ClickAsync("#subject button[type=submit]");
        await page.WaitForURLAsync("**/self");
        Assert.Contains("哈尔滨市南岗区示例百货店", await page.Locator("h1").InnerTextAsync());

        var archived = page.Locator("tr[data-status=archived]");
        Assert.Equal(1, await archived.CountAsync());
        Assert.Contains("哈南市监罚〔2025〕0601号", await archived.InnerTextAsync());
        Assert.Contains("已归档", await archived.InnerTextAsync());

        var log = page.Locator("#access-log-table tbody tr");
        Assert.Equal(1, await log.CountAsync());
        var entry = await log.First.InnerTextAsync();
        Assert.Contains("哈尔滨市示例商务局", entry);
        Assert.Contains("商贸流通企业评优审核", entry);
        await page.Locator("#access-log").ScrollIntoViewIfNeededAsync();
        await Browser.Screenshot(page, "portal-self-query-phone");

        await page.ClickAsync($"tr[data-status=archived] a");
        await page.WaitForURLAsync("**/self/records/*");
        Assert.Contains("公示期满归档", await page.Locator("ul.history").InnerTextAsync());
    }
}
