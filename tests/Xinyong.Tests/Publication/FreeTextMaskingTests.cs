using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Catalog;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Reports;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>
/// Personal information written into free text (违法事实, 备注, 暂扣或吊销证照名称及编号, a decision number …) never reaches
/// the public whole (Art. 20, 23): rows carrying identity numbers, phone numbers and names in every free-text field of
/// the 双公示 items are loaded for a natural person and a company, then every anonymous output is crawled.
/// </summary>
public class FreeTextMaskingTests
{
    private const string PersonName = "王晓明";
    private const string Company = "哈尔滨遮蔽示例有限公司";
    private const string LegalRep = "赵建国";
    private static readonly string PersonId = ResidentId("19850307", 201);
    private static readonly string OtherId = ResidentId("19900101", 123);
    private const string OldId = "230102850307201";
    private const string Mobile = "13912345678";
    private const string Landline = "86661234";
    private static readonly string RepId = ResidentId("19700202", 311);
    private const string RepMobile = "13698765432";
    private const string RepLandline = "87654321";
    private static readonly string CompanyCode = Uscc("MA1PYYTX1");

    /// <summary>What a natural person's free text carries: its own name and numbers, and another person's identity number.</summary>
    private static string PersonText(string what) =>
        $"{what}：{PersonName}（身份证{PersonId}，另一当事人{OtherId}，旧证{OldId}），手机{Mobile}，电话0451-{Landline}";

    /// <summary>What a company's free text carries: its legal representative's numbers.</summary>
    private static string CompanyText(string what) =>
        $"{what}：法定代表人{LegalRep}（公民身份号码{RepId}，联系电话{RepMobile}），座机(0451){RepLandline}";

    /// <summary>The strings no anonymous output may show whole.</summary>
    private static readonly string[] Secrets = [PersonName, PersonId, OtherId, OldId, Mobile, Landline, RepId, RepMobile, RepLandline];

    private static readonly string[] PenaltyText = ["decisionNo", "violationType", "facts", "basis", "penaltyType", "content", "licenceAffected", "remark"];
    private static readonly string[] LicenceText = ["decisionTitle", "decisionNo", "certificateName", "licenceNo", "content", "remark"];

    private static Dictionary<string, string> Penalty(bool person, string no)
    {
        var row = new Dictionary<string, string>
        {
            ["subjectName"] = person ? PersonName : Company, ["subjectCategory"] = person ? "自然人" : "法人及非法人组织",
            ["uscc"] = person ? "" : CompanyCode, ["legalRepresentative"] = person ? "" : LegalRep,
            ["idType"] = person ? "身份证" : "", ["idNumber"] = person ? PersonId : "",
            ["fineWan"] = "2", ["confiscatedWan"] = "0", ["decisionDate"] = "2026-10-12", ["authority"] = "哈尔滨市示例市场监督管理局",
            ["authorityUscc"] = Authority, ["sourceUnit"] = "哈尔滨市示例市场监督管理局", ["sourceUnitUscc"] = Authority, ["procedure"] = "普通程序",
        };
        foreach (var f in PenaltyText) row[f] = person ? PersonText(f) : CompanyText(f);
        row["decisionNo"] = $"哈市监罚〔2026〕{no}号 " + row["decisionNo"];
        return row;
    }

    private static Dictionary<string, string> Licence(bool person, string no)
    {
        var row = new Dictionary<string, string>
        {
            ["subjectName"] = person ? PersonName : Company, ["subjectCategory"] = person ? "自然人" : "法人及非法人组织",
            ["uscc"] = person ? "" : CompanyCode, ["legalRepresentative"] = person ? "" : LegalRep,
            ["idType"] = person ? "身份证" : "", ["idNumber"] = person ? PersonId : "",
            ["licenceCategory"] = "普通", ["decisionDate"] = "2026-09-01", ["validFrom"] = "2026-09-01", ["validTo"] = "2031-08-31",
            ["authority"] = "哈尔滨市示例市场监督管理局", ["authorityUscc"] = Authority, ["status"] = "有效",
            ["sourceUnit"] = "哈尔滨市示例市场监督管理局", ["sourceUnitUscc"] = Authority,
        };
        foreach (var f in LicenceText) row[f] = person ? PersonText(f) : CompanyText(f);
        row["decisionNo"] = $"哈市监许〔2026〕{no}号 " + row["decisionNo"];
        return row;
    }

    /// <summary>Loads the four records; returns the provider's token.</summary>
    private static async Task<string> Load(TestPlatform p)
    {
        var token = p.Account(AccountKinds.Provider, Provider, "测试提供单位", "admin-penalty", "admin-licence");
        foreach (var (item, rows) in new[]
                 {
                     ("admin-penalty", new[] { Penalty(true, "7001"), Penalty(false, "7002") }),
                     ("admin-licence", new[] { Licence(true, "7003"), Licence(false, "7004") }),
                 })
        {
            var (status, body, _) = await TestPlatform.PostJson(p.As(token), "/api/v1/records", new { batchId = Guid.NewGuid().ToString("N"), item, records = rows });
            Assert.True(status == 200, body.ToString());
            Assert.True(body.GetProperty("rejected").GetArrayLength() == 0, body.ToString());
            Assert.Equal(2, body.GetProperty("accepted").GetInt32());
            // Screening at collection: the provider is told which free-text fields of which rows carried personal information.
            var warned = body.GetProperty("warnings").EnumerateArray()
                .Where(w => w.GetProperty("code").GetString() == "personal-info-in-text").Select(w => w.GetProperty("field").GetString()!).ToHashSet();
            Assert.Equal((item == "admin-penalty" ? PenaltyText : LicenceText).ToHashSet(), warned);
        }
        return token;
    }

    private static (string PersonRef, List<long> PersonRecords, List<long> CompanyRecords) Ids(TestPlatform p)
    {
        var subjects = p.Services.GetRequiredService<SubjectStore>();
        var reader = p.Services.GetRequiredService<RecordReader>();
        var person = subjects.Find(PersonId)!;
        var company = subjects.Find(CompanyCode)!;
        return (person.Ref, reader.OfSubject(person.Id).Select(r => r.Id).ToList(), reader.OfSubject(company.Id).Select(r => r.Id).ToList());
    }

    /// <summary>Every string of a JSON document, property names included (JSON may escape CJK, so the raw text is not enough).</summary>
    private static string JsonText(string json)
    {
        var parts = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) { parts.Add(p.Name); Walk(p.Value); } break;
                case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Walk(x); break;
                case JsonValueKind.String: parts.Add(e.GetString()!); break;
                default: parts.Add(e.GetRawText()); break;
            }
        }
        foreach (var line in json.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Walk(JsonDocument.Parse(line).RootElement);
        return string.Join("\n", parts);
    }

    private static async Task<string> Get(HttpClient c, string path)
    {
        var r = await c.GetAsync(path);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {(int)r.StatusCode} {body}");
        return r.Content.Headers.ContentType?.MediaType is { } m && m.Contains("json", StringComparison.Ordinal) ? JsonText(body) : WebUtility.HtmlDecode(body);
    }

    private static async Task<string> Pdf(HttpClient c, string path)
    {
        var r = await c.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = Poppler.Text(await r.Content.ReadAsByteArrayAsync());
        // Also without the layout's spaces and line breaks, so that a number wrapped over two lines is still found.
        return text + "\n" + Regex.Replace(text, @"\s+", "");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task No_anonymous_output_shows_personal_information_written_into_free_text(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Load(p);
        var (personRef, personRecords, companyRecords) = Ids(p);
        Assert.Equal(2, personRecords.Count);
        Assert.Equal(2, companyRecords.Count);

        var outputs = new Dictionary<string, string>
        {
            ["/search?q=遮蔽示例"] = await Get(p.Http, "/search?q=" + Uri.EscapeDataString("遮蔽示例")),
            ["/search?q=P…"] = await Get(p.Http, "/search?q=" + personRef),
            ["/api/v1/search?q=遮蔽示例"] = await Get(p.Http, "/api/v1/search?q=" + Uri.EscapeDataString("遮蔽示例")),
            ["/api/v1/search?q=P…"] = await Get(p.Http, "/api/v1/search?q=" + personRef),
            ["/shuanggongshi?type=penalty"] = await Get(p.Http, "/shuanggongshi?type=penalty"),
            ["/shuanggongshi?type=licence"] = await Get(p.Http, "/shuanggongshi?type=licence"),
            ["/api/v1/open/records.jsonl"] = await Get(p.Http, "/api/v1/open/records.jsonl"),
        };
        foreach (var (code, records) in new[] { (personRef, personRecords), (CompanyCode, companyRecords) })
        {
            outputs[$"/subjects/{code}"] = await Get(p.Http, $"/subjects/{code}");
            outputs[$"/api/v1/subjects/{code}"] = await Get(p.Http, $"/api/v1/subjects/{code}");
            foreach (var id in records) outputs[$"/subjects/{code}/records/{id}"] = await Get(p.Http, $"/subjects/{code}/records/{id}");
            outputs[$"/api/v1/subjects/{code}/report.pdf"] = await Pdf(p.Http, $"/api/v1/subjects/{code}/report.pdf");
        }

        var leaks = (from o in outputs from secret in Secrets where o.Value.Contains(secret, StringComparison.Ordinal) select $"{o.Key} shows “{secret}” whole").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // The text is there, masked, not dropped: the record pages, the API, the feed and the reports carry the masked forms.
        foreach (var path in outputs.Keys.Where(k => k.Contains("/records/", StringComparison.Ordinal) || k.StartsWith("/api/v1/subjects/", StringComparison.Ordinal) || k.Contains("jsonl", StringComparison.Ordinal)))
        {
            var text = outputs[path];
            Assert.True(text.Contains("230102********", StringComparison.Ordinal), $"{path}: no masked identity number");
            Assert.True(text.Contains("****5678", StringComparison.Ordinal) || text.Contains("****5432", StringComparison.Ordinal), $"{path}: no masked mobile number");
        }
        Assert.Contains("facts：王**（身份证230102********", outputs[$"/subjects/{personRef}/records/{personRecords[0]}"] + outputs[$"/subjects/{personRef}/records/{personRecords[1]}"]);
        Assert.Contains($"法定代表人{LegalRep}（公民身份号码230102********", outputs[$"/api/v1/subjects/{CompanyCode}"]);
        Assert.Contains("哈市监罚〔2026〕7001号", outputs["/shuanggongshi?type=penalty"]);
        Assert.Contains("哈市监许〔2026〕7004号", outputs["/shuanggongshi?type=licence"]);
        Assert.Contains("哈市监罚〔2026〕7002号", outputs[$"/api/v1/subjects/{CompanyCode}/report.pdf"]);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_person_its_provider_and_staff_still_see_the_free_text_whole(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var providerToken = await Load(p);
        var (_, personRecords, companyRecords) = Ids(p);
        string[] personal = [PersonName, PersonId, OtherId, OldId, Mobile, Landline];

        // The person itself: its own pages and its own (full) report.
        var self = await SignInSubject(p, PersonId);
        var own = await Get(self, "/self") + string.Concat(await Task.WhenAll(personRecords.Select(id => Get(self, $"/self/records/{id}"))));
        var ownReport = await Pdf(self, "/self/report.pdf");
        foreach (var secret in personal)
        {
            Assert.True(own.Contains(secret, StringComparison.Ordinal), $"/self: “{secret}” missing");
            Assert.True(ownReport.Contains(secret, StringComparison.Ordinal), $"/self/report.pdf: “{secret}” missing");
        }
        Assert.Contains(PersonText("facts"), own);

        // The provider that sent the records and the platform's staff read them as sent.
        var staffToken = p.Account(AccountKinds.Staff, "STAFF-PII", "省信用中心工作人员");
        foreach (var token in new[] { providerToken, staffToken })
        {
            var client = p.As(token);
            foreach (var id in personRecords.Concat(companyRecords))
            {
                var (status, body) = await p.GetJson($"/api/v1/records/{id}", client);
                Assert.Equal(200, status);
                var fields = body.GetProperty("fields");
                var person = fields.GetProperty("subjectCategory").GetString() == "自然人";
                var item = body.GetProperty("item").GetString();
                foreach (var f in item == "admin-penalty" ? PenaltyText : LicenceText)
                    Assert.EndsWith(person ? PersonText(f) : CompanyText(f), fields.GetProperty(f).GetString());
            }
        }
    }
}
