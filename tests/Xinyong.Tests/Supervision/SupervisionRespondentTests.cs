using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Supervision.SupervisionApiTests;

namespace Xinyong.Tests.Supervision;

/// <summary>
/// A respondent named without its USCC (《黑龙江省营商环境监督办法》第十六条): a government body keyed by its name is
/// created with the case, a serious violation writes its integrity record on that body (SM Art. 29), and staff later
/// complete it with its USCC — the body takes the code, or is merged into the subject already holding it. The staff-written
/// record carries its disclosure tier like a collected one. Both stores.
/// </summary>
public sealed class SupervisionRespondentTests
{
    private static async Task<JsonElement> Ok(Task<(int Status, JsonElement Body, HttpResponseMessage Response)> call, int status = 200)
    {
        var (s, body, _) = await call;
        Assert.True(s == status, $"expected {status}, got {s}: {body}");
        return body;
    }

    private static object NamedClue(string name, string facts) => new
    {
        channel = "complaint", categories = new[] { "art8-6" }, respondent = new { name }, facts,
        complainant = new { name = "哈尔滨某物流有限公司", contact = "13900000001" },
    };

    private static async Task<(long Id, JsonElement Closed)> SeriousClosing(TestPlatform p, HttpClient city, string name, string facts)
    {
        var filed = await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", NamedClue(name, facts)), 201);
        var id = filed.GetProperty("id").GetInt64();
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "受理" }));
        var closed = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/closing",
            new { type = "violation", result = "责令退还目录清单之外收取的保证金", serious = true, correctBy = "2026-10-20" }));
        return (id, closed);
    }

    private static IEnumerable<JsonElement> Records(JsonElement subject) => subject.GetProperty("records").EnumerateArray();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_body_named_without_its_USCC_gets_its_integrity_record_and_takes_the_code_later(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var (id, closed) = await SeriousClosing(p, city, "哈尔滨市道里区某某服务中心", "目录清单之外向企业收取保证金五万元");
        var recordId = closed.GetProperty("integrityRecordId").GetInt64();

        // The body is a government-body subject keyed by its name (G + 16 hex), and its page lists the integrity record.
        var (_, view) = await p.GetJson($"/api/v1/supervision/cases/{id}", city);
        var gref = view.GetProperty("respondentRef").GetString()!;
        Assert.Matches("^G[0-9A-F]{16}$", gref);
        var (s, body) = await p.GetJson($"/api/v1/subjects/{gref}");
        Assert.Equal(200, s);
        Assert.Equal("government-body", body.GetProperty("kind").GetString());
        Assert.Contains(Records(body), r => r.GetProperty("item").GetString() == "gov-integrity");

        // The record was written by the one staff record writer: its disclosure tier and rule are kept like collection's.
        using (var c = p.Services.GetRequiredService<Database>().Open())
        {
            var (severity, tierRule, publication, channel) = c.QuerySingle<(string?, string?, string, string)>(
                "SELECT severity, tier_rule, publication, channel FROM records WHERE id = @recordId", new { recordId });
            Assert.Equal("serious", severity);
            Assert.False(string.IsNullOrEmpty(tierRule));
            Assert.Equal(("published", "staff"), (publication, channel));
        }

        // Staff complete it with its USCC: the same subject takes the code, the record follows; a second completion is refused.
        Assert.Equal(400, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/respondent", new { code = "123" })).Status);
        var done = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/respondent", new { code = Bureau }));
        Assert.Equal(Bureau, done.GetProperty("respondentCode").GetString());
        Assert.Equal(Bureau, done.GetProperty("respondentRef").GetString());
        var (s2, byCode) = await p.GetJson($"/api/v1/subjects/{Bureau}");
        Assert.Equal(200, s2);
        Assert.Contains(Records(byCode), r => r.GetProperty("item").GetString() == "gov-integrity" && r.GetProperty("id").GetInt64() == recordId);
        Assert.Equal(404, (await p.GetJson($"/api/v1/subjects/{gref}")).Status);
        Assert.Equal(409, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/respondent", new { code = Bureau })).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_body_named_without_its_USCC_is_merged_into_the_subject_holding_the_code(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        // The bureau is known by its USCC from an earlier case; a second clue names it by another name only.
        await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201);
        var (id, closed) = await SeriousClosing(p, city, "道里区住建局", "目录清单之外向施工企业收取质量保证金");
        var recordId = closed.GetProperty("integrityRecordId").GetInt64();
        var (_, view) = await p.GetJson($"/api/v1/supervision/cases/{id}", city);
        var gref = view.GetProperty("respondentRef").GetString()!;
        Assert.StartsWith("G", gref);
        Assert.DoesNotContain(Records((await p.GetJson($"/api/v1/subjects/{Bureau}")).Body), r => r.GetProperty("item").GetString() == "gov-integrity");

        var done = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/respondent", new { code = Bureau }));
        Assert.Equal(Bureau, done.GetProperty("respondentRef").GetString());
        var bureau = (await p.GetJson($"/api/v1/subjects/{Bureau}")).Body;
        Assert.Contains(Records(bureau), r => r.GetProperty("item").GetString() == "gov-integrity" && r.GetProperty("id").GetInt64() == recordId);
        // The name-keyed body keeps nothing and the merge is kept.
        var (s, old) = await p.GetJson($"/api/v1/subjects/{gref}");
        Assert.Equal(200, s);
        Assert.Empty(Records(old));
        using var c = p.Services.GetRequiredService<Database>().Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM subject_merges"));
        // Only the case's authority may complete it.
        var other = Authority(p, "QQ-YS-1", "230200", "city");
        Assert.Equal(403, (await TestPlatform.PostJson(other, $"/api/v1/supervision/cases/{id}/respondent", new { code = Bureau })).Status);
    }
}
