using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>Records, sign-ins and HTML for the query tests.</summary>
public static partial class QuerySupport
{
    public const string Provider = "TEST-PROV";

    /// <summary>Pushes records of one item (fields by code or Chinese label) through the API; asserts they were all accepted.</summary>
    public static async Task Push(TestPlatform p, string item, params Dictionary<string, string>[] records)
    {
        var token = p.Account(AccountKinds.Provider, Provider, "测试提供单位", "admin-penalty", "admin-licence", "honour", "court-judgment", "utility-arrears",
            "volunteer-service", "registration", "credit-commitment", "tax-arrears");
        var (status, body, _) = await TestPlatform.PostJson(p.As(token), "/api/v1/records", new { batchId = Guid.NewGuid().ToString("N"), item, records });
        Assert.True(status == 200, body.ToString());
        Assert.True(body.GetProperty("rejected").GetArrayLength() == 0, body.ToString());
        Assert.Equal(records.Length, body.GetProperty("accepted").GetInt32() + body.GetProperty("duplicates").GetInt32());
    }

    /// <summary>A company's penalty row keyed by Chinese header.</summary>
    public static Dictionary<string, string> CompanyPenalty(string name, string uscc, string docNo, string date = "2026-10-12", params (string, string)[] overrides) =>
        PenaltyHeaders.Zip(Penalty(name, uscc, docNo, date, overrides)).ToDictionary(x => x.First, x => x.Second);

    /// <summary>A natural person's penalty row keyed by Chinese header.</summary>
    public static Dictionary<string, string> PersonPenaltyRow(string name, string residentId, string docNo, string date = "2026-10-20") =>
        PenaltyHeaders.Zip(PersonPenalty(name, residentId, docNo, date)).ToDictionary(x => x.First, x => x.Second);

    /// <summary>A court judgment (conditionally open, unconditionally shared).</summary>
    public static Dictionary<string, string> Judgment(string name, string code, string caseNo, string date = "2026-06-01") => new()
    {
        ["caseNo"] = caseNo, ["subjectName"] = name, ["subjectCode"] = code, ["documentType"] = "判决书", ["cause"] = "买卖合同纠纷",
        ["result"] = "被告于判决生效之日起十日内支付货款人民币十万元。", ["decisionDate"] = date, ["court"] = "哈尔滨市南岗区示例人民法院",
    };

    /// <summary>Utility arrears (conditionally open, conditionally shared).</summary>
    public static Dictionary<string, string> Arrears(string name, string code, string noticeNo, string date = "2026-09-01") => new()
    {
        ["subjectName"] = name, ["subjectCode"] = code, ["utility"] = "供热费", ["noticeNo"] = noticeNo, ["arrearsWan"] = "1.2",
        ["noticeDate"] = date, ["supplier"] = "哈尔滨示例供热有限公司", ["supplierUscc"] = Uscc("MA1HEAT01"),
    };

    /// <summary>An honour (positive, unconditionally open).</summary>
    public static Dictionary<string, string> Honour(string name, string uscc, string documentNo, string honourName = "守合同重信用企业") => new()
    {
        ["subjectName"] = name, ["uscc"] = uscc, ["honourName"] = honourName, ["honourLevel"] = "省级", ["documentNo"] = documentNo,
        ["grantedOn"] = "2026-01-20", ["authority"] = "黑龙江省示例市场监督管理局",
    };

    /// <summary>The id of a subject's record by its decision number, from the store.</summary>
    public static long RecordId(TestPlatform p, string code, string docNo)
    {
        var s = p.Services.GetRequiredService<SubjectStore>().Find(code)!;
        return p.Services.GetRequiredService<Xinyong.Storage.Publication.RecordReader>().OfSubject(s.Id)
            .Single(r => r.DocKey.Contains(Xinyong.Collection.FieldValues.KeyForm(docNo), StringComparison.Ordinal)).Id;
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Browser(TestPlatform p) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = p.Url };

    /// <summary>Signs a subject in through the sign-in form (password set by staff first); returns its client.</summary>
    public static async Task<HttpClient> SignInSubject(TestPlatform p, string code, string password = "correct-horse-1")
    {
        Assert.NotNull(p.Services.GetRequiredService<SubjectAccounts>().SetPassword(code, password, "staff-test"));
        var c = Browser(p);
        var r = await PostForm(c, "/signin", "/signin?handler=Subject", new() { ["code"] = code, ["secret"] = password });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/self", r.Headers.Location?.OriginalString);
        return c;
    }

    /// <summary>Loads a page, then posts a form to <paramref name="action"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient c, string page, string action, Dictionary<string, string> fields)
    {
        var html = await c.GetStringAsync(page);
        fields["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value;
        return await c.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>A page parsed, with its status.</summary>
    public static async Task<(HttpStatusCode Status, IDocument Doc)> Page(HttpClient c, string path)
    {
        var r = await c.GetAsync(path);
        return (r.StatusCode, new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync()));
    }

    /// <summary>The records of a JSON subject view.</summary>
    public static List<JsonElement> Records(JsonElement subjectView) => subjectView.GetProperty("records").EnumerateArray().ToList();

    /// <summary>The decision numbers of a JSON subject view's records.</summary>
    public static List<string> Numbers(JsonElement subjectView) =>
        Records(subjectView).Select(r => r.GetProperty("decisionNumber").GetString()!).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
