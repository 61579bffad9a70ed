using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Cases;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Security;

/// <summary>
/// The holes reported with ordinary accounts, each tried again on the user's path: a 403 instead of success, the
/// record's provider kept, the access log written, the subject told. Both stores.
/// </summary>
public class SecurityHoleTests
{
    private static readonly string Co = Uscc("MA1HXL001");

    private static async Task<JsonElement> Full(TestPlatform p, HttpClient client, long id)
    {
        var (status, body) = await p.GetJson($"/api/v1/records/{id}", client);
        Assert.Equal(200, status);
        return body;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Only_the_provider_that_sent_a_record_and_staff_acting_for_its_unit_correct_or_revoke_it_and_the_provider_never_changes(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var own = Kit.ProviderClient(p);
        var id = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕6101号", "2026-10-20");
        var intruder = p.As(p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市示例另一监督管理局", "admin-penalty"));   // sends the same item
        var correction = new { reason = "更正处罚内容", fields = new Dictionary<string, string> { ["content"] = "罚款人民币壹万元" } };

        // Another provider of the same item: refused, whatever it sends.
        var (s1, e1, _) = await TestPlatform.PostJson(intruder, $"/api/v1/records/{id}/corrections", correction);
        Assert.Equal(403, s1);
        Assert.Contains("只有报送该记录的提供单位", e1.GetProperty("detail").GetString());
        Assert.Equal(403, (await TestPlatform.PostJson(intruder, $"/api/v1/records/{id}/revocation", new { basis = "revoked", reason = "x" })).Status);
        Assert.Equal(403, (await TestPlatform.PostJson(intruder, $"/api/v1/records/{id}/revocation", new { })).Status);   // no body: still 403, not 400

        // Staff of another unit, an auditor, the authority, the window: refused. Staff of the record's unit: corrects.
        foreach (var (code, role, unit) in new[] { ("XX-01", StaffRoles.Unit, (string?)"HRB-XX"), ("AU-01", StaffRoles.Auditor, null), ("AT-01", StaffRoles.Authority, null), ("WD-01", StaffRoles.Window, null), ("AU-02", StaffRoles.Auditor, "audit") })
        {
            var (_, staff) = Kit.Staff(p, code, unit, role);
            Assert.Equal(403, (await TestPlatform.PostJson(staff, $"/api/v1/records/{id}/corrections", correction)).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(staff, $"/api/v1/records/{id}/revocation", new { basis = "revoked", reason = "x" })).Status);
        }
        var (_, unitStaff) = Kit.Staff(p, "SJ-01", Kit.Provider, StaffRoles.Unit);
        var (s2, corrected, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/records/{id}/corrections", correction);
        Assert.Equal(200, s2);
        Assert.Equal(2, corrected.GetProperty("version").GetInt32());

        // The provider stays HRB-SJ; who acted is in the history. The real provider still revokes its record.
        var after = await Full(p, own, id);
        Assert.Equal(Kit.Provider, after.GetProperty("provider").GetString());
        Assert.Contains(after.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "corrected" && e.GetProperty("actor").GetString() == "SJ-01");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (s3, _, _) = await TestPlatform.PostJson(agency, $"/api/v1/records/{id}/corrections", correction with { fields = new Dictionary<string, string> { ["content"] = "罚款人民币叁万元" } });
        Assert.Equal(200, s3);
        var (s4, revoked, _) = await TestPlatform.PostJson(own, $"/api/v1/records/{id}/revocation", new { basis = "revoked", reason = "行政复议撤销" });
        Assert.Equal(200, s4);
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        var end = await Full(p, own, id);
        Assert.Equal(Kit.Provider, end.GetProperty("provider").GetString());
        Assert.All(end.GetProperty("versions").EnumerateArray(), v => Assert.Equal(Kit.Provider, v.GetProperty("provider").GetString()));
        Assert.Contains(end.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "corrected" && e.GetProperty("actor").GetString() == "AG-01");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_full_record_is_read_only_by_its_provider_and_its_units_staff_others_as_shared_or_authorized_and_every_read_is_logged(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var own = Kit.ProviderClient(p);
        var rid = ResidentId("19790412", 517);
        var row = PenaltyHeaders.Zip(PersonPenalty("王晓明", rid, "哈市监罚〔2026〕6201号")).ToDictionary(x => x.First, x => x.Second);
        Assert.Equal(200, (await TestPlatform.PostJson(own, "/api/v1/records", new { batchId = "h-1", item = "admin-penalty", records = new[] { row } })).Status);
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(rid)!;
        var id = p.Services.GetRequiredService<Xinyong.Storage.Publication.RecordReader>().OfSubject(subject.Id).Single().Id;
        var log = p.Services.GetRequiredService<AccessLog>();

        var intruder = p.As(p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市示例另一监督管理局", "admin-penalty"));
        var (s1, e1) = await p.GetJson($"/api/v1/records/{id}", intruder);
        Assert.Equal(403, s1);
        Assert.DoesNotContain("王晓明", e1.ToString());
        var (_, otherUnit) = Kit.Staff(p, "XX-01", "HRB-XX", StaffRoles.Unit);
        Assert.Equal(403, (await p.GetJson($"/api/v1/records/{id}", otherUnit)).Status);
        var (_, window) = Kit.Staff(p, "WD-01", null, StaffRoles.Window);
        Assert.Equal(403, (await p.GetJson($"/api/v1/records/{id}", window)).Status);
        var bank = p.As(p.Account(AccountKinds.Institution, "HRB-JR", "哈尔滨示例银行"));
        Assert.Equal(403, (await p.GetJson($"/api/v1/records/{id}", bank)).Status);   // no authorization from the person
        Assert.Empty(log.ForSubject(subject.Id));

        // A department reads the shared item masked (Art. 22): no versions, no name, no identity number; logged.
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        var (s2, shared) = await p.GetJson($"/api/v1/records/{id}", dept);
        Assert.Equal(200, s2);
        Assert.False(shared.TryGetProperty("versions", out _));
        Assert.DoesNotContain("王晓明", shared.ToString());
        Assert.DoesNotContain(rid, shared.ToString());
        var deptEntry = Assert.Single(log.ForSubject(subject.Id));
        Assert.Equal(("department", "HRB-CG"), (deptEntry.ActorKind, deptEntry.Actor));
        Assert.Contains("第二十二条", deptEntry.Purpose);

        // The provider and an auditor read it in full; each read is in the person's access log.
        var full = await Full(p, own, id);
        Assert.Contains("王晓明", full.GetProperty("fields").ToString());
        var (_, auditor) = Kit.Staff(p, "AU-01", null, StaffRoles.Auditor);
        await Full(p, auditor, id);
        var entries = log.ForSubject(subject.Id);
        Assert.Equal(3, entries.Count);
        Assert.Contains(entries, e => e.Actor == Kit.Provider && e.What.Contains($"信用记录{id}"));
        Assert.Contains(entries, e => e.Actor == "AU-01");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Staff_case_lists_showing_a_persons_name_enter_the_access_log(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var own = Kit.ProviderClient(p);
        var rid = ResidentId("19880101", 321);
        var row = PenaltyHeaders.Zip(PersonPenalty("李建华", rid, "哈市监罚〔2026〕6301号")).ToDictionary(x => x.First, x => x.Second);
        Assert.Equal(200, (await TestPlatform.PostJson(own, "/api/v1/records", new { batchId = "h-2", item = "admin-penalty", records = new[] { row } })).Status);
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(rid)!;
        var id = p.Services.GetRequiredService<Xinyong.Storage.Publication.RecordReader>().OfSubject(subject.Id).Single().Id;
        var (token, unitStaff) = Kit.Staff(p, "SJ-01", Kit.Provider, StaffRoles.Unit);
        var (s0, _, _) = await TestPlatform.PostJson(unitStaff, "/api/v1/objections", new { recordId = id, reason = "处罚对象有误", applicant = new { name = "李建华", contact = "0451-3" } });
        Assert.Equal(201, s0);
        var log = p.Services.GetRequiredService<AccessLog>();
        var before = log.ForSubject(subject.Id).Count;

        var (s1, list) = await p.GetJson("/api/v1/objections", unitStaff);
        Assert.Equal(200, s1);
        Assert.Contains("李建华", list.ToString());
        var (s2, _) = await p.GetJson("/api/v1/worklist", unitStaff);
        Assert.Equal(200, s2);
        var portal = await Kit.StaffPortal(p, "SJ-01", token);
        var page = WebUtility.HtmlDecode(await portal.GetStringAsync("/staff/objections"));
        Assert.Contains("李建华", page);
        var entries = log.ForSubject(subject.Id).Take(log.ForSubject(subject.Id).Count - before).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(("staff", "SJ-01", CaseReads.Purpose), (e.ActorKind, e.Actor, e.Purpose)));
        Assert.Equal(["api", "api", "portal"], entries.Select(e => e.Channel).Order().ToArray());

        // A company's name in the same list is not personal information: no entry for it.
        var coRecord = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕6302号", "2026-10-20");
        Assert.Equal(201, (await TestPlatform.PostJson(unitStaff, "/api/v1/objections", new { recordId = coRecord, reason = "日期有误", applicant = new { name = "某公司", contact = "0451-4" } })).Status);
        await p.GetJson("/api/v1/objections", unitStaff);
        Assert.DoesNotContain(log.ForSubject(p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id), e => e.Purpose == CaseReads.Purpose);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_auditor_only_reads_and_unit_staff_act_only_within_their_unit(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var own = Kit.ProviderClient(p);
        var objected = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕6401号", "2026-08-05");
        var repairable = await Kit.Penalty(p, own, Co, "哈市监罚〔2026〕6402号", "2026-05-20");
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        var subject = await Kit.Subject(p, Co);
        var (_, o, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { recordId = objected, reason = "文号有误", applicant = new { name = "某公司", contact = "0451-1" } });
        var oid = o.GetProperty("id").GetInt64();
        var (_, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId = repairable, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已整改", applicant = new { name = "某公司", contact = "0451-5" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }).ToArray(),
        });
        var repair = r.GetProperty("id").GetInt64();
        var (_, unitStaff) = Kit.Staff(p, "SJ-01", Kit.Provider, StaffRoles.Unit);
        var (_, asked, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{oid}/assistance", new { unit = "HRB-CG", question = "请核实" });
        var assistance = asked.GetProperty("assistance")[0].GetProperty("id").GetInt64();

        foreach (var (code, unit) in new[] { ("AU-01", (string?)null), ("AU-02", "HRB-CG"), ("AU-03", Kit.Provider) })
        {
            var (_, auditor) = Kit.Staff(p, code, unit, StaffRoles.Auditor);
            Assert.Equal(200, (await p.GetJson($"/api/v1/objections/{oid}", auditor)).Status);   // reads
            Assert.Equal(200, (await p.GetJson($"/api/v1/repairs/{repair}", auditor)).Status);
            Assert.Equal(200, (await p.GetJson("/api/v1/objections", auditor)).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, $"/api/v1/objections/{oid}/decision", new { outcome = "rejected", reasons = "无误" })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, $"/api/v1/objections/{oid}/assistance/{assistance}/answer", new { answer = "无误" })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, $"/api/v1/objections/{oid}/pauses", new { kind = "inspection", from = "2026-09-30" })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, $"/api/v1/repairs/{repair}/acceptance", new { accept = true })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, $"/api/v1/repairs/{repair}/decision", new { outcome = "refused", reasons = "x" })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, "/api/v1/objections", new { recordId = repairable, reason = "x", applicant = new { name = "x", contact = "x" } })).Status);
            Assert.Equal(403, (await TestPlatform.PostJson(auditor, "/api/v1/lists/incentive", new { })).Status);
        }
        // Staff of another unit neither read nor decide this unit's cases.
        var (_, otherUnit) = Kit.Staff(p, "XX-01", "HRB-XX", StaffRoles.Unit);
        Assert.Equal(403, (await p.GetJson($"/api/v1/objections/{oid}", otherUnit)).Status);
        Assert.Equal(403, (await TestPlatform.PostJson(otherUnit, $"/api/v1/objections/{oid}/decision", new { outcome = "rejected", reasons = "无误" })).Status);
        Assert.Equal(403, (await TestPlatform.PostJson(otherUnit, $"/api/v1/repairs/{repair}/acceptance", new { accept = true })).Status);
        var (_, others) = await p.GetJson("/api/v1/objections", otherUnit);
        Assert.Empty(others.EnumerateArray());
        // The asked department answers; the competent unit decides.
        Assert.Equal(200, (await TestPlatform.PostJson(dept, $"/api/v1/objections/{oid}/assistance/{assistance}/answer", new { answer = "经核实无误" })).Status);
        Assert.Equal(200, (await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{oid}/decision", new { outcome = "rejected", reasons = "经核实，记录无误" })).Status);
        Assert.Equal(200, (await TestPlatform.PostJson(unitStaff, $"/api/v1/repairs/{repair}/acceptance", new { accept = true })).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Only_the_agency_window_opens_a_subject_sign_in_the_chain_records_it_and_the_subject_is_told(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕6501号", "2026-10-20");
        foreach (var (code, role, unit) in new[] { ("AG-01", StaffRoles.Agency, (string?)null), ("SJ-01", StaffRoles.Unit, Kit.Provider), ("AU-01", StaffRoles.Auditor, null) })
        {
            var (token, _) = Kit.Staff(p, code, unit, role);
            var staff = await Kit.StaffPortal(p, code, token);
            var signin = await staff.GetStringAsync("/signin");
            var refused = await staff.PostAsync("/staff/subject-accounts", Kit.Form(signin, new() { ["Code"] = Co, ["Mode"] = "one-time" }));
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("/signin", refused.Headers.Location?.ToString() ?? "");   // the portal's refusal
        }
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var outbox = p.Services.GetRequiredService<Xinyong.Storage.Notifications.Outbox>();
        // Besides the 两书同达 notice of its penalty (issue 15), nothing has been sent to the subject.
        Assert.Empty(outbox.For([Xinyong.Storage.Notifications.Mailbox.OfSubject(subjectId)]).Where(n => n.CaseKind != Xinyong.Application.Disclosure.DecisionNotices.Kind));
        Assert.DoesNotContain(p.Services.GetRequiredService<AuditChain>().Recent(100), e => e.Action.StartsWith("subject-account", StringComparison.Ordinal));

        var (windowToken, _) = Kit.Staff(p, "WD-01", null, StaffRoles.Window);
        var window = await Kit.StaffPortal(p, "WD-01", windowToken);
        var form = await window.GetStringAsync("/staff/subject-accounts");
        var ok = await window.PostAsync("/staff/subject-accounts", Kit.Form(form, new() { ["Code"] = Co, ["Mode"] = "one-time" }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Matches("[0-9]{8}", WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()));
        var entry = Assert.Single(p.Services.GetRequiredService<AuditChain>().Recent(100), e => e.Action.StartsWith("subject-account", StringComparison.Ordinal));
        Assert.Equal(("WD-01", $"subject:{Co}"), (entry.Actor, entry.Target));
        var told = Assert.Single(outbox.For([Xinyong.Storage.Notifications.Mailbox.OfSubject(subjectId)]).Where(n => n.CaseKind != Xinyong.Application.Disclosure.DecisionNotices.Kind));
        Assert.Equal("自查登录已开通", told.Title);
        Assert.Contains("WD-01", told.Body);
        Assert.Contains("如非本人申请", told.Body);
    }
}
