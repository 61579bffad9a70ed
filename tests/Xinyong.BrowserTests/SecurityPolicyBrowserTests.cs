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

        // Another site cannot frame the portal.
        var framer = await browser.NewPage();
        var blocked = new List<string>();
        framer.Console += (_, m) => blocked.Add(m.Text);
        await framer.SetContentAsync($"<iframe src=\"{new Uri(p.Url, "/")}\"></iframe>");
        await framer.WaitForTimeoutAsync(1000);
        var frame = framer.Frames.FirstOrDefault(f => f != framer.MainFrame);
        var framed = frame is null ? "" : await frame.EvaluateAsync<string>("() => document.title").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "");
        Assert.DoesNotContain("黑龙江省公共信用信息平台", framed);
    }
}
