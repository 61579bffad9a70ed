using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Xinyong.Application.SignIn;
using Xinyong.Security;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;

namespace Xinyong.Tests.SignIn;

/// <summary>
/// Account users sign in to the portal with the account code, a password and a TOTP code: enrolment with the code
/// `xinyong user enrol` prints, lockout after repeated failures, one use per code, idle and absolute session expiry,
/// sign-out, and the token sign-in closed to an enrolled account.
/// </summary>
public sealed class AccountSignInTests
{
    private const string Password = "春江潮水-2026-xy";

    private static async Task<string> ErrorOf(HttpResponseMessage r) =>
        new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync()).QuerySelector("p.error")?.TextContent ?? "";

    /// <summary>The current TOTP code of a secret at the platform's clock.</summary>
    public static string Code(TestPlatform p, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret.Replace(" ", ""))).ComputeTotp(p.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Walks /signin/enrol with an enrolment code; returns the authenticator secret shown.</summary>
    public static async Task<string> Enrol(TestPlatform p, HttpClient c, string account, string enrolmentCode, string password = Password)
    {
        var begin = await PostForm(c, "/signin/enrol", "/signin/enrol?handler=Begin", new() { ["account"] = account, ["enrolmentCode"] = enrolmentCode, ["password"] = password, ["repeat"] = password });
        Assert.Equal(HttpStatusCode.OK, begin.StatusCode);
        var doc = new HtmlParser().ParseDocument(await begin.Content.ReadAsStringAsync());
        Assert.True(doc.QuerySelector("p.error") is null, doc.QuerySelector("p.error")?.TextContent);
        var secret = doc.QuerySelector("#secret")!.TextContent.Replace(" ", "");
        Assert.StartsWith("data:image/png;base64,", doc.QuerySelector("img.qr")!.GetAttribute("src"));
        var confirm = await PostForm(c, "/signin/enrol", "/signin/enrol?handler=Confirm", new() { ["account"] = account, ["enrolmentCode"] = enrolmentCode, ["totp"] = Code(p, secret) });
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/signin?done=enrolled", confirm.Headers.Location?.OriginalString);
        return secret;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient c, string account, string password, string totp) =>
        PostForm(c, "/signin", "/signin?handler=Account", new() { ["code"] = account, ["password"] = password, ["totp"] = totp });

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_enrolled_user_signs_in_with_password_and_totp_and_no_longer_with_the_token(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Staff, "XY-MFA", "公共信用工作机构");
        var keys = new[] { "--db", p.Store.Db, "--rules", Paths.Rules, "--keys", Path.Combine(p.Store.Folder, "keys") };

        // The operator prints an enrolment code (and staff add keeps printing the token).
        var enrol = await Xy.Run(["user", "enrol", "--account", "XY-MFA", .. keys]);
        Assert.Equal(0, enrol.ExitCode);
        var code = enrol.Json.GetProperty("enrolmentCode").GetString()!;
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.Equal(1, (await Xy.Run(["user", "enrol", "--account", "NOBODY", .. keys])).ExitCode);

        // Before enrolment, the token still opens the portal; a password sign-in does not.
        var c = Browser(p);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(c, "XY-MFA", Password, "000000")).StatusCode);

        // A wrong enrolment code is refused; the right one sets the password and the authenticator.
        var wrong = await PostForm(c, "/signin/enrol", "/signin/enrol?handler=Begin", new() { ["account"] = "XY-MFA", ["enrolmentCode"] = "AAAA-BBBB-CCCC-DDDD", ["password"] = Password, ["repeat"] = Password });
        Assert.Contains("开通码不正确", await ErrorOf(wrong));
        var shortPassword = await PostForm(c, "/signin/enrol", "/signin/enrol?handler=Begin", new() { ["account"] = "XY-MFA", ["enrolmentCode"] = code, ["password"] = "abc", ["repeat"] = "abc" });
        Assert.Contains("密码至少10位", await ErrorOf(shortPassword));
        var secret = await Enrol(p, c, "XY-MFA", code);
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(20), e => e.Action == "account.signin-enrolled" && e.Target == "account:XY-MFA");

        // The enrolment code is spent.
        var again = await PostForm(Browser(p), "/signin/enrol", "/signin/enrol?handler=Begin", new() { ["account"] = "XY-MFA", ["enrolmentCode"] = code, ["password"] = Password, ["repeat"] = Password });
        Assert.Contains("开通码不正确", await ErrorOf(again));

        // The code used to confirm the enrolment does not sign in again (a code works once); the next one does.
        var replay = await SignIn(Browser(p), "XY-MFA", Password, Code(p, secret));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("动态验证码不正确", await ErrorOf(replay));
        p.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(Browser(p), "XY-MFA", "wrong-password-1", Code(p, secret))).StatusCode);
        var staff = Browser(p);
        var ok = await SignIn(staff, "XY-MFA", Password, Code(p, secret));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/staff", ok.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/staff")).StatusCode);

        // The token no longer opens the portal for this account; it still works for the API.
        var byToken = await PostForm(Browser(p), "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-MFA", ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Contains("请使用账户代码、密码和动态验证码登录", await ErrorOf(byToken));
        Assert.Equal(200, (await p.GetJson("/api/v1/worklist", p.As(token))).Status);

        // Sign-out ends the session.
        var signOut = await PostForm(staff, "/staff", "/signout", new());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/staff")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Five_wrong_codes_lock_the_account_and_the_right_ones_are_refused_while_locked(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "PROV-MFA", "哈尔滨市示例局", "admin-penalty");
        var code = p.Services.GetRequiredService<AccountSignIn>().IssueEnrolment("PROV-MFA", "test");
        var secret = await Enrol(p, Browser(p), "PROV-MFA", code);
        p.Clock.Advance(TimeSpan.FromSeconds(30));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await SignIn(Browser(p), "PROV-MFA", Password, $"{i:D6}")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var locked = await SignIn(Browser(p), "PROV-MFA", Password, Code(p, secret));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("锁定", await ErrorOf(locked));

        // After the lock, the provider's user signs in and lands on the home page.
        p.Clock.Advance(TimeSpan.FromMinutes(31));
        var ok = await SignIn(Browser(p), "PROV-MFA", Password, Code(p, secret));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/", ok.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_session_ends_after_the_idle_time_and_after_the_absolute_time(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Staff, "XY-SES", "公共信用工作机构");
        var secret = await Enrol(p, Browser(p), "XY-SES", p.Services.GetRequiredService<AccountSignIn>().IssueEnrolment("XY-SES", "test"));
        var rules = p.Services.GetRequiredService<SignInRules>().Session;
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(8)), (rules.Idle, rules.Absolute));

        async Task<HttpClient> SignedIn()
        {
            p.Clock.Advance(TimeSpan.FromSeconds(30));
            var c = Browser(p);
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn(c, "XY-SES", Password, Code(p, secret))).StatusCode);
            return c;
        }

        // Idle: 31 minutes without a request.
        var idle = await SignedIn();
        p.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/staff")).StatusCode);
        p.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/staff")).StatusCode);

        // Absolute: a request every 20 minutes keeps the session until 8 hours after the sign-in, not longer.
        var busy = await SignedIn();
        for (var minutes = 20; minutes < 480; minutes += 20)
        {
            p.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True((await busy.GetAsync("/staff")).StatusCode == HttpStatusCode.OK, $"after {minutes} minutes");
        }
        p.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public void The_session_and_enrolment_settings_are_read_from_the_rules_file_and_checked()
    {
        const string Base = "account: {maxFailures: 5, windowMinutes: 15, lockMinutes: 30}\naddress: {maxFailures: 20, windowMinutes: 15, lockMinutes: 30}\noneTimeCode: {validMinutes: 120, maxAttempts: 5}\n";
        var r = SignInRules.Parse(Base + "session: {idleMinutes: 10, absoluteMinutes: 60}\nenrolment: {codeValidHours: 24, minPasswordLength: 12, tokenSignIn: false, verificationValidMinutes: 5, verificationMaxAttempts: 3, verificationsPerHour: 2}", "signin.yaml");
        Assert.Equal(new PortalSessionRules(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)), r.Session);
        Assert.Equal(new EnrolmentRules(TimeSpan.FromHours(24), 12, false, TimeSpan.FromMinutes(5), 3, 2), r.Enrolment);
        Assert.Equal(PortalSessionRules.Default, SignInRules.Parse(Base, "signin.yaml").Session);
        Assert.Contains("session.absoluteMinutes", Assert.Throws<SignInRulesException>(() => SignInRules.Parse(Base + "session: {idleMinutes: 60, absoluteMinutes: 30}", "signin.yaml")).Message);
        Assert.Contains("enrolment.minPasswordLength", Assert.Throws<SignInRulesException>(() => SignInRules.Parse(Base + "enrolment: {codeValidHours: 24, minPasswordLength: 4, tokenSignIn: true, verificationValidMinutes: 5, verificationMaxAttempts: 3, verificationsPerHour: 2}", "signin.yaml")).Message);
    }
}
