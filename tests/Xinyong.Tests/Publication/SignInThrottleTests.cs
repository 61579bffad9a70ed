using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Security;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>Sign-in throttling per account and per address, lockouts and their lifting, and limited one-time codes.</summary>
public partial class SignInThrottleTests
{
    private static readonly string Co = Uscc("MA1LCK001");
    private const string Password = "correct-horse-1";

    /// <summary>A browser on the sign-in page that posts the subject form again and again with its antiforgery token.</summary>
    private static async Task<Func<string, string, Task<HttpResponseMessage>>> SubjectForm(TestPlatform p)
    {
        var c = Browser(p);
        var token = Token().Match(await c.GetStringAsync("/signin")).Groups[1].Value;
        return (code, secret) => c.PostAsync("/signin?handler=Subject", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["secret"] = secret, ["__RequestVerificationToken"] = token,
        }));
    }

    private static async Task<string> ErrorOf(HttpResponseMessage r) =>
        new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync()).QuerySelector("p.error")?.TextContent ?? "";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Three_hundred_wrong_passwords_lock_the_account_and_the_address_until_staff_lift_the_locks(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨锁定示例有限公司", Co, "哈市监罚〔2026〕0601号"));
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(Co, Password, "staff-test");
        var post = await SubjectForm(p);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++) statuses.Add((await post(Co, $"wrong-{i:D3}")).StatusCode);
        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.OK, s));        // wrong: the form again
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s)); // the 5th failure locks

        // The right password is refused while locked, before it is checked.
        var right = await post(Co, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
        Assert.Contains("锁定", await ErrorOf(right));
        Assert.Null(right.Headers.Location);

        // Only the account is locked: attempts refused while it is locked are not counted against the address.
        var throttle = p.Services.GetRequiredService<SignInThrottle>();
        var subjectKey = throttle.SubjectKey(Co);
        Assert.Equal([subjectKey], throttle.Active().Select(l => l.LockKey));

        // Unit staff may not see or lift locks; the credit agency's staff may, on the page.
        var unitToken = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("UNIT-01", AccountKinds.Staff, "提供单位工作人员", Role: "unit", Unit: Provider));
        var unitStaff = Browser(p);
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(unitStaff, "/signin", "/signin?handler=Staff", new() { ["code"] = "UNIT-01", ["token"] = unitToken })).StatusCode);
        var refused = await unitStaff.GetAsync("/staff/signin-locks");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        var agencyToken = p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构");
        var agency = Browser(p);
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(agency, "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-01", ["token"] = agencyToken })).StatusCode);
        var (status, page) = await Page(agency, "/staff/signin-locks");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("信用主体 " + subjectKey["subject:".Length..], page.QuerySelector("#locks")!.TextContent);

        // Still locked (the account lock), then lifted on the page: the right password signs in.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await post(Co, Password)).StatusCode);
        var lift = await PostForm(agency, "/staff/signin-locks", "/staff/signin-locks", new() { ["key"] = subjectKey, ["reason"] = "当面核验营业执照" });
        Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        Assert.Contains("已解除", new HtmlParser().ParseDocument(await lift.Content.ReadAsStringAsync()).QuerySelector("#done")!.TextContent);
        var signedIn = await post(Co, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/self", signedIn.Headers.Location?.OriginalString);

        // Locks and lifts are in the audit chain, which still verifies.
        var audit = p.Services.GetRequiredService<AuditChain>();
        var entries = audit.Recent(1000);
        Assert.Contains(entries, e => e.Action == "signin.lock" && e.Target == subjectKey);
        Assert.Contains(entries, e => e.Action == "signin.unlock" && e.Target == subjectKey && e.Actor == "XY-01" && e.Detail == "当面核验营业执照");
        Assert.True(audit.Verify().Valid);
        Assert.Empty(throttle.Active());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Staff_sign_in_is_throttled_per_account_and_a_lock_ends_by_itself(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Staff, "XY-02", "公共信用工作机构");
        var rules = p.Services.GetRequiredService<SignInRules>();
        var c = Browser(p);
        for (var i = 0; i < rules.Account.MaxFailures; i++)
            await PostForm(c, "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-02", ["token"] = "wrong-token" });
        var locked = await PostForm(c, "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-02", ["token"] = token });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("该账户登录失败次数过多", await ErrorOf(locked));

        // Another account from the same address is not locked (the address allows more failures than an account).
        var other = p.Account(AccountKinds.Staff, "XY-03", "公共信用工作机构");
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(Browser(p), "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-03", ["token"] = other })).StatusCode);

        p.Clock.Advance(rules.Account.Lock + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(Browser(p), "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-02", ["token"] = token })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Guessing_across_many_accounts_locks_the_address_and_the_command_lifts_it(string store)
    {
        // The command reads the system clock: the platform's clock starts at the real moment here.
        await using var p = await TestPlatform.Start(store, now: DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var token = p.Account(AccountKinds.Staff, "XY-04", "公共信用工作机构");
        var rules = p.Services.GetRequiredService<SignInRules>();
        var c = Browser(p);
        for (var i = 0; i < rules.Address.MaxFailures; i++)
            await PostForm(c, "/signin", "/signin?handler=Subject", new() { ["code"] = Uscc($"MA1GEH{i:D3}"), ["secret"] = "guess" });
        var locked = await PostForm(Browser(p), "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-04", ["token"] = token });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("本机登录失败次数过多", await ErrorOf(locked));
        var throttle = p.Services.GetRequiredService<SignInThrottle>();
        Assert.Equal(["address:127.0.0.1"], throttle.Active().Select(l => l.LockKey));
        // Unknown codes are kept only as a hash (a resident identity number is personal information).
        Assert.StartsWith("code:", throttle.SubjectKey(Uscc("MA1GEH000")));
        Assert.DoesNotContain(Uscc("MA1GEH000"), throttle.SubjectKey(Uscc("MA1GEH000")));

        string[] Common(params string[] args) => [.. args, "--db", p.Store.Db, "--keys", Path.Combine(p.Store.Folder, "keys"), "--rules", Paths.Rules];
        var list = await Xy.Run(Common("signin", "locks"));
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("address:127.0.0.1", list.Json.GetProperty("key").GetString());
        var lifted = await Xy.Run(Common("signin", "unlock", "--address", "127.0.0.1", "--by", "XY-01", "--reason", "核验后解除"));
        Assert.Equal(0, lifted.ExitCode);
        Assert.Equal(1, lifted.Json.GetProperty("lifted").GetInt32());
        Assert.Equal(1, (await Xy.Run(Common("signin", "unlock", "--address", "127.0.0.1"))).ExitCode);   // nothing left to lift
        Assert.Equal(2, (await Xy.Run(Common("signin", "unlock", "--address", "not-an-ip"))).ExitCode);
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(20), e => e.Action == "signin.unlock" && e.Target == "address:127.0.0.1" && e.Actor == "XY-01");
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(Browser(p), "/signin", "/signin?handler=Staff", new() { ["code"] = "XY-04", ["token"] = token })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_one_time_code_expires_and_is_void_after_its_attempts(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨锁定示例有限公司", Co, "哈市监罚〔2026〕0602号"));
        var accounts = p.Services.GetRequiredService<SubjectAccounts>();
        var rules = p.Services.GetRequiredService<SignInRules>();
        Assert.Equal(TimeSpan.FromMinutes(120), rules.OneTimeValidity);

        // Valid until its validity ends, not after.
        var code = accounts.IssueOneTimeCode(Co, "staff-test")!.Value.Code;
        p.Clock.Advance(rules.OneTimeValidity + TimeSpan.FromSeconds(1));
        Assert.Null(accounts.SignIn(Co, code));
        code = accounts.IssueOneTimeCode(Co, "staff-test")!.Value.Code;
        p.Clock.Advance(rules.OneTimeValidity - TimeSpan.FromMinutes(1));
        Assert.NotNull(accounts.SignIn(Co, code));

        // Wrong guesses void the outstanding code after maxAttempts; a new code starts afresh.
        code = accounts.IssueOneTimeCode(Co, "staff-test")!.Value.Code;
        for (var i = 0; i < rules.OneTimeMaxAttempts - 1; i++) Assert.Null(accounts.SignIn(Co, "00000000" == code ? "11111111" : "00000000"));
        var fresh = accounts.IssueOneTimeCode(Co, "staff-test")!.Value.Code;
        for (var i = 0; i < rules.OneTimeMaxAttempts - 1; i++) Assert.Null(accounts.SignIn(Co, "00000000" == fresh ? "11111111" : "00000000"));
        Assert.NotNull(accounts.SignIn(Co, fresh));   // maxAttempts - 1 failures leave it usable

        code = accounts.IssueOneTimeCode(Co, "staff-test")!.Value.Code;
        for (var i = 0; i < rules.OneTimeMaxAttempts; i++) Assert.Null(accounts.SignIn(Co, "00000000" == code ? "11111111" : "00000000"));
        Assert.Null(accounts.SignIn(Co, code));       // void
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(50), e => e.Action == "subject-account.one-time-code.void");
    }

    [Fact]
    public void The_rules_file_is_checked_naming_the_setting()
    {
        var shipped = SignInRules.Load(Paths.Rules);
        Assert.Equal(SignInRules.Default, shipped);
        var ex = Assert.Throws<SignInRulesException>(() => SignInRules.Parse("account: {maxFailures: 0, windowMinutes: 15, lockMinutes: 30}\naddress: {maxFailures: 5, windowMinutes: 15, lockMinutes: 30}\noneTimeCode: {validMinutes: 10, maxAttempts: 3}", "signin.yaml"));
        Assert.Contains("account.maxFailures", ex.Message);
        Assert.Contains("oneTimeCode", Assert.Throws<SignInRulesException>(() => SignInRules.Parse("account: {maxFailures: 5, windowMinutes: 15, lockMinutes: 30}\naddress: {maxFailures: 5, windowMinutes: 15, lockMinutes: 30}", "signin.yaml")).Message);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
