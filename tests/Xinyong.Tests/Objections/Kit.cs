using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;
using Xinyong.Application.Cases;

namespace Xinyong.Tests.Objections;

/// <summary>Shared steps of the objection and repair tests: records, accounts, a signed-in subject.</summary>
internal static partial class Kit
{
    public const string Provider = "HRB-SJ";
    public const string Password = "subject-pass-2026";

    /// <summary>A provider unit that may write penalties, and its client.</summary>
    public static HttpClient ProviderClient(TestPlatform p) => p.As(p.Account(AccountKinds.Provider, Provider, "哈尔滨市示例市场监督管理局", "admin-penalty"));

    /// <summary>Pushes one penalty of a company and returns the record's id.</summary>
    public static async Task<long> Penalty(TestPlatform p, HttpClient provider, string uscc, string docNo, string date, string name = "哈尔滨异议测试有限公司")
    {
        var row = PenaltyHeaders.Zip(Shuanggongshi.Penalty(name, uscc, docNo, date)).ToDictionary(x => x.First, x => x.Second);
        var (status, body, _) = await TestPlatform.PostJson(provider, "/api/v1/records", new { batchId = "b-" + docNo, item = "admin-penalty", records = new[] { row } });
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{uscc}");
        return RecordOf(subject, docNo).GetProperty("id").GetInt64();
    }

    /// <summary>The record with a decision number in a subject view.</summary>
    public static JsonElement RecordOf(JsonElement subject, string docNo) =>
        subject.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("fields").GetProperty("decisionNo").GetString() == docNo);

    /// <summary>A staff member (of a unit, or of the credit agency when unit is null) and its client.</summary>
    public static (string Token, HttpClient Client) Staff(TestPlatform p, string code, string? unit = null, string role = "agency")
    {
        var token = p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount(code, AccountKinds.Staff, $"工作人员{code}", Role: role, Unit: unit));
        return (token, p.As(token));
    }

    /// <summary>Signs a subject in to the portal (password set by staff) and returns a client carrying its cookie.</summary>
    public static async Task<HttpClient> Subject(TestPlatform p, string code)
    {
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(code, Password, "test");
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = p.Url };
        var page = await client.GetStringAsync("/signin");
        var token = Antiforgery().Match(page).Groups[1].Value;
        var r = await client.PostAsync("/signin?handler=Subject", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["secret"] = Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    /// <summary>Signs a staff member in to the portal with its token and returns a client carrying its cookie.</summary>
    public static async Task<HttpClient> StaffPortal(TestPlatform p, string code, string token)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = p.Url };
        var r = await client.PostAsync("/signin?handler=Staff", Form(await client.GetStringAsync("/signin"), new() { ["code"] = code, ["token"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    /// <summary>A form post with the antiforgery token of the page it was read from.</summary>
    public static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Runs the deadline watch once.</summary>
    public static WatchReport Watch(TestPlatform p) => p.Services.GetRequiredService<DeadlineWatch>().RunOnce();

    /// <summary>The deadline with a code in a case view.</summary>
    public static JsonElement Deadline(JsonElement view, string code) =>
        view.GetProperty("deadlines").EnumerateArray().Last(d => d.GetProperty("code").GetString() == code);

    /// <summary>The kinds of the steps in a case view's history.</summary>
    public static List<string> Steps(JsonElement view) =>
        view.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!).ToList();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
