using Microsoft.Playwright;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>The page a report's QR code opens: on a phone, without JavaScript, with a file upload.</summary>
[Collection(BrowserCollection.Name)]
public class ReportVerifyPageTests(Browser browser)
{
    [BrowserFact]
    public async Task The_QR_address_confirms_a_report_and_an_uploaded_altered_copy_is_refused_with_the_reason()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        var response = await p.Http.GetAsync("/api/v1/subjects/91230103MA1C8FK2X8/report.pdf");
        var number = response.Headers.GetValues("X-Report-Number").Single();
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 3] ^= 0x20;

        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(p.Url, $"/verify/{number}").ToString());
        var result = await page.Locator("#result").InnerTextAsync();
        Assert.Contains("有效", result);
        Assert.Contains(number, result);
        Assert.Contains("哈尔滨喆堃食品有限公司", result);
        Assert.Contains("公开版", result);
        await Browser.Screenshot(page, "report-verify-phone");
        var wide = await page.EvaluateAsync<string>("Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(', ')");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone: " + wide);

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = tampered });
        await page.ClickAsync("#upload button[type=submit]");
        var refused = await page.Locator("#file-result").InnerTextAsync();
        Assert.Contains("核验未通过", refused);
        Assert.Contains("内容在签名后被修改", refused);
        Assert.Contains(number, refused);
        await Browser.Screenshot(page, "report-verify-tampered-phone");

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.ClickAsync("#upload button[type=submit]");
        Assert.Contains("核验通过", await page.Locator("#file-result").InnerTextAsync());

        await page.GotoAsync(new Uri(p.Url, "/verify").ToString());
        await page.FillAsync("#lookup input[name=reportNo]", "XY20261122CCCCCCCCCC");
        await page.ClickAsync("#lookup button[type=submit]");
        Assert.Contains("没有出具过编号为", await page.Locator("#result").InnerTextAsync());
        await context.CloseAsync();
    }
}
