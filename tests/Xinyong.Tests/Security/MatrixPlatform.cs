using Xinyong.Measures;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using Xinyong.Web.Api;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Security;

/// <summary>One endpoint and method (a page handler counts as its own row): its key as the matrix table writes it, and its declared rule.</summary>
public sealed record MatrixEndpoint(string Key, string Method, string Pattern, string? Handler, string? Rule, bool IsPage);

/// <summary>
/// A platform set up for the authorization matrix: one subject with records of provider HRB-SJ (own) while HRB-XX
/// (other) sends the same item; an objection with an assistance request and a clock pause, a repair application, a
/// list entry, an authorization to an institution; and a client for every role of <see cref="AuthorizationMatrix.Roles"/>.
/// </summary>
internal sealed partial class MatrixPlatform : IAsyncDisposable
{
    public const string OwnProvider = Kit.Provider;      // HRB-SJ
    public const string OtherProvider = "HRB-XX";
    public const string Department = "HRB-CG";
    public const string Institution = "HRB-JR";
    public static readonly string Co = Uscc("MA1AXM001");

    public required TestPlatform P { get; init; }
    public required Dictionary<string, HttpClient> Clients { get; init; }
    public required Dictionary<string, string> Ids { get; init; }

    public static async Task<MatrixPlatform> Start(string store, bool sample = false)
    {
        var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00", sample: sample);
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var own = Kit.ProviderClient(p);
        var other = p.As(p.Account(AccountKinds.Provider, OtherProvider, "哈尔滨市示例另一监督管理局", "admin-penalty"));
        var readRecord = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕8801号", "2026-08-03", "哈尔滨矩阵测试有限公司");
        var changeRecord = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕8802号", "2026-08-04", "哈尔滨矩阵测试有限公司");
        var objectionRecord = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕8803号", "2026-08-05", "哈尔滨矩阵测试有限公司");
        var repairRecord = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕8804号", "2026-05-20", "哈尔滨矩阵测试有限公司");
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;

        string Staff(string code, string role, string? unit) =>
            accounts.AddOrUpdate(new NewAccount(code, AccountKinds.Staff, $"工作人员{code}", Role: role, Unit: unit));
        var tokens = new Dictionary<string, string>
        {
            ["prov-own"] = p.Account(AccountKinds.Provider, OwnProvider, "哈尔滨市示例市场监督管理局", "admin-penalty"),
            ["prov-other"] = p.Account(AccountKinds.Provider, OtherProvider, "哈尔滨市示例另一监督管理局", "admin-penalty"),
            ["dept"] = p.Account(AccountKinds.Department, Department, "哈尔滨市政府采购中心"),
            ["inst"] = p.Account(AccountKinds.Institution, Institution, "哈尔滨示例银行"),
            ["agency"] = Staff("AG-01", StaffRoles.Agency, null),
            ["unit-own"] = Staff("SJ-01", StaffRoles.Unit, OwnProvider),
            ["unit-other"] = Staff("XX-01", StaffRoles.Unit, OtherProvider),
            ["auditor"] = Staff("AU-01", StaffRoles.Auditor, null),
            ["authority"] = Staff("AT-01", StaffRoles.Authority, null),
            ["window"] = Staff("WD-01", StaffRoles.Window, null),
        };
        var clients = new Dictionary<string, HttpClient> { ["anon"] = NewClient(p), ["subject"] = await Kit.Subject(p, Co) };
        foreach (var (role, token) in tokens)
        {
            var c = NewClient(p);
            c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            clients[role] = c;
        }

        // An objection (subject, online) with an assistance request to the department and a running clock pause.
        var (s1, o, _) = await TestPlatform.PostJson(clients["subject"], "/api/v1/objections",
            new { recordId = objectionRecord, reason = "处罚决定书文号有误", applicant = new { name = "某公司", contact = "0451-1" } });
        if (s1 != 201) throw new InvalidOperationException($"objection: {s1} {o}");
        var objection = o.GetProperty("id").GetInt64();
        var (s2, a, _) = await TestPlatform.PostJson(clients["unit-own"], $"/api/v1/objections/{objection}/assistance", new { unit = Department, question = "请核实" });
        if (s2 != 200) throw new InvalidOperationException($"assistance: {s2} {a}");
        var (s3, paused, _) = await TestPlatform.PostJson(clients["unit-own"], $"/api/v1/objections/{objection}/pauses", new { kind = "expert-review", from = "2026-09-30" });
        if (s3 != 200) throw new InvalidOperationException($"pause: {s3} {paused}");
        // A repair application (subject, online).
        var (s4, r, _) = await TestPlatform.PostJson(clients["subject"], "/api/v1/repairs", new
        {
            recordId = repairRecord, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "某公司", contact = "0451-5" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }).ToArray(),
        });
        if (s4 != 201) throw new InvalidOperationException($"repair: {s4} {r}");
        var entry = p.Services.GetRequiredService<ListStore>().Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = OwnProvider, DecisionNo = "哈市监失信〔2026〕88号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = repairRecord, StartsOn = new DateOnly(2026, 6, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = OwnProvider,
        });
        p.Services.GetRequiredService<Authorizations>().Grant(subjectId, Institution, "贷款审批", ["admin-penalty"], new DateOnly(2027, 3, 31), $"subject:{Co}");

        var ids = new Dictionary<string, string>
        {
            ["record"] = readRecord.ToString(CultureInfo.InvariantCulture),
            ["change-record"] = changeRecord.ToString(CultureInfo.InvariantCulture),
            ["objection"] = objection.ToString(CultureInfo.InvariantCulture),
            ["assistance"] = a.GetProperty("assistance")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
            ["pause"] = paused.GetProperty("pauses")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
            ["repair"] = r.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
            ["entry"] = entry.ToString(CultureInfo.InvariantCulture),
            ["code"] = Co,
        };
        return new MatrixPlatform { P = p, Clients = clients, Ids = ids };
    }

    private static HttpClient NewClient(TestPlatform p) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = p.Url };

    /// <summary>Every API route and every page handler of the running app, GET and POST, with its declared rule.</summary>
    public IReadOnlyList<MatrixEndpoint> Endpoints()
    {
        var list = new List<MatrixEndpoint>();
        var sources = ((IEndpointRouteBuilder)P.App).DataSources;
        foreach (var ep in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var rule = ep.Metadata.GetMetadata<AccessRuleAttribute>()?.Rule;
            var page = ep.Metadata.OfType<CompiledPageActionDescriptor>().FirstOrDefault();
            if (page is not null)
            {
                var pattern = "/" + ep.RoutePattern.RawText!.Trim('/');
                if (pattern.EndsWith("/Index", StringComparison.Ordinal) || pattern == "/Index") continue;   // the same page as its folder's route
                foreach (var h in page.HandlerMethods)
                {
                    var method = h.HttpMethod.ToUpperInvariant();
                    list.Add(new MatrixEndpoint($"{method} {pattern}{(h.Name is null ? "" : "?handler=" + h.Name)}", method, pattern, h.Name, rule, true));
                }
                if (page.HandlerMethods.Count == 0) list.Add(new MatrixEndpoint($"GET {pattern}", "GET", pattern, null, rule, true));
                continue;
            }
            var methods = ep.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var m in methods)
                list.Add(new MatrixEndpoint($"{m} /{ep.RoutePattern.RawText!.TrimStart('/')}", m, "/" + ep.RoutePattern.RawText!.TrimStart('/'), null, rule, false));
        }
        return list.DistinctBy(e => e.Key).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Calls an endpoint as a role: '+' the door opened (any answer but 401/403 or a redirect to sign in), '-' refused, 'E' a server error.</summary>
    public async Task<char> Outcome(MatrixEndpoint e, string role)
    {
        var client = Clients[role];
        var path = Fill(e.Pattern, e.Handler);
        HttpResponseMessage r;
        if (e.Method == "GET")
            r = await client.GetAsync(path + (e.Handler is null ? "" : "?handler=" + e.Handler));
        else if (e.IsPage)
        {
            var signin = await client.GetStringAsync("/signin");
            var fields = new Dictionary<string, string>(AuthorizationMatrix.FormOf(e.Key, Ids)) { ["__RequestVerificationToken"] = Antiforgery().Match(signin).Groups[1].Value };
            r = await client.PostAsync(path + (e.Handler is null ? "" : "?handler=" + e.Handler), new FormUrlEncodedContent(fields));
        }
        else
            r = await client.PostAsync(path, new StringContent(AuthorizationMatrix.BodyOf(e.Key, Ids), Encoding.UTF8, "application/json"));
        // A redirect elsewhere than to sign in (a subject page sending staff to the staff page) is followed.
        for (var hops = 0; hops < 3 && (int)r.StatusCode is 301 or 302 or 303 && r.Headers.Location is { } next
             && !next.ToString().Contains("/signin", StringComparison.OrdinalIgnoreCase); hops++)
            r = await client.GetAsync(next);
        var status = (int)r.StatusCode;
        if (status >= 500) return 'E';
        if (status is 401 or 403) return '-';
        if (status is 301 or 302 or 303 && r.Headers.Location?.ToString().Contains("/signin", StringComparison.OrdinalIgnoreCase) == true) return '-';
        return '+';
    }

    /// <summary>The route with its parameters filled from the fixture.</summary>
    public string Fill(string pattern, string? handler = null)
    {
        var idKind = pattern switch
        {
            _ when pattern.StartsWith("/staff/cases/", StringComparison.Ordinal) && handler == "Accept" => "repair",   // the repair's step on the generic page
            _ when pattern.Contains("/objections", StringComparison.Ordinal) => "objection",
            _ when pattern.StartsWith("/staff/cases/", StringComparison.Ordinal) || pattern.StartsWith("/self/cases/", StringComparison.Ordinal) => "objection",
            _ when pattern.Contains("/repairs", StringComparison.Ordinal) => "repair",
            _ when pattern.Contains("/lists", StringComparison.Ordinal) => "entry",
            _ when pattern.Contains("/records/{id:long}/corrections", StringComparison.Ordinal) || pattern.Contains("/revocation", StringComparison.Ordinal) => "change-record",
            _ => "record",
        };
        return Parameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            "id" => Ids[idKind],
            "code" => Ids["code"],
            "assistanceId" => Ids["assistance"],
            "pauseId" => Ids["pause"],
            "attachmentId" => "1",
            "list" => "dishonesty",
            "reportNo" => "",
            "checkId" => "x",
            "target" => "x",
            "documentName" => "v1",
            "path" => "site.css",
            "section" => "news",
            "format" => "csv",
            var other => throw new InvalidOperationException($"no value for route parameter {other} in {pattern}"),
        }).Replace("//", "/").TrimEnd('/') is { Length: > 0 } s ? s : "/";
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    public async ValueTask DisposeAsync()
    {
        foreach (var c in Clients.Values) c.Dispose();
        await P.DisposeAsync();
    }
}
