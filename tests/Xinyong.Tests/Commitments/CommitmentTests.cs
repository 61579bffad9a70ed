using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Commitments;
using Xinyong.Cases;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Lists;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Commitments;

/// <summary>
/// 信用承诺 (issue 14; Art. 45, 46, 50) through the API on both stores: the eligibility check, the two-month
/// verification on the verifier's worklist, 容缺 materials, a breach that writes its record, blocks the next commitment
/// and triggers C-45 until a completed repair lifts it, and publication.
/// </summary>
public class CommitmentTests
{
    private const string Unit = "HRB-SCJG";
    private static readonly string Co = Uscc("MA1CMT001");
    private static readonly string Listed = Uscc("MA1CMT002");
    private static readonly string Late = Uscc("MA1CMT003");

    private static HttpClient Department(TestPlatform p) => p.As(p.Account(AccountKinds.Department, Unit, "哈尔滨市示例市场监督管理局"));

    private static object Commitment(string subject, string decisionDate, string type = "approval-conditions", string matter = "food-business-licence") => new
    {
        subject, subjectName = "哈尔滨承诺测试有限公司", matter, type, text = "本单位承诺所提交材料真实有效，按期补齐容缺材料。", decisionDate,
    };

    private static async Task<JsonElement> Accepted(HttpClient unit, object body)
    {
        var (status, c, _) = await TestPlatform.PostJson(unit, "/api/v1/commitments", body);
        Assert.True(status == 201, c.ToString());
        return c;
    }

    private static async Task<List<JsonElement>> Worklist(TestPlatform p, HttpClient client)
    {
        var (status, list) = await p.GetJson("/api/v1/worklist", client);
        Assert.Equal(200, status);
        return list.EnumerateArray().Where(w => w.GetProperty("caseKind").GetString() == "commitment").ToList();
    }

    [Theory]
    [InlineData("2026-01-30", "2026-03-30")]
    [InlineData("2026-01-31", "2026-03-31")]
    [InlineData("2026-12-31", "2027-02-28")]
    [InlineData("2027-12-31", "2028-02-29")]
    public void The_verification_period_is_two_calendar_months_with_the_end_of_month_rule(string decided, string due)
    {
        var calculator = new DeadlineCalculator(Xinyong.Calendar.CalendarFiles.Load(Path.Combine(Paths.Rules, "calendar")), DeadlineRules.Load(Paths.Rules));
        var d = calculator.Compute("commitment-verification", DateOnly.Parse(decided, CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(due, CultureInfo.InvariantCulture), d.Due);
        Assert.False(d.Provisional);   // calendar months do not depend on a year's working-day arrangement
        Assert.Contains("第四十六条", d.Basis);
    }

    [Fact]
    public void A_deadline_rule_counts_working_days_or_calendar_months_not_both()
    {
        var yaml = File.ReadAllText(Path.Combine(Paths.Rules, "deadlines", "2026.1.yaml")).Replace("    calendarMonths: 2\n", "    calendarMonths: 2\n    workingDays: 40\n");
        Assert.Contains("not both", Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(yaml, "x.yaml")).Message);
        var zero = File.ReadAllText(Path.Combine(Paths.Rules, "deadlines", "2026.1.yaml")).Replace("    calendarMonths: 2\n", "    calendarMonths: 0\n");
        Assert.Contains("calendarMonths", Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(zero, "x.yaml")).Message);
    }

    [Fact]
    public void The_matters_file_is_validated_naming_the_entry()
    {
        var yaml = File.ReadAllText(Path.Combine(Paths.Rules, "commitments", "2026.1.yaml"));
        var set = CommitmentRules.Parse(yaml, "2026.1.yaml");
        Assert.Equal("C-45", set.Eligibility.Measure);
        Assert.Equal("commitment-materials-20", set.Matter("food-business-licence")!.Materials!.Step);
        Assert.Equal("missing-materials", set.Type("容缺受理")!.Code);
        Assert.Contains("unknown type 'approval'", Assert.Throws<CommitmentRulesException>(() =>
            CommitmentRules.Parse(yaml.Replace("types: [approval-conditions]", "types: [approval]"), "x.yaml")).Message);
        Assert.Contains("materials.items is missing", Assert.Throws<CommitmentRulesException>(() =>
            CommitmentRules.Parse(yaml.Replace("items: [食品安全管理制度文本, 从业人员健康证明]", "items: []"), "x.yaml")).Message);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_commitment_is_due_for_verification_two_months_after_the_decision_and_published(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-02-02T10:00:00+08:00");
        var unit = Department(p);

        var (ms, matters) = await p.GetJson("/api/v1/matters");
        Assert.Equal(200, ms);
        var food = matters.EnumerateArray().Single(m => m.GetProperty("code").GetString() == "food-business-licence");
        Assert.Equal(["approval-conditions", "missing-materials"], food.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        Assert.Equal("20个工作日", food.GetProperty("materials").GetProperty("periodText").GetString());

        var c = await Accepted(unit, Commitment(Co, "2026-01-30"));
        Assert.Equal("2026-03-30", c.GetProperty("verificationDue").GetString());
        Assert.Equal("accepted", c.GetProperty("state").GetString());
        Assert.StartsWith("XYCN2026", c.GetProperty("number").GetString());
        var id = c.GetProperty("id").GetInt64();

        // On the verifying unit's worklist, with the article; on nobody else's.
        var due = Assert.Single(await Worklist(p, unit));
        Assert.Equal("commitment-verification", due.GetProperty("code").GetString());
        Assert.Equal("2026-03-30", due.GetProperty("due").GetString());
        Assert.Equal(Co, due.GetProperty("subjectRef").GetString());
        Assert.Contains("第四十六条", due.GetProperty("basis").GetString());
        Assert.Equal("信用承诺", due.GetProperty("caseKindLabel").GetString());
        var other = p.As(p.Account(AccountKinds.Department, "HRB-ZJ", "哈尔滨市示例住房和城乡建设局"));
        Assert.Empty(await Worklist(p, other));
        // Another unit may not verify it.
        var (forbidden, _, _) = await TestPlatform.PostJson(other, $"/api/v1/commitments/{id}/verification", new { outcome = "fulfilled", reason = "核查" });
        Assert.Equal(403, forbidden);

        // Published (Art. 50): on the subject's page under 信用承诺, and on 信用承诺公示 by subject, matter and unit.
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        var record = subject.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("item").GetString() == "credit-commitment");
        Assert.Equal("履行中", record.GetProperty("fields").GetProperty("fulfilment").GetString());
        Assert.Contains("信用承诺", await p.Http.GetStringAsync($"/subjects/{Co}"));
        foreach (var q in new[] { $"subject={Co}", "subject=承诺测试", "matter=food-business-licence", $"unit={Unit}" })
        {
            var (_, found) = await p.GetJson($"/api/v1/commitments?{q}");
            Assert.Equal(id, Assert.Single(found.GetProperty("commitments").EnumerateArray()).GetProperty("id").GetInt64());
        }
        var (_, none) = await p.GetJson("/api/v1/commitments?matter=construction-permit");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
        var page = await p.Http.GetStringAsync($"/commitments?subject={Co}");
        Assert.Contains("信用承诺公示", page);
        Assert.Contains("食品经营许可", page);
        Assert.Contains("2026-03-30", page);

        // Verified fulfilled on time: off the worklist, the public record says so, the figures count it.
        p.Clock.Set(DateTimeOffset.Parse("2026-03-30T16:00:00+08:00", CultureInfo.InvariantCulture));
        var (vs, verified, _) = await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/verification", new { outcome = "fulfilled", reason = "现场核查，条件符合承诺" });
        Assert.Equal(200, vs);
        Assert.Equal("fulfilled", verified.GetProperty("state").GetString());
        Assert.Empty(await Worklist(p, unit));
        var (_, after) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.Equal("已履行", after.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("item").GetString() == "credit-commitment")
            .GetProperty("fields").GetProperty("fulfilment").GetString());
        var (again, _, _) = await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/verification", new { outcome = "breached", reason = "再次核查" });
        Assert.Equal(409, again);
        var (_, staff) = Kit.Staff(p, "AG-CMT");
        var (fs, figures) = await p.GetJson("/api/v1/commitments/figures?from=2026-01-01", staff);
        Assert.Equal(200, fs);
        Assert.Equal(1, figures.GetProperty("verifiedOnTime").GetInt64());
        Assert.Equal(0.0, figures.GetProperty("breachRate").GetDouble());
        Assert.Equal(403, (await p.GetJson("/api/v1/commitments/figures", unit)).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_listed_subject_is_refused_with_the_reason_and_the_refusal_is_logged_like_a_check(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执7788号", "大庆承诺示例化工有限公司", Listed));
        var unit = Department(p);

        var (status, refusal, response) = await TestPlatform.PostJson(unit, "/api/v1/commitments", Commitment(Listed, "2026-11-20"));
        Assert.Equal(422, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ineligible", refusal.GetProperty("code").GetString());
        Assert.Equal("C-45", refusal.GetProperty("measure").GetString());
        Assert.Contains("严重失信主体名单", refusal.GetProperty("reason").GetString());
        Assert.Contains("第四十五条", refusal.GetProperty("detail").GetString());
        Assert.Equal("list", refusal.GetProperty("triggeredBy")[0].GetProperty("type").GetString());

        // Nothing was accepted; the check was logged for the unit and the subject.
        var (_, listed) = await p.GetJson("/api/v1/commitments");
        Assert.Equal(0, listed.GetProperty("total").GetInt64());
        var db = p.Services.GetRequiredService<Database>();
        using var c = db.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM checks WHERE department = @Unit AND subject_ref = @Listed AND scenario = 'licensing'", new { Unit, Listed }));

        // A type the matter does not take, an unknown matter and a date to come are refused before anything else, in Chinese.
        var (bad, e, _) = await TestPlatform.PostJson(unit, "/api/v1/commitments", Commitment(Co, "2026-11-20", type: "certificate"));
        Assert.Equal(400, bad);
        Assert.Contains("不接受", e.GetProperty("detail").GetString());
        Assert.Equal(400, (await TestPlatform.PostJson(unit, "/api/v1/commitments", Commitment(Co, "2026-11-20", matter: "no-such"))).Status);
        Assert.Equal(400, (await TestPlatform.PostJson(unit, "/api/v1/commitments", Commitment(Co, "2026-12-20"))).Status);
        // Providers and anonymous callers do not accept commitments.
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-X", "某提供单位", "admin-penalty"));
        Assert.Equal(403, (await TestPlatform.PostJson(provider, "/api/v1/commitments", Commitment(Co, "2026-11-20"))).Status);
        Assert.Equal(401, (await TestPlatform.PostJson(p.Http, "/api/v1/commitments", Commitment(Co, "2026-11-20"))).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Missing_materials_that_arrive_late_show_overdue_then_late_and_open_the_verification(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-03-02T10:00:00+08:00");
        var unit = Department(p);
        var c = await Accepted(unit, new
        {
            subject = Late, subjectName = "哈尔滨容缺测试餐饮有限公司", matter = "food-business-licence", type = "容缺受理",
            text = "本单位承诺在二十个工作日内补齐食品安全管理制度文本和从业人员健康证明。",
        });
        var id = c.GetProperty("id").GetInt64();
        Assert.Equal("2026-03-30", c.GetProperty("materialsDue").GetString());   // 20 working days from 2026-03-02
        Assert.Equal(JsonValueKind.Null, c.GetProperty("verificationDue").ValueKind);   // no decision yet: 先行受理
        var step = Assert.Single(await Worklist(p, unit));
        Assert.Equal("commitment-materials-20", step.GetProperty("code").GetString());
        Assert.Equal("upcoming", step.GetProperty("state").GetString());

        // Not in by the day: the worklist says so.
        p.Clock.Set(DateTimeOffset.Parse("2026-04-02T10:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal("overdue", Assert.Single(await Worklist(p, unit)).GetProperty("state").GetString());

        // They arrive; the unit decides on the spot; the step is done late and the two months run from the decision.
        var (ms, m, _) = await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/materials", new { note = "材料已补齐" });
        Assert.Equal(200, ms);
        Assert.Equal("2026-04-02", m.GetProperty("materialsReceivedOn").GetString());
        Assert.Equal("2026-04-02", m.GetProperty("decisionDate").GetString());
        Assert.Equal("2026-06-02", m.GetProperty("verificationDue").GetString());
        var steps = p.Services.GetRequiredService<Xinyong.Storage.Cases.DeadlineStore>().OfCase("commitment", id);
        Assert.Equal(DueStates.Late, steps.Single(s => s.Code == "commitment-materials-20").Status);
        Assert.Equal("commitment-verification", Assert.Single(await Worklist(p, unit)).GetProperty("code").GetString());
        Assert.Equal(409, (await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/materials", new { })).Status);

        // Not fulfilled: ordered to rectify by a day the unit sets, which replaces the verification on the worklist.
        var (rs, r, _) = await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/verification", new { outcome = "rectify", reason = "健康证明过期", rectifyBy = "2026-04-30" });
        Assert.Equal(200, rs);
        Assert.Equal("rectifying", r.GetProperty("state").GetString());
        var rectify = Assert.Single(await Worklist(p, unit));
        Assert.Equal(("commitment-rectification", "2026-04-30"), (rectify.GetProperty("code").GetString(), rectify.GetProperty("due").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_breach_blocks_the_next_commitment_and_triggers_C45_until_a_completed_repair(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-02-02T10:00:00+08:00");
        var unit = Department(p);
        var id = (await Accepted(unit, Commitment(Co, "2026-01-30"))).GetProperty("id").GetInt64();
        Assert.Empty(await Court.Codes(unit, Co, "procurement"));

        var (bs, b, _) = await TestPlatform.PostJson(unit, $"/api/v1/commitments/{id}/verification", new { outcome = "breached", reason = "经现场核查，经营场所不符合承诺条件", finding = "虚假承诺", measure = "撤销食品经营许可" });
        Assert.Equal(200, bs);
        Assert.Equal("breached", b.GetProperty("state").GetString());
        var breachId = b.GetProperty("breachRecordId").GetInt64();

        // The breach record is written through the record path, public and negative, with its basis in its history.
        var breach = p.Services.GetRequiredService<RecordReader>().Get(breachId)!;
        Assert.Equal("commitment-breach", breach.Item);
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        var pub = subject.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == breachId);
        Assert.Equal("虚假承诺", pub.GetProperty("fields").GetProperty("finding").GetString());
        Assert.Equal("虚假承诺", subject.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("item").GetString() == "credit-commitment")
            .GetProperty("fields").GetProperty("fulfilment").GetString());
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Kit.Subject(p, Co));
        Assert.Contains("虚假承诺", inbox.EnumerateArray().First().GetProperty("title").GetString());

        // The next commitment of the same subject is ineligible, and a procurement check returns C-45.
        var (s2, refusal, _) = await TestPlatform.PostJson(unit, "/api/v1/commitments", Commitment(Co, "2026-02-02"));
        Assert.Equal(422, s2);
        Assert.Equal("ineligible", refusal.GetProperty("code").GetString());
        Assert.Contains("虚假承诺", refusal.GetProperty("reason").GetString());
        Assert.Equal(("record", breachId.ToString(CultureInfo.InvariantCulture)), (refusal.GetProperty("triggeredBy")[0].GetProperty("type").GetString(), refusal.GetProperty("triggeredBy")[0].GetProperty("id").GetString()));
        Assert.Contains("C-45", await Court.Codes(unit, Co, "procurement"));
        Assert.Contains("C-45", await Court.Codes(unit, Co, "licensing"));

        // A completed repair (after the three months the catalog requires) lifts it.
        p.Clock.Set(DateTimeOffset.Parse("2026-05-06T10:00:00+08:00", CultureInfo.InvariantCulture));
        var me = await Kit.Subject(p, Co);
        var evidence = new[] { "整改完成情况说明", "信用修复承诺书" }.Select(k => new
        {
            kind = k, description = k, file = new { fileName = "scan.pdf", contentType = "application/pdf", content = Convert.ToBase64String("%PDF-1.4 scan"u8.ToArray()) },
        }).ToArray();
        var (ra, repair, _) = await TestPlatform.PostJson(me, "/api/v1/repairs", new
        {
            recordId = breachId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已整改并重新作出承诺", applicant = new { name = "哈尔滨承诺测试有限公司", contact = "0451-1" }, evidence,
        });
        Assert.True(ra == 201, repair.ToString());
        var repairId = repair.GetProperty("id").GetInt64();
        var (_, staff) = Kit.Staff(p, "SCJG-01", unit: Unit, role: "unit");
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{repairId}/acceptance", new { accept = true })).Status);
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{repairId}/decision", new { outcome = "completed", reasons = "已整改" })).Status);

        Assert.DoesNotContain("C-45", await Court.Codes(unit, Co, "procurement"));
        var again = await Accepted(unit, Commitment(Co, "2026-05-06"));
        Assert.Equal("2026-07-06", again.GetProperty("verificationDue").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_subject_makes_a_voluntary_commitment_itself_on_the_portal(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var unit = Department(p);
        await Accepted(unit, Commitment(Co, "2026-11-20"));   // the platform knows the subject now
        var me = await Kit.Subject(p, Co);
        var form = await me.GetStringAsync("/self/commitments");
        Assert.Contains("主动公示信用承诺", form);
        Assert.DoesNotContain("food-business-licence", form);   // only the voluntary types
        var r = await me.PostAsync("/self/commitments", Kit.Form(form, new()
        {
            ["Matter"] = "public-pledge|voluntary", ["Text"] = "本单位承诺依法诚信经营，接受社会监督。",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, r.StatusCode);
        var (_, found) = await p.GetJson($"/api/v1/commitments?subject={Co}&matter=public-pledge");
        var mine = Assert.Single(found.GetProperty("commitments").EnumerateArray());
        Assert.Equal("portal", mine.GetProperty("channel").GetString());
        Assert.Equal("主动公示", mine.GetProperty("typeName").GetString());
        Assert.Equal("agency", mine.GetProperty("verifyingUnit").GetString());
    }
}
