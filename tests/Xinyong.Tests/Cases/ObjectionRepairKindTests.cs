using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Repairs;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Cases;

/// <summary>
/// Objections and repairs are cases of the kinds objection and repair (data/cases) on the one case engine: the id the
/// API gives is the case id, the case carries the state, number, unit, subject and applicant, every step raises its
/// version, a final state refuses further actions through the engine, a referred objection opens directly in its final
/// state, and a repair's application and its public credit commitment are two cases opened in one transaction.
/// </summary>
public class ObjectionRepairKindTests
{
    private static readonly string Co = Uscc("MA1YYK001");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_objection_is_a_case_of_kind_objection_from_filing_to_decision(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9701号", "2026-10-20");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (_, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, reason = "罚款金额有误", applicant = new { name = "某公司", contact = "0451-6" } });
        var id = o.GetProperty("id").GetInt64();
        var engine = p.Services.GetRequiredService<CaseEngine>();

        var filed = engine.Cases.Get(id)!;
        Assert.Equal(("objection", "open", Kit.Provider, $"YY2026{id:D6}"), (filed.Kind, filed.State, filed.Unit, filed.Number));
        Assert.NotNull(filed.SubjectId);
        Assert.Equal(("applicant", "某公司", "0451-6"), engine.Cases.Parties(id).Select(x => (x.Role, x.Name, x.Contact)).Single());
        Assert.Equal(["filed", "routed", "marked"], engine.History(filed).Select(h => h.Kind));
        Assert.Equal(["objection-mark", "objection-decision"], engine.Steps(filed).Select(d => d.Code));

        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-01", unit: Kit.Provider, role: "unit");
        Assert.Equal(200, (await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected", reasons = "经核对，金额无误" })).Status);
        var decided = engine.Cases.Get(id)!;
        Assert.Equal("rejected", decided.State);
        Assert.NotNull(decided.ClosedAt);
        Assert.True(decided.Version > filed.Version);

        // The engine itself refuses a further action on the final state, whoever asks.
        var staff = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ-01")!;
        var e = Assert.Throws<Refusal>(() => engine.Act(id, "upheld", CaseActor.Of(staff), "再次决定"));
        Assert.Equal("case.action-not-allowed", e.Code);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_referred_objection_opens_in_its_final_state_and_a_repair_opens_with_its_commitment_case(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9702号", "2026-05-20");
        var engine = p.Services.GetRequiredService<CaseEngine>();

        var (_, tax) = Kit.Staff(p, "HRB-SW-01", unit: "HRB-SW", role: "unit");
        var (s0, referred, _) = await TestPlatform.PostJson(tax, "/api/v1/objections", new { recordId, reason = "罚款金额有误", applicant = new { name = "某公司", contact = "0451-6" } });
        Assert.Equal(201, s0);
        var r = engine.Cases.Get(referred.GetProperty("id").GetInt64())!;
        Assert.Equal(("objection", "referred", "HRB-SW"), (r.Kind, r.State, r.Unit));
        Assert.NotNull(r.ClosedAt);
        Assert.Empty(engine.Steps(r));

        var (_, staff) = Kit.Staff(p, "HRB-SJ-02", unit: Kit.Provider, role: "unit");
        var evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = $"{k}（见附件）" });
        var (s1, filed, _) = await TestPlatform.PostJson(staff, "/api/v1/repairs", new { recordId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "某公司", contact = "0451-7" }, evidence });
        Assert.Equal(201, s1);
        var id = filed.GetProperty("id").GetInt64();
        var repair = engine.Cases.Get(id)!;
        Assert.Equal(("repair", "submitted", Kit.Provider, $"XF2026{id:D6}"), (repair.Kind, repair.State, repair.Unit, repair.Number));
        var commitmentId = p.Services.GetRequiredService<RepairStore>().Get(id)!.CommitmentId!.Value;
        Assert.NotEqual(id, commitmentId);
        Assert.Equal("commitment", engine.Cases.Get(commitmentId)!.Kind);
        Assert.Equal(["repair-acceptance", "repair-decision"], engine.Steps(repair).Select(d => d.Code));

        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{id}/acceptance", new { accept = true })).Status);
        Assert.Equal("accepted", engine.Cases.Get(id)!.State);
        Assert.Equal(["met", "open"], engine.Steps(repair).Select(d => d.Status));
    }
}

/// <summary>
/// The one generic case page: any kind at <c>/staff/cases/{id}</c> (header, parties, the actions this user may take now,
/// the kind's part or the generic steps and history) and at <c>/self/cases/{id}</c> for its subject.
/// </summary>
public class GenericCasePageTests
{
    private static readonly string Co = Uscc("MA1YYK002");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task One_page_shows_an_objection_to_its_unit_and_subject_and_a_kind_without_a_part_by_the_generic_parts(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9703号", "2026-10-20");
        var subject = await Kit.Subject(p, Co);
        var (_, o, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { recordId, reason = "罚款金额登记有误", applicant = new { name = "某公司", contact = "0451-8" } });
        var id = o.GetProperty("id").GetInt64();

        var (token, _) = Kit.Staff(p, "HRB-SJ-03", unit: Kit.Provider, role: "unit");
        var unit = await Kit.StaffPortal(p, "HRB-SJ-03", token);
        var page = await unit.GetStringAsync($"/staff/cases/{id}");
        Assert.Contains($"异议 YY2026{id:D6}", page);
        Assert.Contains("id=\"case-state\">处理中<", page);
        Assert.Contains("某公司", page);
        Assert.Contains("data-action=\"upheld\"", page);
        Assert.Contains("data-action=\"assistance-requested\"", page);
        Assert.DoesNotContain("data-action=\"assistance-answered\"", page);   // asked of no other unit: the rules let any account answer, the desk checks the unit
        Assert.Contains($"action=\"/staff/cases/{id}?handler=Decide\"", page);   // the kind's forms are on the page itself
        Assert.Contains("罚款金额登记有误", page);   // the kind's part

        var mine = await subject.GetAsync($"/self/cases/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, mine.StatusCode);
        var text = await mine.Content.ReadAsStringAsync();
        Assert.Contains($"YY2026{id:D6}", text);
        Assert.DoesNotContain("case-actions", text);
        Assert.Equal($"/staff/cases/{id}", (await unit.GetAsync($"/self/cases/{id}")).Headers.Location?.ToString());

        // A kind without a part of its own: the generic steps and history.
        var engine = p.Services.GetRequiredService<CaseEngine>();
        var (agencyToken, _) = Kit.Staff(p, "AG-09");
        var agency = await Kit.StaffPortal(p, "AG-09", agencyToken);
        var complaint = engine.Open("collector-complaint", new CaseOpening("agency", null, "{}", [new NewParty("complainant", "张三", Contact: "138")]), CaseActor.Platform);
        engine.Act(complaint.Id, "accept", CaseActor.Of(p.Services.GetRequiredService<AccountStore>().Get("AG-09")!));
        var generic = await agency.GetStringAsync($"/staff/cases/{complaint.Id}");
        Assert.Contains($"信息采集单位投诉 {complaint.Number}", generic);
        Assert.Contains("已受理，核查处理中", generic);
        Assert.Contains("data-action=\"answer\"", generic);
        Assert.Contains("张三", generic);
        Assert.Contains("受理", generic);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_unit_rejects_an_objection_and_accepts_a_repair_through_the_forms_of_the_generic_page(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9704号", "2026-07-01");
        var subject = await Kit.Subject(p, Co);
        var (_, o, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { recordId, reason = "罚款金额登记有误", applicant = new { name = "某公司", contact = "0451-8" } });
        var objection = o.GetProperty("id").GetInt64();
        var (token, _) = Kit.Staff(p, "HRB-SJ-04", unit: Kit.Provider, role: "unit");
        var unit = await Kit.StaffPortal(p, "HRB-SJ-04", token);
        var engine = p.Services.GetRequiredService<CaseEngine>();

        // The objection's forms are on the generic page and post to it.
        var page = System.Net.WebUtility.HtmlDecode(await unit.GetStringAsync($"/staff/cases/{objection}"));
        Assert.Contains($"action=\"/staff/cases/{objection}?handler=Decide\"", page);
        Assert.Contains($"action=\"/staff/cases/{objection}?handler=Assist\"", page);
        Assert.Contains($"action=\"/staff/cases/{objection}?handler=Pause\"", page);
        Assert.DoesNotContain("/staff/objections/", page);
        // A refusal is shown inline, the case unchanged.
        var refused = System.Net.WebUtility.HtmlDecode(await (await unit.PostAsync($"/staff/cases/{objection}?handler=Decide", Kit.Form(page, new() { ["decision"] = "reject", ["reasons"] = "" }))).Content.ReadAsStringAsync());
        Assert.Contains("role=\"alert\"", refused);
        Assert.Equal("open", engine.Cases.Get(objection)!.State);
        var decided = await unit.PostAsync($"/staff/cases/{objection}?handler=Decide", Kit.Form(page, new() { ["decision"] = "reject", ["reasons"] = "经核对，金额无误" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, decided.StatusCode);
        var after = System.Net.WebUtility.HtmlDecode(await decided.Content.ReadAsStringAsync());
        Assert.Contains("已作出处理决定。", after);
        Assert.Contains("id=\"case-state\">异议不成立<", after);
        Assert.DoesNotContain("?handler=Decide", after);   // no form once decided
        Assert.Equal("rejected", engine.Cases.Get(objection)!.State);

        // A repair: acceptance through the generic page; another unit's staff is refused (403), the case unchanged.
        var repairRecord = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9705号", "2026-05-20");
        var (_, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId = repairRecord, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已整改", applicant = new { name = "某公司", contact = "0451-8" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
        });
        var repair = r.GetProperty("id").GetInt64();
        var (otherToken, _) = Kit.Staff(p, "HRB-XX-04", unit: "HRB-XX", role: "unit");
        var other = await Kit.StaffPortal(p, "HRB-XX-04", otherToken);
        var signin = await other.GetStringAsync("/signin");
        var foreign = await other.PostAsync($"/staff/cases/{repair}?handler=Accept", Kit.Form(signin, new() { ["accept"] = "true" }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("submitted", engine.Cases.Get(repair)!.State);

        var form = System.Net.WebUtility.HtmlDecode(await unit.GetStringAsync($"/staff/cases/{repair}"));
        Assert.Contains($"action=\"/staff/cases/{repair}?handler=Accept\"", form);
        var accepted = System.Net.WebUtility.HtmlDecode(await (await unit.PostAsync($"/staff/cases/{repair}?handler=Accept", Kit.Form(form, new() { ["accept"] = "true", ["reasons"] = "" }))).Content.ReadAsStringAsync());
        Assert.Contains("已受理。", accepted);
        Assert.Contains($"action=\"/staff/cases/{repair}?handler=Decide\"", accepted);
        Assert.Equal("accepted", engine.Cases.Get(repair)!.State);
    }
}
