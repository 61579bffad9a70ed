using Xinyong.Measures;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>Assistance, clock pauses, overdue reporting, list objections and corrections sent to holders, on both stores.</summary>
public class DeadlineFlowTests
{
    private static readonly string Co = Uscc("MA1YYH101");

    private static void At(TestPlatform p, string moment) => p.Clock.Set(DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Assistance_extends_the_decision_to_seven_days_pauses_stop_the_clock_and_overdue_steps_are_reported_once(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00"); // Monday
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9201号", "2026-10-20");
        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-01", unit: Kit.Provider, role: "unit");
        var (_, authority) = Kit.Staff(p, "AUTH-01", role: "authority");
        var lab = p.As(p.Account(AccountKinds.Department, "HRB-ZJ", "哈尔滨市示例质量检验所"));
        var (_, o, _) = await TestPlatform.PostJson(unitStaff, "/api/v1/objections", new { recordId, reason = "抽检报告有误", applicant = new { name = "某公司", contact = "0451-1" } });
        var id = o.GetProperty("id").GetInt64();
        Assert.Equal("2026-11-05", o.GetProperty("decisionDue").GetString());

        var (s1, assisted, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/assistance", new { unit = "HRB-ZJ", question = "请核实抽检报告编号ZJ-2026-88的检验结论" });
        Assert.Equal(200, s1);
        Assert.Equal("2026-11-11", assisted.GetProperty("decisionDue").GetString());
        Assert.Equal("objection-decision-assisted", Kit.Deadline(assisted, "objection-decision-assisted").GetProperty("code").GetString());
        var request = assisted.GetProperty("assistance")[0];
        Assert.Equal("2026-11-04", request.GetProperty("due").GetString());
        var (s2, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/assistance", new { unit = "NOBODY", question = "x" });
        Assert.Equal(400, s2);

        // Thursday 5 November: the answer is a day late; the watch reports it once, to the authority and to the unit.
        At(p, "2026-11-05T09:00:00+08:00");
        var (_, worklist) = await p.GetJson("/api/v1/worklist", unitStaff);
        Assert.Equal("objection-decision-assisted", Assert.Single(worklist.EnumerateArray()).GetProperty("code").GetString()); // the answer is the lab's step
        Assert.Equal(1, Kit.Watch(p).OverdueReported);
        Assert.Equal(0, Kit.Watch(p).OverdueReported);
        var (_, authorityInbox) = await p.GetJson("/api/v1/notifications", authority);
        Assert.Contains("协助核查反馈", Assert.Single(authorityInbox.EnumerateArray()).GetProperty("body").GetString());
        var (_, agencyList) = await p.GetJson("/api/v1/worklist?state=overdue", authority);
        Assert.Equal("HRB-ZJ", Assert.Single(agencyList.EnumerateArray()).GetProperty("unit").GetString());

        var (_, labList) = await p.GetJson("/api/v1/worklist", lab);
        Assert.Equal("assistance-answer", Assert.Single(labList.EnumerateArray()).GetProperty("code").GetString());
        var (s3, answer, _) = await TestPlatform.PostJson(lab, $"/api/v1/objections/{id}/assistance/{request.GetProperty("id").GetInt64()}/answer", new { answer = "经复核，检验结论无误" });
        Assert.Equal(200, s3);
        Assert.Equal("经复核，检验结论无误", answer.GetProperty("answer").GetString());

        // Expert review from Thursday: the clock stops; ended on Friday, the two days do not count.
        var (s4, paused, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/pauses", new { kind = "expert-review", from = "2026-11-05", note = "组织专家评审" });
        Assert.Equal(200, s4);
        var pause = paused.GetProperty("pauses")[0];
        Assert.True(pause.GetProperty("running").GetBoolean());
        Assert.Equal("2026-11-12", paused.GetProperty("decisionDue").GetString()); // running until at least today
        At(p, "2026-11-09T09:00:00+08:00");
        Assert.Equal(0, Kit.Watch(p).OverdueReported);
        var (_, moving) = await p.GetJson($"/api/v1/objections/{id}", unitStaff);
        Assert.Equal("2026-11-16", moving.GetProperty("decisionDue").GetString()); // paused 5, 6 and 9 November so far
        var (s5, resumed, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/pauses/{pause.GetProperty("id").GetInt64()}/end", new { to = "2026-11-06" });
        Assert.Equal(200, s5);
        Assert.Equal("2026-11-13", resumed.GetProperty("decisionDue").GetString());
        Assert.Contains("paused", Kit.Steps(resumed));
        Assert.Contains("resumed", Kit.Steps(resumed));
        var (s6, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/pauses", new { kind = "lunch", from = "2026-11-09" });
        Assert.Equal(400, s6);

        // Monday 16 November: the decision is overdue, reported once; deciding now is late.
        At(p, "2026-11-16T09:00:00+08:00");
        var (_, due) = await p.GetJson("/api/v1/worklist", unitStaff);
        Assert.Equal("overdue", due[0].GetProperty("state").GetString());
        Assert.Equal(1, Kit.Watch(p).OverdueReported);
        var (_, late, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected", reasons = "检验结论无误" });
        Assert.Equal("late", Kit.Deadline(late, "objection-decision-assisted").GetProperty("state").GetString());
        Assert.Equal(2, Kit.Steps(late).Count(s => s == "overdue-reported"));
        var (_, empty) = await p.GetJson("/api/v1/worklist", unitStaff);
        Assert.Empty(empty.EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_objection_to_a_dishonesty_list_entry_is_decided_in_three_days_without_pauses_and_upheld_ends_the_entry(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T16:00:00+08:00"); // Friday before the working Sunday
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9301号", "2026-09-01");
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var lists = p.Services.GetRequiredService<ListStore>();
        var entry = lists.Add(new ListEntry
        {
            List = CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕1号", Grounds = "第二十九条第三项",
            Reasons = "食品安全严重违法", Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 9, 10),
            EndsOn = new DateOnly(2029, 9, 9), Published = true, DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var subject = await Kit.Subject(p, Co);
        var (s1, o, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { listEntryId = entry, reason = "已全部整改，不属于严重失信行为", applicant = new { name = "某公司", contact = "0451-2" } });
        Assert.Equal(201, s1);
        Assert.Equal("listing", o.GetProperty("ground").GetString());
        Assert.Equal("2026-09-20", o.GetProperty("markDue").GetString()); // the working Sunday
        Assert.Equal("2026-09-22", o.GetProperty("decisionDue").GetString());
        Assert.Contains("第三十五条", Kit.Deadline(o, "list-objection-decision").GetProperty("basis").GetString());
        Assert.True(lists.Get(entry)!.UnderObjection);

        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-01", unit: Kit.Provider, role: "unit");
        var id = o.GetProperty("id").GetInt64();
        var (s2, e2, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/pauses", new { kind = "expert-review", from = "2026-09-18" });
        Assert.Equal(409, s2);
        Assert.Contains("第三十五条", e2.GetProperty("detail").GetString());
        var (s3, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "upheld", action = "withhold", reasons = "x" });
        Assert.Equal(400, s3);

        var (s4, upheld, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "upheld", reasons = "复核认定不属于严重危害人民群众身体健康的行为" });
        Assert.Equal(200, s4);
        Assert.Equal("end-listing", upheld.GetProperty("decision").GetProperty("action").GetString());
        var ended = lists.Get(entry)!;
        Assert.Equal("ended", ended.Status);
        Assert.Equal("objection-upheld", ended.EndReason);
        Assert.False(ended.UnderObjection);
        Assert.Contains("list-entry-ended", Kit.Steps(upheld));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_upheld_correction_goes_to_every_holder_of_a_copy_each_acknowledging_within_three_working_days(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9401号", "2026-10-20");
        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var procurement = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市示例政府采购中心", "admin-penalty"));
        var national = p.As(p.Account(AccountKinds.Department, "XYZG", "信用中国（国家平台）", "admin-penalty"));
        p.Account(AccountKinds.Department, "HRB-JT", "哈尔滨市示例交通局", "admin-licence");
        var log = p.Services.GetRequiredService<AccessLog>();
        log.Record(subjectId, "department", "HRB-CG", "政府采购供应商审查", "subject", "api");
        log.Record(subjectId, "department", "HRB-JT", "行政许可审查", "subject", "api"); // may not read penalties: holds no copy
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (s0, _, _) = await TestPlatform.PostJson(agency, "/api/v1/copy-holders", new { account = "XYZG" });
        Assert.Equal(204, s0);
        var (s0b, _, _) = await TestPlatform.PostJson(national, "/api/v1/copy-holders", new { account = "XYZG" });
        Assert.Equal(403, s0b);

        var (_, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, ground = "overdue-disclosure", reason = "公示期限已届满仍在公示", applicant = new { name = "某公司", contact = "0451-3" } });
        var id = o.GetProperty("id").GetInt64();
        var (s1, decided, _) = await TestPlatform.PostJson(agency, $"/api/v1/objections/{id}/decision", new { outcome = "upheld", action = "withhold", reasons = "公示期限届满，停止公示" });
        Assert.Equal(200, s1);
        var corrections = decided.GetProperty("corrections").EnumerateArray().ToList();
        Assert.Equal(["HRB-CG", "XYZG"], corrections.Select(c => c.GetProperty("holder").GetString()).Order());
        Assert.All(corrections, c => Assert.Equal("2026-11-05", c.GetProperty("due").GetString()));
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.Empty(pub.GetProperty("records").EnumerateArray());

        var (_, mine) = await p.GetJson("/api/v1/corrections", procurement);
        var notice = Assert.Single(mine.EnumerateArray());
        Assert.True(notice.GetProperty("withheld").GetBoolean());
        var noticeId = notice.GetProperty("notice").GetProperty("id").GetInt64();
        var otherId = corrections.Single(c => c.GetProperty("holder").GetString() == "XYZG").GetProperty("id").GetInt64();
        var (s2, _, _) = await TestPlatform.PostJson(procurement, $"/api/v1/corrections/{otherId}/acknowledgement", new { note = "x" });
        Assert.Equal(403, s2);
        At(p, "2026-11-04T10:00:00+08:00");
        var (s3, ack, _) = await TestPlatform.PostJson(procurement, $"/api/v1/corrections/{noticeId}/acknowledgement", new { note = "已在供应商库中停止使用" });
        Assert.Equal(200, s3);
        Assert.Equal("met", ack.GetProperty("state").GetString());
        var (s4, _, _) = await TestPlatform.PostJson(procurement, $"/api/v1/corrections/{noticeId}/acknowledgement", new { note = "again" });
        Assert.Equal(409, s4);

        At(p, "2026-11-06T10:00:00+08:00");
        Assert.Equal(1, Kit.Watch(p).OverdueReported);
        var (_, view) = await p.GetJson($"/api/v1/objections/{id}", agency);
        var states = view.GetProperty("corrections").EnumerateArray().ToDictionary(c => c.GetProperty("holder").GetString()!, c => c.GetProperty("state").GetString());
        Assert.Equal("met", states["HRB-CG"]);
        Assert.Equal("overdue", states["XYZG"]);
        Assert.Contains("correction-acknowledged", Kit.Steps(view));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_providers_correction_resubmission_and_revocation_reach_every_holder_of_a_copy(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var recordId = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕9501号", "2026-10-20");
        var procurement = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市示例政府采购中心", "admin-penalty"));
        var (shared, _) = await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose=政府采购供应商审查", procurement);   // now it holds a copy
        Assert.Equal(200, shared);

        // Art. 38 (1): the provider corrects the record; the holder is told at once, with 3 working days to apply it.
        var (s1, _, _) = await TestPlatform.PostJson(provider, $"/api/v1/records/{recordId}/corrections", new { reason = "罚款金额录入错误", fields = new Dictionary<string, string> { ["罚款金额（万元）"] = "2.5" } });
        Assert.Equal(200, s1);
        var (_, mine) = await p.GetJson("/api/v1/corrections", procurement);
        var first = Assert.Single(mine.EnumerateArray()).GetProperty("notice");
        Assert.Equal((recordId, 2, "2026-11-05"), (first.GetProperty("recordId").GetInt64(), first.GetProperty("recordVersion").GetInt32(), first.GetProperty("due").GetString()));
        var (_, work) = await p.GetJson("/api/v1/worklist", procurement);
        var item = Assert.Single(work.EnumerateArray());
        Assert.Equal(("record", "信息更正", recordId), (item.GetProperty("caseKind").GetString(), item.GetProperty("caseKindLabel").GetString(), item.GetProperty("caseId").GetInt64()));
        var (_, inbox) = await p.GetJson("/api/v1/notifications", procurement);
        Assert.Contains(inbox.EnumerateArray(), n => n.GetProperty("title").GetString() == "信用信息更正通知");

        // A resubmission with changed content is a correction too; a revocation of the basis (Art. 38 (3)) as well.
        var row = PenaltyHeaders.Zip(Penalty("哈尔滨异议测试有限公司", Co, "哈市监罚〔2026〕9501号", "2026-10-20", ("罚款金额（万元）", "3"))).ToDictionary(x => x.First, x => x.Second);
        var (s2, pushed, _) = await TestPlatform.PostJson(provider, "/api/v1/records", new { batchId = "b-resend", item = "admin-penalty", records = new[] { row } });
        Assert.Equal((200, 1), (s2, pushed.GetProperty("accepted").GetInt32()));
        var (s3, _, _) = await TestPlatform.PostJson(provider, $"/api/v1/records/{recordId}/revocation", new { basis = "revoked", reason = "原处罚决定已被复议机关撤销" });
        Assert.Equal(200, s3);
        var (_, all) = await p.GetJson("/api/v1/corrections", procurement);
        Assert.Equal([2, 3, 4], all.EnumerateArray().Select(n => n.GetProperty("notice").GetProperty("recordVersion").GetInt32()).Order());
        Assert.Equal(["corrected", "corrected", "revoked"], all.EnumerateArray().Select(n => n.GetProperty("notice").GetProperty("change").GetString()).Order());

        // The holder acknowledges; a department that never read the subject holds no copy and gets nothing.
        var (s4, ack, _) = await TestPlatform.PostJson(procurement, $"/api/v1/corrections/{first.GetProperty("id").GetInt64()}/acknowledgement", new { note = "已更新供应商库" });
        Assert.Equal((200, "met"), (s4, ack.GetProperty("state").GetString()));
        var other = p.As(p.Account(AccountKinds.Department, "HRB-JT", "哈尔滨市示例交通局", "admin-penalty"));
        Assert.Empty((await p.GetJson("/api/v1/corrections", other)).Body.EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_mark_commits_with_the_filing_and_the_outbox_delivers_to_every_channel(string store)
    {
        var channel = new RecordingChannel();
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9501号", "2026-10-20");
        var (_, agency) = Kit.Staff(p, "AG-01");
        var (_, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, reason = "错误", applicant = new { name = "某公司", contact = "0451-4" } });
        // Filing and marking are one transaction: the mark is there when the filing returns, with no mending job behind it.
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.True(Kit.RecordOf(pub, "哈市监罚〔2026〕9501号").GetProperty("underObjection").GetBoolean());

        var outbox = new Xinyong.Storage.Notifications.Outbox(p.Services.GetRequiredService<Xinyong.Storage.Database>(), p.Clock, [channel]);
        Assert.Equal(3, outbox.Dispatch()); // the penalty's 两书同达 notice (issue 15), the unit's and the subject's notices of receipt, and nothing twice
        Assert.Equal(0, outbox.Dispatch());
        Assert.Contains(channel.Delivered, n => n.Contact == "0451-4" && n.Title == "异议申请已收到");
        channel.Fail = true;
        await TestPlatform.PostJson(agency, $"/api/v1/objections/{o.GetProperty("id").GetInt64()}/decision", new { outcome = "rejected", reasons = "无误" });
        Assert.Equal(0, outbox.Dispatch());
        channel.Fail = false;
        Assert.Equal(1, outbox.Dispatch()); // retried
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Provisional_due_dates_are_recomputed_once_the_2027_arrangement_is_loaded(string store)
    {
        await using var before = await TestPlatform.Start(store, now: "2026-12-30T10:00:00+08:00");
        var recordId = await Kit.Penalty(before, Kit.ProviderClient(before), Co, "哈市监罚〔2026〕9601号", "2026-12-01");
        var (_, agency) = Kit.Staff(before, "AG-01");
        var (_, o, _) = await TestPlatform.PostJson(agency, "/api/v1/objections", new { recordId, reason = "错误", applicant = new { name = "某公司", contact = "0451-7" } });
        Assert.True(o.GetProperty("provisional").GetBoolean());
        Assert.Equal("2027-01-04", o.GetProperty("decisionDue").GetString());
        Assert.True(Kit.Deadline(o, "objection-decision").GetProperty("provisional").GetBoolean());

        // An operator loads the 2027 arrangement (1-3 January off) and restarts the platform on the same store.
        var rules = Directory.CreateTempSubdirectory("xinyong-rules-").FullName;
        try
        {
            foreach (var f in Directory.EnumerateFiles(Paths.Rules, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(rules, Path.GetRelativePath(Paths.Rules, f));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(f, target);
            }
            File.WriteAllText(Path.Combine(rules, "calendar", "2027.tsv"), "date\tkind\tholiday\n2027-01-01\toff\t元旦\n2027-01-02\toff\t元旦\n2027-01-03\toff\t元旦\n");
            await using var after = await TestPlatform.Start(store, now: "2026-12-30T11:00:00+08:00",
                configure: x => x with { Db = before.Store.Db, KeysDirectory = Path.Combine(before.Store.Folder, "keys"), Rules = rules });
            Kit.Watch(after);
            var (_, view) = await after.GetJson($"/api/v1/objections/{o.GetProperty("id").GetInt64()}", Kit.Staff(after, "AG-02").Client);
            Assert.False(view.GetProperty("provisional").GetBoolean());
            Assert.Equal("2027-01-05", view.GetProperty("decisionDue").GetString());
        }
        finally { Directory.Delete(rules, true); }
    }

    private sealed class RecordingChannel : Xinyong.Storage.Notifications.IDeliveryChannel
    {
        public List<Xinyong.Storage.Notifications.Notification> Delivered { get; } = [];
        public bool Fail { get; set; }
        public string Name => "recording";

        public void Deliver(Xinyong.Storage.Notifications.Notification message)
        {
            if (Fail) throw new IOException("gateway down");
            Delivered.Add(message);
        }
    }
}
