using Microsoft.Playwright;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>The portal under its Content-Security-Policy in a real browser: nothing is blocked, the style sheet applies, framing is refused.</summary>
[Collection(BrowserCollection.Name)]
public class SecurityPolicyBrowserTests(Browser browser)
{
    [BrowserFact]
    public async Task The_portal_works_under_its_content_security_policy()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        var page = await browser.NewPage();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        page.PageError += (_, e) => violations.Add(e);
        foreach (var path in new[] { "/", "/search?q=" + Uri.EscapeDataString("示例"), "/signin", "/shuanggongshi", "/lists", "/repair", "/objections/new", "/verify" })
        {
            var r = await page.GotoAsync(new Uri(p.Url, path).ToString());
            Assert.NotNull(r);
            Assert.Contains("frame-ancestors 'none'", (await r!.AllHeadersAsync())["content-security-policy"]);
            // The style sheet applied: the header is laid out by site.css, not the browser's defaults.
            var display = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.site .wrap')).display");
            Assert.NotEqual("block", display);
        }
        // A form still posts (form-action 'self').
        await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
        await page.FillAsync("#code", "NOBODY");
        await page.FillAsync("#token", "xy_wrong");
        await page.ClickAsync("#staff button[type=submit]");
        Assert.Contains("不正确", await page.Locator("[role=alert]").InnerTextAsync());
        Assert.Empty(violations);

        // Another site cannot frame the portal: the frame stays empty of it.
        var framer = await browser.NewPage();
        await framer.SetContentAsync($"<iframe src=\"{new Uri(p.Url, "/")}\"></iframe>");
        await framer.WaitForTimeoutAsync(1000);
        var frame = Assert.Single(framer.Frames, f => f != framer.MainFrame);
        string framed;
        try { framed = await frame.ContentAsync(); }
        catch (PlaywrightException) { framed = ""; }
        Assert.DoesNotContain("黑龙江省公共信用信息平台", framed);
        // The same page outside a frame shows the portal (the check above is not vacuous).
        Assert.Contains("黑龙江省公共信用信息平台", await page.ContentAsync());
    }
}
