using Microsoft.Playwright;
using Xinyong.Tests.Support;

namespace Xinyong.BrowserTests;

/// <summary>
/// Debian's headless Chromium (/usr/bin/chromium) driven by Playwright; never a downloaded browser. Missing Chromium
/// skips the browser tests, unless XINYONG_REQUIRE_BROWSER=1 (the test script sets it), which fails them.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Instance = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page (its own cookies) in a phone-sized or desktop viewport.</summary>
    public async Task<IPage> NewPage(bool phone = false)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Submits a form by clicking <paramref name="submit"/> and waits for the page it leads to, found by one of
    /// <paramref name="markers"/> (a CSS selector list). The markers of the page before are removed first, so the one found
    /// is the new page's: a second submission on a page that already shows a marker would otherwise be "done" before the
    /// browser has even left it (a race that a loaded machine loses).
    /// </summary>
    public static async Task Submit(IPage page, string submit, string markers)
    {
        await page.EvaluateAsync("m => document.querySelectorAll(m).forEach(e => e.remove())", markers);
        await page.ClickAsync(submit);
        await page.WaitForSelectorAsync(markers);
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots/ (kept by CI as test artifacts).</summary>
    public static async Task Screenshot(IPage page, string name)
    {
        var dir = Path.Combine(Paths.Repo, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>A browser test: skipped without Chromium unless XINYONG_REQUIRE_BROWSER=1.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browser.Chromium) && Environment.GetEnvironmentVariable("XINYONG_REQUIRE_BROWSER") != "1")
            Skip = "Chromium is not installed (/usr/bin/chromium): run ./test.sh, which installs it";
    }
}

/// <summary>All browser tests share one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
