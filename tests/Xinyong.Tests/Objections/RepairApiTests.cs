using Xinyong.Measures;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>Credit repair through the API on both stores: eligibility, evidence, deadlines, completion and its effects.</summary>
public class RepairApiTests
{
    private static readonly string Co = Uscc("MA1XFH001");

    private static object Evidence(params string[] except) => new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }
        .Where(k => !except.Contains(k)).Select(k => new { kind = k, description = $"{k}（见附件）", file = new { fileName = "scan.pdf", contentType = "application/pdf", content = Convert.ToBase64String("%PDF-1.4 scan"u8.ToArray()) } })
        .ToArray();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_completed_repair_stops_publication_ends_the_listing_and_tells_the_subject(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var early = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕7701号", "2026-08-03");
        var recordId = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕7702号", "2026-05-20");
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var lists = p.Services.GetRequiredService<ListStore>();
        var entry = lists.Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕7号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 6, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var subject = await Kit.Subject(p, Co);
        // A procurement check (Art. 43-44) applies the measures of the listing before the repair.
        var department = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        Assert.Equal([$"list:{entry}"], await Triggers(department));
        var body = new { recordId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "哈尔滨修复测试有限公司", contact = "0451-5" }, evidence = Evidence() };

        // Before the minimum disclosure period (3 months from 3 August): refused with the reason and the earliest date.
        var (s1, e1, r1) = await TestPlatform.PostJson(subject, "/api/v1/repairs", body with { recordId = early });
        Assert.Equal(422, s1);
        Assert.Equal("application/problem+json", r1.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too-early", e1.GetProperty("code").GetString());
        Assert.Equal("2026-11-03", e1.GetProperty("earliestDate").GetString());
        Assert.Contains("2026年11月3日", e1.GetProperty("detail").GetString());
        var (s2, e2, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", body with { evidence = Evidence("信用培训证明") });
        Assert.Equal(400, s2);
        Assert.Contains("信用培训证明", e2.GetProperty("detail").GetString());

        var (s3, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", body);
        Assert.Equal(201, s3);
        Assert.Equal("submitted", r.GetProperty("status").GetString());
        Assert.Equal(Kit.Provider, r.GetProperty("handlerUnit").GetString());
        Assert.Equal("2026-10-09", r.GetProperty("acceptanceDue").GetString());
        Assert.Equal("2026-10-15", r.GetProperty("decisionDue").GetString()); // 5 working days from the latest acceptance: 10 (Saturday, working), 12-15
        Assert.Equal(4, r.GetProperty("evidence").EnumerateArray().Count(e => e.GetProperty("file").ValueKind == System.Text.Json.JsonValueKind.Object));
        var (s4, _, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", body);
        Assert.Equal(409, s4);
        var id = r.GetProperty("id").GetInt64();
        var file = r.GetProperty("evidence")[0].GetProperty("file").GetProperty("url").GetString();
        var download = await subject.GetAsync(file);
        Assert.Equal("%PDF-1.4 scan", await download.Content.ReadAsStringAsync());

        // Accepted on 8 October: the decision is due 5 working days from acceptance (10 October is a working Saturday).
        p.Clock.Set(DateTimeOffset.Parse("2026-10-08T10:00:00+08:00", CultureInfo.InvariantCulture));
        var (_, staff) = Kit.Staff(p, "HRB-SJ-02", unit: Kit.Provider, role: "unit");
        var (s5, accepted, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/acceptance", new { accept = true });
        Assert.Equal(200, s5);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("2026-10-14", accepted.GetProperty("decisionDue").GetString());
        var (s6, _, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/decision", new { outcome = "refused" });
        Assert.Equal(400, s6);

        var (s7, done, _) = await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/decision", new { outcome = "completed", reasons = "材料齐全，符合修复条件" });
        Assert.Equal(200, s7);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(["filed", "accepted", "completed", "record-withheld", "list-entry-ended"], Kit.Steps(done));

        // The record is no longer public; the listing ended at once for the repair (checks derive measures from this state).
        var record = p.Services.GetRequiredService<RecordReader>().Get(recordId)!;
        Assert.True(record.Withheld);
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.DoesNotContain(pub.GetProperty("records").EnumerateArray(), x => x.GetProperty("id").GetInt64() == recordId);
        var ended = lists.Get(entry)!;
        Assert.Equal("ended", ended.Status);
        Assert.Equal("repaired", ended.EndReason);
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Kit.Subject(p, Co));
        Assert.Contains("移出严重失信主体名单", inbox.EnumerateArray().First(n => n.GetProperty("title").GetString() == "信用修复完成").GetProperty("body").GetString());

        // The next check applies no measure any more: the listing ended with the repair (Art. 35, 40).
        Assert.Empty(await Triggers(department));
        // The subject's own page shows the entry ended, and why.
        Assert.Contains("已移出（信用修复完成，第四十条）", await (await Kit.Subject(p, Co)).GetStringAsync("/self"));

        // Repaired records cannot be repaired again.
        var (s8, e8, _) = await TestPlatform.PostJson(await Kit.Subject(p, Co), "/api/v1/repairs", body);
        Assert.Equal(422, s8);
        Assert.Equal("already-repaired", e8.GetProperty("code").GetString());
    }

    /// <summary>What the measures of a procurement check on the company rest on, as "list:ID" and "record:ID".</summary>
    private static async Task<List<string>> Triggers(HttpClient department)
    {
        var (status, answer, _) = await TestPlatform.PostJson(department, "/api/v1/checks", new { subject = Co, scenario = "procurement" });
        Assert.Equal(200, status);
        return answer.GetProperty("measures").EnumerateArray()
            .SelectMany(m => m.GetProperty("triggeredBy").EnumerateArray())
            .Select(t => $"{t.GetProperty("type").GetString()}:{t.GetProperty("id").GetString()}").Distinct().ToList();
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_credit_agency_publishes_its_own_shorter_deadlines_and_a_refusal_gives_reasons(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-02-13T10:00:00+08:00"); // Friday before the Spring Festival
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2025〕7801号", "2025-09-01");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (s1, r, _) = await TestPlatform.PostJson(agency, "/api/v1/repairs", new
        {
            recordId, to = "agency", commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "书面申请：已整改", applicant = new { name = "某公司", contact = "0451-6" }, evidence = Evidence(), receivedOn = "2026-02-12",
        });
        Assert.Equal(201, s1);
        Assert.Equal("paper", r.GetProperty("channel").GetString());
        Assert.Equal("agency", r.GetProperty("handlerUnit").GetString());
        Assert.Equal("2026-02-13", r.GetProperty("acceptanceDue").GetString()); // 1 working day, as the agency published
        Assert.Equal("2026-02-25", r.GetProperty("decisionDue").GetString()); // 3 from 13 February: 14 (Saturday, working), 24, 25
        Assert.Contains("公共信用工作机构（信用平台）公布的办理时限：1个工作日", Kit.Deadline(r, "repair-acceptance").GetProperty("basis").GetString());
        var id = r.GetProperty("id").GetInt64();

        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-03", unit: Kit.Provider, role: "unit");
        var (s2, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/repairs/{id}/acceptance", new { accept = true });
        Assert.Equal(403, s2);
        var (s3, refused, _) = await TestPlatform.PostJson(agency, $"/api/v1/repairs/{id}/acceptance", new { accept = false, reasons = "罚款缴纳凭证与决定书金额不符" });
        Assert.Equal(200, s3);
        Assert.Equal("not-accepted", refused.GetProperty("status").GetString());
        Assert.Equal("罚款缴纳凭证与决定书金额不符", refused.GetProperty("decision").GetProperty("reasons").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, refused.GetProperty("decisionDue").ValueKind);
        Assert.Equal("cancelled", Kit.Deadline(refused, "repair-decision").GetProperty("state").GetString());

        var (_, rules) = await p.GetJson("/api/v1/repair-rules");
        var penalty = rules.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "admin-penalty");
        Assert.Equal(3, penalty.GetProperty("minMonths").GetInt32());
        Assert.Contains("罚款缴纳凭证", penalty.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, rules.GetProperty("procedure")[0].GetProperty("workingDays").GetInt32());
        Assert.Equal(1, rules.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "agency").GetProperty("workingDays").GetProperty("repair-acceptance").GetInt32());
    }
}
