using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xinyong.Tests.Security;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Portal;

/// <summary>
/// The API's problem bodies are Chinese (issue 12): every <c>title</c>, <c>detail</c> and field error <c>message</c> of an
/// <c>application/problem+json</c> answer holds Chinese text and no English sentence (no "中文 / English" pairs); the
/// stable <c>code</c> of a refusal is the English one programs read. The API of the authorization matrix's platform is
/// called as several kinds of caller — every route as the matrix fills it and with an empty body, and with inputs each
/// endpoint refuses (codes that are no identifier, unknown numbers, missing fields) — and every problem body is read.
/// </summary>
public sealed partial class ApiProblemLanguageTests
{
    private static readonly string[] Callers = ["anon", "subject", "prov-own", "dept", "agency", "unit-other"];

    /// <summary>Requests each endpoint refuses for what they carry (not for who sends them).</summary>
    private static readonly (string Role, string Method, string Path, string? Body)[] Refused =
    [
        ("anon", "GET", "/api/v1/subjects/not-a-code", null),
        ("anon", "GET", "/api/v1/subjects/91230100MA1ZZZZZ9X", null),
        ("anon", "GET", "/api/v1/subjects/not-a-code/report.pdf", null),
        ("anon", "GET", "/api/v1/reports/NOTANUMBER", null),
        ("anon", "GET", "/api/v1/reports/XY202609300000000000", null),
        ("anon", "GET", "/api/v1/search", null),
        ("anon", "GET", "/api/v1/search?q=a", null),
        ("anon", "GET", "/api/v1/search?q=%E5%85%AC%E5%8F%B8&page=0", null),
        ("anon", "GET", "/api/v1/lists/nolist", null),
        ("anon", "GET", "/api/v1/lists/dishonesty?q=123456789012345678X", null),
        ("anon", "GET", "/api/v1/lists/entries/999999", null),
        ("anon", "GET", "/api/v1/measures?on=1990-01-01", null),
        ("anon", "GET", "/api/v1/open/records.jsonl?cursor=%21%21", null),
        ("anon", "GET", "/api/v1/open/records.jsonl?since=yesterday", null),
        ("anon", "GET", "/api/v1/open/records.jsonl?limit=0", null),
        ("anon", "GET", "/api/v1/inspections/plans/NO-SUCH-PLAN", null),
        ("dept", "GET", "/api/v1/subjects/not-a-code/grade", null),
        ("dept", "GET", "/api/v1/subjects/91230100MA1ZZZZZ9X/grade", null),
        ("dept", "GET", "/api/v1/shared/subjects/not-a-code?purpose=%E6%A0%B8%E6%9F%A5", null),
        ("dept", "GET", "/api/v1/shared/subjects/not-a-code", null),
        ("dept", "POST", "/api/v1/inspections/plans", "{}"),
        ("dept", "POST", "/api/v1/inspections/plans/NO-SUCH-PLAN/draw", "{\"publicValue\":\"1\",\"source\":\"x\"}"),
        ("dept", "POST", "/api/v1/inspections/plans/NO-SUCH-PLAN/results", "{\"target\":\"x\"}"),
        ("prov-own", "POST", "/api/v1/records", "{}"),
        ("prov-own", "POST", "/api/v1/records", "{\"batchId\":\"b1\",\"item\":\"no-such-item\",\"records\":[]}"),
        ("prov-own", "POST", "/api/v1/records", "{\"batchId\":\"b1\",\"item\":\"admin-licence\",\"records\":[]}"),
        ("prov-own", "GET", "/api/v1/records/999999", null),
        ("prov-other", "GET", "/api/v1/records/{record}", null),
        ("agency", "GET", "/api/v1/access-log?subject=not-a-code", null),
        ("agency", "GET", "/api/v1/objections/999999", null),
        ("agency", "POST", "/api/v1/objections", "{}"),
        ("inst", "GET", "/api/v1/authorized/subjects/{code}?authorization=999999", null),
    ];

    [Fact]
    public async Task Every_problem_body_of_the_api_is_chinese()
    {
        await using var m = await MatrixPlatform.Start("sqlite");
        var findings = new List<string>();
        var bodies = 0;
        async Task Read(string role, string what, HttpResponseMessage r)
        {
            if (r.Content.Headers.ContentType?.MediaType != "application/problem+json") return;
            bodies++;
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            var root = doc.RootElement;
            foreach (var name in new[] { "title", "detail" })
                if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && Problem(v.GetString()!) is { } why)
                    findings.Add($"{role,-10} {what} ({(int)r.StatusCode}) {name}: {why}: «{v.GetString()}»");
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                foreach (var e in errors.EnumerateArray())
                    if (e.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String && Problem(msg.GetString()!) is { } why)
                        findings.Add($"{role,-10} {what} ({(int)r.StatusCode}) errors.message: {why}: «{msg.GetString()}»");
        }

        var api = m.Endpoints().Where(e => !e.IsPage && e.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        foreach (var role in Callers)
        foreach (var e in api)
        foreach (var filled in new[] { true, false })
        {
            if (e.Method == "GET" && !filled) continue;
            var path = m.Fill(e.Pattern, e.Handler);
            var r = e.Method == "GET"
                ? await m.Clients[role].GetAsync(path)
                : await m.Clients[role].PostAsync(path, new StringContent(filled ? AuthorizationMatrix.BodyOf(e.Key, m.Ids) : "{}", Encoding.UTF8, "application/json"));
            await Read(role, $"{e.Method} {path}{(filled ? "" : " (empty)")}", r);
        }
        foreach (var (role, method, template, body) in Refused)
        {
            var path = template.Replace("{record}", m.Ids["record"]).Replace("{code}", m.Ids["code"]);
            var r = method == "GET"
                ? await m.Clients[role].GetAsync(path)
                : await m.Clients[role].PostAsync(path, new StringContent(body ?? "{}", Encoding.UTF8, "application/json"));
            Assert.True((int)r.StatusCode >= 400, $"{method} {path} as {role} was not refused: {(int)r.StatusCode}");
            await Read(role, $"{method} {path}", r);
        }

        Assert.True(findings.Count == 0, $"{findings.Count} problem texts are not Chinese:\n" + string.Join("\n", findings.Distinct()));
        Assert.True(bodies > 300, $"only {bodies} problem bodies read");
    }

    /// <summary>
    /// ASP.NET Core's own problems under /api (a route that matches nothing, a body that is not a form, a method the route
    /// does not take) carry the Chinese title and detail of their status (<c>FrameworkProblems</c>), keep their status, and
    /// the portal still answers its own Chinese page.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_frameworks_own_problems_are_chinese(string store)
    {
        await using var p = await TestPlatform.Start(store);
        async Task<JsonElement> Problem(HttpResponseMessage r, int status)
        {
            Assert.Equal(status, (int)r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
            Assert.Equal(status, body.GetProperty("status").GetInt32());
            Assert.Null(ApiProblemLanguageTests.Problem(body.GetProperty("title").GetString()!));
            Assert.Null(ApiProblemLanguageTests.Problem(body.GetProperty("detail").GetString()!));
            return body;
        }

        var empty = await Problem(await p.Http.GetAsync("/api/v1/reports/"), 404);   // the route's number is empty
        Assert.Equal(Xinyong.Web.Api.RefusalHandler.TitleOf(RefusalKind.NotFound), empty.GetProperty("title").GetString());
        Assert.Equal("请求的地址不存在或不完整，请按接口说明检查地址", empty.GetProperty("detail").GetString());
        await Problem(await p.Http.GetAsync("/api/v1/no-such-thing"), 404);

        var notForm = await Problem(await p.Http.PostAsync("/api/v1/reports/verify", new StringContent("{}", Encoding.UTF8, "application/json")), 415);
        Assert.Equal("不支持该内容类型", notForm.GetProperty("title").GetString());
        Assert.Contains("multipart/form-data", notForm.GetProperty("detail").GetString());

        var method = await Problem(await p.Http.DeleteAsync("/api/v1/search?q=x"), 405);
        Assert.Equal("不支持该请求方法", method.GetProperty("title").GetString());

        // A problem the platform writes itself keeps its own Chinese detail.
        var refused = await Problem(await p.Http.GetAsync("/api/v1/subjects/not-a-code"), 400);
        Assert.NotEqual(Xinyong.Web.Api.FrameworkProblems.Describe(400).Detail, refused.GetProperty("detail").GetString());

        var page = await p.Http.GetAsync("/no-such-page");
        Assert.Equal(404, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync());
    }

    /// <summary>Why a problem text is not Chinese, or null: it must hold Chinese, and no English (three Latin words in a row,
    /// or a " / " pair).</summary>
    internal static string? Problem(string text) =>
        !Han().IsMatch(text) ? "no Chinese"
        : text.Contains(" / ", StringComparison.Ordinal) ? "a “中文 / English” pair"
        : EnglishRun().Match(text) is { Success: true } run ? $"English «{run.Value}»"
        : null;

    [Fact]
    public void The_check_tells_chinese_from_english()
    {
        Assert.Null(Problem("code和name为必填项（抽查计划编号和名称）"));
        Assert.Null(Problem("请求须携带有效的 Authorization: Bearer 令牌"));
        Assert.NotNull(Problem("not a report number"));
        Assert.NotNull(Problem("报告编号格式不正确 / not a report number"));
        Assert.NotNull(Problem("批次正在处理中 batch is still being processed"));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\b[A-Za-z]{2,}(\s+[A-Za-z]{2,}){2,}\b")]
    private static partial Regex EnglishRun();
}
