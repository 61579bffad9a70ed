using Microsoft.Playwright;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PortalSmokeTests(Browser browser)
{
    [BrowserFact]
    public async Task The_home_page_renders_in_chinese_on_a_phone_and_a_wrong_token_is_refused()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var page = await browser.NewPage(phone: true);
        await page.GotoAsync(p.Url.ToString());
        Assert.Contains("黑龙江省公共信用信息平台", await page.TitleAsync());
        Assert.True(await page.Locator("input[name=q]").IsVisibleAsync());
        await Browser.Screenshot(page, "home-phone");

        await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
        await page.FillAsync("#code", "NOBODY");
        await page.FillAsync("#token", "xy_wrong");
        await page.ClickAsync("#staff button[type=submit]");
        Assert.Contains("不正确", await page.Locator("[role=alert]").InnerTextAsync());
    }
}
