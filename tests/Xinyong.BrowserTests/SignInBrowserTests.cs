using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Xinyong.Application.SignIn;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using Xinyong.Application.Platform;
using Xinyong.Web.Platform;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.BrowserTests;

/// <summary>
/// The sign-in of an account user with a password and a TOTP code (enrolment with the operator's code, the key read from
/// the page, codes computed from it), and a subject's self-registration with a code read from the development sender's
/// file, in headless Chromium at desktop and phone width.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class SignInBrowserTests(Browser browser)
{
    private const string Password = "冰城夏日-2026-mfa";

    private static string Totp(TestPlatform p, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret.Replace(" ", ""))).ComputeTotp(p.Clock.GetUtcNow().UtcDateTime);

    [BrowserFact]
    public async Task A_staff_member_enrols_an_authenticator_and_signs_in_with_password_and_code_on_a_desktop_and_a_phone()
    {
        await using var p = await TestPlatform.Start("sqlite");
        foreach (var phone in new[] { false, true })
        {
            var account = phone ? "XY-PHONE" : "XY-DESK";
            p.Account(AccountKinds.Staff, account, "公共信用工作机构");
            var enrolmentCode = p.Services.GetRequiredService<AccountSignIn>().IssueEnrolment(account, "operator");
            var page = await browser.NewPage(phone);

            await page.GotoAsync(new Uri(p.Url, "/signin").ToString());
            await page.ClickAsync("text=设置密码和身份验证器");
            await page.FillAsync("#account", account);
            await page.FillAsync("#enrolmentCode", enrolmentCode);
            await page.FillAsync("#password", Password);
            await page.FillAsync("#repeat", Password);
            await page.ClickAsync("button[type=submit]");
            Assert.True(await page.Locator("img.qr").IsVisibleAsync());
            var secret = await page.InnerTextAsync("#secret");
            await Browser.Screenshot(page, phone ? "signin-enrol-phone" : "signin-enrol");
            await page.FillAsync("#totp", Totp(p, secret));
            await page.ClickAsync("#authenticator button[type=submit]");
            Assert.Contains("密码和身份验证器已设置", await page.InnerTextAsync("[role=status]"));

            p.Clock.Advance(TimeSpan.FromSeconds(30));
            await page.FillAsync("#accountCode", account);
            await page.FillAsync("#password", Password);
            await page.FillAsync("#totp", "000000" == Totp(p, secret) ? "111111" : "000000");
            await page.ClickAsync("#account button[type=submit]");
            Assert.Contains("动态验证码不正确", await page.InnerTextAsync("[role=alert]"));
            await Browser.Screenshot(page, phone ? "signin-phone" : "signin");

            await page.FillAsync("#accountCode", account);
            await page.FillAsync("#password", Password);
            await page.FillAsync("#totp", Totp(p, secret));
            await page.ClickAsync("#account button[type=submit]");
            Assert.EndsWith("/staff", page.Url);
            Assert.Contains("公共信用工作机构", await page.InnerTextAsync("header .who"));

            await page.ClickAsync("header .who button");
            await page.GotoAsync(new Uri(p.Url, "/staff").ToString());
            Assert.Contains("/signin", page.Url);
        }
    }

    [BrowserFact]
    public async Task A_company_registers_itself_with_a_phone_code_on_a_phone_and_a_person_by_mail_on_a_desktop()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var co = Uscc("MA1BRW001");
        var person = ResidentId("19900101", 411);
        var provider = p.Account(AccountKinds.Provider, "TEST-PROV", "测试提供单位", "admin-penalty");
        foreach (var (row, _) in new[] { (Penalty("哈尔滨自助注册示例有限公司", co, "哈市监罚〔2026〕0901号"), 0), (PersonPenalty("赵自助", person, "哈道交罚〔2026〕0902号"), 1) })
        {
            var (status, body, _) = await TestPlatform.PostJson(p.As(provider), "/api/v1/records", new { batchId = Guid.NewGuid().ToString("N"), item = "admin-penalty", records = new[] { PenaltyHeaders.Zip(row).ToDictionary(x => x.First, x => x.Second) } });
            Assert.True(status == 200, body.ToString());
        }
        var messages = SignInServices.MessagesFile(p.Services.GetRequiredService<Secrets>());

        foreach (var (phone, code, name, channel, address) in new[] { (true, co, "哈尔滨自助注册示例有限公司", "phone", "13900139000"), (false, person, "赵自助", "mail", "zhao@example.cn") })
        {
            var page = await browser.NewPage(phone);
            await page.GotoAsync(p.Url.ToString());
            await page.ClickAsync("header .who a[href='/register']");
            await page.FillAsync("#code", code);
            await page.FillAsync("#name", name);
            await page.CheckAsync($"input[name=channel][value={channel}]");
            await page.FillAsync("#address", address);
            await page.ClickAsync("button[type=submit]");
            Assert.Contains("验证码已发送至", await page.InnerTextAsync("[role=status]"));
            await Browser.Screenshot(page, phone ? "register-phone" : "register");

            var text = File.ReadAllLines(messages).Select(l => JsonDocument.Parse(l).RootElement).Last(m => m.GetProperty("address").GetString() == address).GetProperty("text").GetString()!;
            await page.FillAsync("#verification", SixDigits().Match(text).Value);
            await page.FillAsync("#password", Password);
            await page.FillAsync("#repeat", Password);
            await page.ClickAsync("#verify button[type=submit]");
            Assert.EndsWith("/self", page.Url);
            Assert.Contains(name, await page.InnerTextAsync("main"));
            Assert.True(await page.Locator("nav.mine a[href='/notifications']").IsVisibleAsync());
        }
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
