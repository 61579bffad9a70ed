using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using Xinyong.Reports.Pdf;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Reports;
using Xinyong.Tests.Support;
using Xinyong.Text;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>
/// The portal defects of issue 18 item 9, each pinned: a repaired record's state, doubled punctuation, one error for a
/// wrong USCC check character, the repair rules without "0个月", the phone-width repair table (browser tests), the
/// auditor's read-only list pages, the CLI's wording and default store, the report's rare characters and 〔〕 kept.
/// </summary>
public class PortalDefectTests
{
    private static readonly string Co = Uscc("MA1DEF001");

    private static object Evidence() => new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }).ToArray();

    private static async Task<long> Repair(TestPlatform p, HttpClient subject, long recordId)
    {
        var (status, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已缴清罚款并完成整改", applicant = new { name = "哈尔滨缺陷测试有限公司", contact = "0451-1" }, evidence = Evidence(),
        });
        Assert.Equal(201, status);
        return r.GetProperty("id").GetInt64();
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task After_a_repair_self_says_repaired_and_no_message_or_report_doubles_its_punctuation(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        var repaired = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕9901号", "2026-07-01", "哈尔滨缺陷测试有限公司");
        var refused = await Kit.Penalty(p, provider, Co, "哈市监罚〔2026〕9902号", "2026-07-02", "哈尔滨缺陷测试有限公司");
        var subject = await Kit.Subject(p, Co);
        var (_, staff) = Kit.Staff(p, "HRB-SJ-31", unit: Kit.Provider, role: "unit");

        var done = await Repair(p, subject, repaired);
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{done}/acceptance", new { accept = true })).Item1);
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{done}/decision", new { outcome = "completed", reasons = "材料齐全，符合修复条件。" })).Item1);
        var no = await Repair(p, subject, refused);
        Assert.Equal(200, (await TestPlatform.PostJson(staff, $"/api/v1/repairs/{no}/acceptance", new { accept = false, reasons = "证明材料与处罚决定不符。" })).Item1);
        // A later event on the repaired record: the report joins its history with "；".
        p.Services.GetRequiredService<RecordChanges>().MarkObjection(repaired, true, "test", "异议标注");

        var (_, self) = await Page(subject, "/self");
        var row = self.QuerySelector($"tr[data-record='{repaired}']")!.TextContent;
        Assert.Contains("已修复", row);
        Assert.DoesNotContain("不予公示", row);

        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var messages = p.Services.GetRequiredService<Outbox>().For([Mailbox.OfSubject(subjectId)]);
        Assert.Contains(messages, m => m.Body.Contains("不予受理：证明材料与处罚决定不符。", StringComparison.Ordinal));
        foreach (var m in messages)
        {
            Assert.DoesNotContain("。。", m.Body);
            Assert.DoesNotContain("。；", m.Body);
        }

        var pdf = await subject.GetByteArrayAsync("/self/report.pdf");
        var text = Poppler.Text(pdf);
        Assert.Contains("已修复（信用修复完成", text);
        Assert.Contains("符合修复条件；", text.Replace(" ", "").Replace("\n", ""));
        Assert.DoesNotContain("。。", text);
        Assert.DoesNotContain("。；", text);
    }

    [Fact]
    public void Punctuation_joins_clauses_without_doubling_marks()
    {
        Assert.Equal("材料齐全", Punctuation.Clause(" 材料齐全。 "));
        Assert.Equal("材料齐全", Punctuation.Clause("材料齐全；"));
        Assert.Equal("", Punctuation.Clause(null));
        Assert.Equal("理由成立：材料齐全。该信息已停止公示。", Punctuation.Tidy("理由成立：材料齐全。。该信息已停止公示。"));
        Assert.Equal("A；B", Punctuation.Tidy("A。；B"));
        Assert.Equal("待补充……", Punctuation.Tidy("待补充……"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_USCC_with_a_wrong_check_character_gets_one_error(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var wrong = Co[..17] + (Co[17] == '0' ? '1' : '0');
        var row = PenaltyHeaders.Zip(Penalty("哈尔滨缺陷测试有限公司", wrong, "哈市监罚〔2026〕9903号", "2026-10-01")).ToDictionary(x => x.First, x => x.Second);
        var (status, body, _) = await TestPlatform.PostJson(Kit.ProviderClient(p), "/api/v1/records", new { batchId = "b-uscc", item = "admin-penalty", records = new[] { row } });
        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        var error = Assert.Single(body.GetProperty("rejected")[0].GetProperty("errors").EnumerateArray());
        Assert.Equal("checksum", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_repair_rules_never_say_a_minimum_of_zero_months()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var html = WebUtility.HtmlDecode(await p.Http.GetStringAsync("/repair"));
        Assert.DoesNotContain("0个月", html.Replace("10个月", "").Replace("20个月", ""));
        Assert.Contains("最短公示期：3个月（严重失信行为12个月）", html);
        Assert.Contains("无最短公示期要求", html);   // court-listed debtors and linked persons: repair as soon as the conditions are met
    }

    [Fact]
    public async Task Auditors_are_not_offered_list_decision_forms_they_cannot_submit()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var (auditorToken, _) = Kit.Staff(p, "AUDIT-01", role: "auditor");
        var auditor = await Kit.StaffPortal(p, "AUDIT-01", auditorToken);
        var (agencyToken, _) = Kit.Staff(p, "AGENCY-01");
        var agency = await Kit.StaffPortal(p, "AGENCY-01", agencyToken);

        // The list decision desks are deciding staff's (the access rule DecidingStaff): an auditor is refused them whole,
        // so no form it cannot submit is ever shown; the agency's staff get the forms.
        foreach (var path in new[] { "/staff/lists/dishonesty?subject=" + Co, "/staff/lists/incentive", "/staff/lists" })
        {
            var (status, a) = await Page(auditor, path);
            Assert.NotEqual(HttpStatusCode.OK, status);   // refused at the door (the portal's access-denied answer)
            Assert.Null(a.QuerySelector("main form[method='post']"));
        }
        var (_, s) = await Page(agency, "/staff/lists/incentive");
        Assert.NotNull(s.QuerySelector("main form[method='post']"));
        Assert.Null(s.QuerySelector("#read-only"));
        var (_, desk) = await Page(auditor, "/staff");
        Assert.Null(desk.QuerySelector("a[href='/staff/lists/exemption']"));
        Assert.Null(desk.QuerySelector("a[href='/staff/lists/dishonesty']"));
        var (_, agencyIndex) = await Page(agency, "/staff/lists");
        Assert.NotNull(agencyIndex.QuerySelector("a[href='/staff/lists/dishonesty']"));

        // A list entry: the auditor reads it, without the lift, link or notification forms the agency's staff get.
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9904号", "2026-07-01", "哈尔滨缺陷测试有限公司");
        var entry = p.Services.GetRequiredService<Xinyong.Storage.Lists.ListStore>().Add(new Xinyong.Storage.Lists.ListEntry
        {
            List = Xinyong.Measures.CreditListNames.Dishonesty, SubjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id,
            DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕99号", Grounds = "第二十九条第四项", Reasons = "拒不履行",
            Basis = "《黑龙江省社会信用条例》第二十九条", RecordId = recordId, StartsOn = new DateOnly(2026, 8, 1), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var (readStatus, read) = await Page(auditor, $"/staff/lists/{entry}");
        Assert.NotEqual(HttpStatusCode.OK, readStatus);
        Assert.Null(read.QuerySelector("main form[method='post']"));
        var (_, decide) = await Page(agency, $"/staff/lists/{entry}");
        Assert.NotNull(decide.QuerySelector("#lift"));
        Assert.Contains("哈市监罚〔2026〕9904号", decide.QuerySelector("main")!.TextContent);   // the supporting record's number as written
    }

    [Fact]
    public async Task The_CLI_says_an_institution()
    {
        var help = await Xy.Run("institution", "add", "--help");
        Assert.Contains("Register an institution", help.Out);
        Assert.DoesNotContain("a institution", help.Out);
        Assert.Contains("Register a provider", (await Xy.Run("provider", "add", "--help")).Out);
    }

    [Fact]
    public void A_line_with_a_rare_character_is_drawn_in_one_face()
    {
        ReportFonts.EnsureInitialized();
        using var measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
        var missing = 0;
        var rare = ReportFonts.Runs(measure, "哈尔滨喆堃食品有限公司（法定代表人：赵喆）", 10, ref missing);
        Assert.Equal(FontFace.Fallback, Assert.Single(rare).Face);   // not 哈尔滨 in Song, 喆堃 in sans, 食品… in Song
        var common = ReportFonts.Runs(measure, "哈尔滨食品有限公司", 10, ref missing);
        Assert.Equal(FontFace.Primary, Assert.Single(common).Face);
        Assert.Equal(0, missing);
        // Measuring agrees with drawing: the width is that of the runs drawn.
        Assert.Equal(rare.Sum(r => r.Width), ReportFonts.MeasureWidth(measure, "哈尔滨喆堃食品有限公司（法定代表人：赵喆）", 10), 3);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Decision_numbers_keep_their_brackets_on_pages(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "honour", Honour("哈尔滨缺陷测试有限公司", Co, "黑文明委〔2026〕19号", "黑龙江省文明单位"));
        var honour = RecordId(p, Co, "黑文明委〔2026〕19号");
        var self = await SignInSubject(p, Co);
        var declined = await PostForm(self, "/self", "/self?handler=Decline", new() { ["recordId"] = honour.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var (_, doc) = await Page(self, "/self");
        var notice = doc.QuerySelector("p.notice[role='status']")!.TextContent;
        Assert.Contains("黑文明委〔2026〕19号", notice);
        Assert.DoesNotContain("[2026]", notice);
    }
}

/// <summary>Tests that must run alone, never beside other tests: those that set process environment variables, and the
/// read-replica test, whose replication timing a loaded machine disturbs.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary><c>report verify</c> finds the platform's key in the default store, like every other command.</summary>
[Collection(nameof(EnvironmentCollection))]
public class ReportVerifyDefaultStoreTests
{
    [Fact]
    public async Task Report_verify_defaults_the_store_to_XINYONG_DB()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        var code = "91230103MA1C8FK2X8";
        var self = await SignInSubject(p, code);
        var pdf = await self.GetByteArrayAsync("/self/report.pdf");
        var file = Path.Combine(p.Store.Folder, "report.pdf");
        await File.WriteAllBytesAsync(file, pdf);

        var before = Environment.GetEnvironmentVariable("XINYONG_DB");
        Environment.SetEnvironmentVariable("XINYONG_DB", p.Store.Db);
        try
        {
            var r = await Xy.Run("report", "verify", file);
            Assert.Equal(0, r.ExitCode);
            Assert.True(r.Json.GetProperty("valid").GetBoolean(), r.Err);
        }
        finally { Environment.SetEnvironmentVariable("XINYONG_DB", before); }
    }
}
