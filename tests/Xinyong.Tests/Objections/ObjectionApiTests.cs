using System.Net;
using System.Text.Json;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>Objections through the API on both stores: filing, the mark, routing, the decision and its effects.</summary>
public class ObjectionApiTests
{
    private static readonly string Co = Uscc("MA1YYH001");
    private static readonly string Other = Uscc("MA1YYH002");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_objection_filed_on_30_september_is_marked_at_once_and_upholding_it_corrects_the_record_everywhere(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var recordId = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕9001号", "2026-09-10");
        var subject = await Kit.Subject(p, Co);

        var (status, o, response) = await TestPlatform.PostJson(subject, "/api/v1/objections", new
        {
            recordId = recordId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reason = "罚款金额登记错误，决定书载明为壹万元",
            applicant = new { name = "哈尔滨异议测试有限公司", contact = "0451-80000000" },
        });
        Assert.Equal(201, status);
        Assert.Equal($"/api/v1/objections/{o.GetProperty("id").GetInt64()}", response.Headers.Location?.ToString());
        Assert.Equal("open", o.GetProperty("status").GetString());
        Assert.Equal("2026-10-08", o.GetProperty("markDue").GetString());
        Assert.Equal("2026-10-10", o.GetProperty("decisionDue").GetString());
        Assert.False(o.GetProperty("provisional").GetBoolean());
        Assert.Contains("第三十九条", Kit.Deadline(o, "objection-decision").GetProperty("basis").GetString());
        Assert.Equal("met", Kit.Deadline(o, "objection-mark").GetProperty("state").GetString());
        Assert.Equal(["filed", "routed", "marked"], Kit.Steps(o));
        Assert.Equal(Kit.Provider, o.GetProperty("competentUnit").GetString());

        // The mark shows wherever the record is shown: the public API at once.
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.True(Kit.RecordOf(pub, "哈市监罚〔2026〕9001号").GetProperty("underObjection").GetBoolean());

        // The subject follows it; the competent unit's staff decides it on 9 October.
        var id = o.GetProperty("id").GetInt64();
        var (s2, mine) = await p.GetJson($"/api/v1/objections/{id}", subject);
        Assert.Equal(200, s2);
        Assert.Equal("2026-10-10", mine.GetProperty("decisionDue").GetString());
        p.Clock.Set(DateTimeOffset.Parse("2026-10-09T15:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-01", unit: Kit.Provider, role: "unit");
        var (s3, decided, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new
        {
            outcome = "upheld", action = "correct", reasons = "经核对决定书原件，罚款金额应为1万元", fields = new Dictionary<string, string> { ["罚款金额（万元）"] = "1", ["content"] = "罚款人民币壹万元" },
        });
        Assert.Equal(200, s3);
        Assert.Equal("upheld", decided.GetProperty("status").GetString());
        Assert.Equal(2, decided.GetProperty("decision").GetProperty("recordVersion").GetInt32());
        Assert.Equal("met", Kit.Deadline(decided, "objection-decision").GetProperty("state").GetString());
        Assert.Equal(["filed", "routed", "marked", "upheld", "record-corrected", "mark-removed"], Kit.Steps(decided));

        var (_, after) = await p.GetJson($"/api/v1/subjects/{Co}");
        var rec = Kit.RecordOf(after, "哈市监罚〔2026〕9001号");
        Assert.Equal("1", rec.GetProperty("fields").GetProperty("fineWan").GetString());
        Assert.Equal("罚款人民币壹万元", rec.GetProperty("fields").GetProperty("content").GetString());
        Assert.Equal(2, rec.GetProperty("version").GetInt32());
        Assert.False(rec.GetProperty("underObjection").GetBoolean());

        // The applicant was told at each step, each message with its time (a new sign-in: the cookie of 30 September expired).
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Kit.Subject(p, Co));
        var titles = inbox.EnumerateArray().Select(n => n.GetProperty("title").GetString()).ToList();
        Assert.Contains("异议申请已收到", titles);
        Assert.Contains("异议处理决定", titles);
        Assert.Contains("经核对决定书原件", inbox.EnumerateArray().First(n => n.GetProperty("title").GetString() == "异议处理决定").GetProperty("body").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_unit_that_is_not_competent_tells_the_subject_which_unit_is_and_the_rules_of_access_hold(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var recordId = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕9101号", "2026-10-20");
        var otherRecord = await Kit.Penalty(p, provider, Other, "哈市监罚〔2026〕9102号", "2026-10-20", "哈尔滨另一测试有限公司");
        var (_, taxStaff) = Kit.Staff(p, "TAX-01", unit: "HRB-SW", role: "unit");
        var body = new { recordId, reason = "不是本公司的违法行为", applicant = new { name = "张三（受托人）", contact = "13800000000" }, receivedOn = "2026-10-30" };

        var (s1, referred, _) = await TestPlatform.PostJson(taxStaff, "/api/v1/objections", body);
        Assert.Equal(201, s1);
        Assert.Equal("referred", referred.GetProperty("status").GetString());
        Assert.Equal("paper", referred.GetProperty("channel").GetString());
        Assert.Empty(referred.GetProperty("deadlines").EnumerateArray());
        Assert.Contains("HRB-SJ", referred.GetProperty("steps")[1].GetProperty("detail").GetString());
        var (_, pub) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.False(Kit.RecordOf(pub, "哈市监罚〔2026〕9101号").GetProperty("underObjection").GetBoolean());

        // Entered by the competent unit's staff: received on the paper's date, marked, due 3 working days after receipt.
        var (_, unitStaff) = Kit.Staff(p, "HRB-SJ-01", unit: Kit.Provider, role: "unit");
        var scan = new { fileName = "异议申请书.pdf", contentType = "application/pdf", content = Convert.ToBase64String("%PDF-1.4 申请书"u8.ToArray()) };
        var (s2, open, _) = await TestPlatform.PostJson(unitStaff, "/api/v1/objections", new
        {
            body.recordId, body.reason, body.applicant, body.receivedOn, attachments = new[] { scan },
        });
        Assert.Equal(201, s2);
        Assert.Equal("open", open.GetProperty("status").GetString());
        Assert.Equal("2026-11-02", open.GetProperty("markDue").GetString()); // received Friday 30 October
        Assert.Equal("2026-11-04", open.GetProperty("decisionDue").GetString());
        var id = open.GetProperty("id").GetInt64();

        var attachment = Assert.Single(open.GetProperty("attachments").EnumerateArray());
        Assert.Equal("异议申请书.pdf", attachment.GetProperty("fileName").GetString());
        var file = await unitStaff.GetAsync(attachment.GetProperty("url").GetString());
        Assert.Equal("%PDF-1.4 申请书", await file.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await taxStaff.GetAsync(attachment.GetProperty("url").GetString())).StatusCode);
        var (sBad, eBad, _) = await TestPlatform.PostJson(unitStaff, "/api/v1/objections", new { recordId = otherRecord, reason = "x", applicant = new { name = "a", contact = "b" }, attachments = new[] { new { fileName = "a.pdf", contentType = "application/pdf", content = "not base64!" } } });
        Assert.Equal(400, sBad);
        Assert.Contains("base64", eBad.GetProperty("detail").GetString());   // the message no longer starts with the field's internal name

        var (s3, dup, _) = await TestPlatform.PostJson(unitStaff, "/api/v1/objections", body);
        Assert.Equal(409, s3);
        Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), dup.GetProperty("detail").GetString());

        // Anonymous callers, a subject objecting to another's record, and another unit deciding are refused.
        var (s4, _, r4) = await TestPlatform.PostJson(p.Http, "/api/v1/objections", body);
        Assert.Equal(401, s4);
        Assert.Equal("application/problem+json", r4.Content.Headers.ContentType?.MediaType);
        var subject = await Kit.Subject(p, Co);
        var (s5, e5, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", body with { recordId = otherRecord });
        Assert.Equal(403, s5);
        Assert.Contains("自身", e5.GetProperty("detail").GetString());
        var (s6, _, _) = await TestPlatform.PostJson(taxStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected", reasons = "x" });
        Assert.Equal(403, s6);
        var (s7, e7, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected" });
        Assert.Equal(400, s7);
        Assert.Equal("须说明处理决定的理由", e7.GetProperty("detail").GetString());   // no internal field name in the message (issue 18)
        var (s8, e8, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { recordId = "abc", reason = "x", applicant = new { name = "a", contact = "b" } });
        Assert.Equal(400, s8);
        Assert.Contains("记录编号", e8.GetProperty("detail").GetString());
        var (s9, e9, _) = await TestPlatform.PostJson(subject, "/api/v1/objections", new { recordId, applicant = new { name = "a", contact = "b" } });
        Assert.Equal(400, s9);
        Assert.Equal("异议理由为必填项", e9.GetProperty("detail").GetString());

        // The subject sees its own objections, not another subject's; staff of another unit do not see it.
        var (s10, _) = await p.GetJson($"/api/v1/objections/{id}", subject);
        Assert.Equal(200, s10);
        var (s11, _) = await p.GetJson($"/api/v1/objections/{id}", taxStaff);
        Assert.Equal(403, s11);

        // A rejection gives its reasons to the applicant and removes the mark.
        var (s12, rejected, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected", reasons = "经核查，处罚决定书载明的当事人即为申请人" });
        Assert.Equal(200, s12);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("经核查，处罚决定书载明的当事人即为申请人", rejected.GetProperty("decision").GetProperty("reasons").GetString());
        var (_, pub2) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.False(Kit.RecordOf(pub2, "哈市监罚〔2026〕9101号").GetProperty("underObjection").GetBoolean());
        var (s13, _, _) = await TestPlatform.PostJson(unitStaff, $"/api/v1/objections/{id}/decision", new { outcome = "rejected", reasons = "again" });
        Assert.Equal(409, s13);
    }
}
