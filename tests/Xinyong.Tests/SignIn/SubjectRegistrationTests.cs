using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using Xinyong.Application.SignIn;
using Xinyong.Web.Platform;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.SignIn;

/// <summary>
/// Subjects register themselves: identifier and name as the platform holds them, a verification code sent to a phone or
/// mailbox (the development sender writes it to a file under the data directory), then a password; a registration never
/// replaces an existing sign-in.
/// </summary>
public sealed partial class SubjectRegistrationTests
{
    private static readonly string Co = Uscc("MA1REG001");
    private const string Password = "松花江-2026-reg";

    private static async Task<string> ErrorOf(HttpResponseMessage r) =>
        new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync()).QuerySelector("p.error")?.TextContent ?? "";

    /// <summary>The last verification code the development sender wrote for an address.</summary>
    public static string LastCode(TestPlatform p, string address)
    {
        var file = SignInServices.MessagesFile(p.Services.GetRequiredService<Secrets>());
        var line = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).Last(m => m.GetProperty("address").GetString() == address);
        return SixDigits().Match(line.GetProperty("text").GetString()!).Value;
    }

    private static Task<HttpResponseMessage> Send(HttpClient c, string code, string name, string channel, string address) =>
        PostForm(c, "/register", "/register?handler=Send", new() { ["code"] = code, ["name"] = name, ["channel"] = channel, ["address"] = address });

    private static async Task<(HttpResponseMessage, long)> Started(HttpClient c, string code, string name, string channel, string address)
    {
        var r = await Send(c, code, name, channel, address);
        var doc = new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.True(doc.QuerySelector("p.error") is null, doc.QuerySelector("p.error")?.TextContent);
        return (r, long.Parse(doc.QuerySelector("input[name=registration]")!.GetAttribute("value")!));
    }

    private static Task<HttpResponseMessage> Complete(HttpClient c, long id, string code, string verification, string password = Password) =>
        PostForm(c, "/register", "/register?handler=Complete", new() { ["registration"] = id.ToString(), ["masked"] = "", ["code"] = code, ["verification"] = verification, ["password"] = password, ["repeat"] = password });

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_company_registers_with_a_verified_phone_and_signs_in(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨注册示例有限公司", Co, "哈市监罚〔2026〕0801号"));
        var c = Browser(p);

        // The name must be the one the platform holds; the channel must be valid; an unknown subject is told so.
        Assert.Contains("名称与平台记载", await ErrorOf(await Send(c, Co, "哈尔滨别的公司", "phone", "13800138000")));
        Assert.Contains("11位手机号码", await ErrorOf(await Send(c, Co, "哈尔滨注册示例有限公司", "phone", "12345")));
        Assert.Contains("平台尚未归集该主体", await ErrorOf(await Send(c, Uscc("MA1REG999"), "无名公司", "phone", "13800138000")));
        Assert.Contains("有效的统一社会信用代码", await ErrorOf(await Send(c, "not-a-code", "无名公司", "phone", "13800138000")));

        var (started, id) = await Started(c, Co, " 哈尔滨注册示例有限公司 ", "phone", "13800138000");
        Assert.Contains("验证码已发送至138****8000", await started.Content.ReadAsStringAsync());
        var code = LastCode(p, "13800138000");
        Assert.Matches("^[0-9]{6}$", code);

        // A wrong code says how many tries are left; the right one registers and signs the subject in.
        var wrong = await Complete(c, id, Co, code == "000000" ? "111111" : "000000");
        Assert.Contains("还可尝试4次", await ErrorOf(wrong));
        var done = await Complete(c, id, Co, code);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/self", done.Headers.Location?.OriginalString);
        Assert.Contains("哈尔滨注册示例有限公司", await c.GetStringAsync("/self"));

        // The subject's mailbox is told, the audit chain records it, and the password signs in from now on.
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(Co)!;
        Assert.Contains(p.Services.GetRequiredService<Outbox>().For([Mailbox.OfSubject(subject.Id)]), m => m.Title == "自查账户已注册" && m.Body.Contains("138****8000"));
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(20), e => e.Action == "subject-account.password" && e.Actor == "self-registration");
        var again = Browser(p);
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(again, "/signin", "/signin?handler=Subject", new() { ["code"] = Co, ["secret"] = Password })).StatusCode);

        // A second registration (someone else's phone) never replaces the sign-in.
        Assert.Contains("已开通自我查询账户", await ErrorOf(await Send(Browser(p), Co, "哈尔滨注册示例有限公司", "mail", "other@example.cn")));
        // The code cannot be used twice.
        Assert.Contains("验证码已失效", await ErrorOf(await Complete(Browser(p), id, Co, code)));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_person_registers_by_mail_and_a_code_expires_and_is_void_after_five_wrong_tries(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var person = ResidentId("19850307", 311);
        await Push(p, "admin-penalty", PersonPenaltyRow("王注册", person, "哈道交罚〔2026〕1801号"));
        var c = Browser(p);

        // Expired after 10 minutes.
        var (_, first) = await Started(c, person, "王注册", "mail", "wang@example.cn");
        var firstCode = LastCode(p, "wang@example.cn");
        p.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Contains("验证码已失效", await ErrorOf(await Complete(c, first, person, firstCode)));

        // Void after five wrong tries, even for the right code.
        var (_, second) = await Started(c, person, "王注册", "mail", "wang@example.cn");
        var secondCode = LastCode(p, "wang@example.cn");
        var wrongCode = secondCode == "123456" ? "654321" : "123456";
        for (var i = 0; i < 4; i++) Assert.Contains("验证码不正确", await ErrorOf(await Complete(Browser(p), second, person, wrongCode)));
        var fifth = await Complete(Browser(p), second, person, wrongCode);   // also the 5th failed sign-in of the subject: locked
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Contains("锁定", await ErrorOf(fifth));
        var throttle = p.Services.GetRequiredService<Xinyong.Storage.Accounts.SignInThrottle>();
        Assert.Equal(1, throttle.Lift(throttle.SubjectKey(person), "XY-WINDOW", "本人到窗口核验身份"));
        Assert.Contains("验证码已失效", await ErrorOf(await Complete(Browser(p), second, person, secondCode)));

        // At most five codes an hour for one subject.
        for (var i = 0; i < 3; i++) await Started(c, person, "王注册", "mail", "wang@example.cn");
        Assert.Contains("上限", await ErrorOf(await Send(c, person, "王注册", "mail", "wang@example.cn")));
        p.Clock.Advance(TimeSpan.FromMinutes(61));
        var (_, third) = await Started(c, person, "王注册", "mail", "wang@example.cn");
        var done = await Complete(c, third, person, LastCode(p, "wang@example.cn"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("w***@example.cn", string.Join("", p.Services.GetRequiredService<Outbox>().For([Mailbox.OfSubject(p.Services.GetRequiredService<SubjectStore>().Find(person)!.Id)]).Select(m => m.Body)));
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
