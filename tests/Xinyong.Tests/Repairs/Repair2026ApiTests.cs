using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>
/// The national Credit Repair Measures end to end on both stores: what the anonymous subject API lists by tier, the
/// automatic end at the maximum, repair from the minimum and the public credit commitment (the issue's Contract).
/// </summary>
public class Repair2026ApiTests
{
    private static readonly string Co = Uscc("MA1R2026A");
    private const string Name = "哈尔滨修复新规测试有限公司";
    public const string Commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。";

    private static JsonElement? Listed(JsonElement subject, string docNo) =>
        Records(subject).Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("fields").GetProperty("decisionNo").GetString() == docNo);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Warnings_after_2026_04_01_are_not_listed_and_fines_are_listed_with_their_tier_and_end(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        await Push(p, "admin-penalty",
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9001号", "2026-08-03", ("处罚类别", "警告"), ("罚款金额（万元）", "0")),
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9002号", "2026-08-03"),
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9003号", "2026-06-30", ("处罚类别", "吊销许可证件;罚款")),
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9004号", "2026-03-31", ("处罚类别", "警告"), ("罚款金额（万元）", "0")));

        var (status, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.Equal(200, status);
        Assert.Null(Listed(subject, "哈市监罚〔2026〕9001号"));
        var fine = Listed(subject, "哈市监罚〔2026〕9002号")!.Value;
        Assert.Equal("general", fine.GetProperty("severity").GetString());
        Assert.Equal("2027-08-03", fine.GetProperty("disclosureEnds").GetString());
        Assert.Equal("2026-11-03", fine.GetProperty("window").GetProperty("repairFrom").GetString());
        var serious = Listed(subject, "哈市监罚〔2026〕9003号")!.Value;
        Assert.Equal("serious", serious.GetProperty("severity").GetString());
        Assert.Equal("2029-06-30", serious.GetProperty("disclosureEnds").GetString());
        // Decided before the new rules: the catalog's periods in force then (published, one grade).
        var before = Listed(subject, "哈市监罚〔2026〕9004号")!.Value;
        Assert.Equal("general", before.GetProperty("severity").GetString());
        Assert.Equal("2026.1:admin-penalty/before-effective", before.GetProperty("window").GetProperty("rule").GetString());

        // Nor does the minor record reach the 双公示 listing or the open-data feed; the subject sees it with its rule.
        var listing = await p.Http.GetStringAsync("/shuanggongshi?type=penalty");
        Assert.DoesNotContain("9001号", listing);
        Assert.Contains("9002号", listing);
        var feed = await p.Http.GetStringAsync("/api/v1/open/records.jsonl");
        Assert.DoesNotContain("9001号", feed);
        Assert.Contains("9002号", feed);
        var self = await Kit.Subject(p, Co);
        var (_, mine) = await Page(self, $"/self/records/{RecordId(p, Co, "哈市监罚〔2026〕9001号")}");
        var window = mine.QuerySelector("section.window")!.TextContent;
        Assert.Contains("轻微失信信息", window);
        Assert.Contains("仅给予警告或者通报批评", window);
        Assert.Contains("原则上不向社会公示", window);
        Assert.Contains("履行法定责任后即可申请信用修复", window);
        // The public page of a listed record states its tier and window in plain Chinese.
        var (_, pub) = await Page(p.Http, $"/subjects/{Co}/records/{RecordId(p, Co, "哈市监罚〔2026〕9002号")}");
        var text = pub.QuerySelector("section.window")!.TextContent;
        Assert.Contains("一般失信信息", text);
        Assert.Contains("公示期至2027年8月3日届满", text);
        Assert.Contains("最早可于2026年11月3日申请信用修复", text);
        Assert.Contains("公开信用承诺", text);

        // /repair publishes the tiers, their windows and each version of the rules.
        var (_, rules) = await Page(p.Http, "/repair");
        Assert.Equal(3, rules.QuerySelectorAll("#tier-windows tbody tr").Length);
        var published = rules.QuerySelector("#tier-rules-admin-penalty-2026\\.1")!.TextContent;
        Assert.Contains("仅给予警告或者通报批评", published);
        Assert.Contains("2026年4月1日前作出的决定，适用作出时目录规定的公示期限", published);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Publication_ends_automatically_at_the_maximum_through_the_archive_job(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        await Push(p, "admin-penalty",
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9101号", "2026-08-03"),
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9102号", "2026-08-03", ("处罚类别", "通报批评"), ("罚款金额（万元）", "0")));
        var general = RecordId(p, Co, "哈市监罚〔2026〕9101号");
        var minor = RecordId(p, Co, "哈市监罚〔2026〕9102号");
        var archive = p.Services.GetRequiredService<Xinyong.Application.Disclosure.DisclosurePeriods>();
        var reader = p.Services.GetRequiredService<RecordReader>();

        // The minor record is used (shared) for three months at most: the job ends it the day after.
        p.Clock.Set(DateTimeOffset.Parse("2026-11-03T09:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal(0, archive.Run());
        p.Clock.Set(DateTimeOffset.Parse("2026-11-04T09:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal(1, archive.Run());
        Assert.Equal("archived", reader.Get(minor)!.Status);

        // The general record: the last day of its year is public, the next day the job archives it with its audit entry.
        p.Clock.Set(DateTimeOffset.Parse("2027-08-03T23:00:00+08:00", CultureInfo.InvariantCulture));
        Assert.Equal(0, archive.Run());
        Assert.NotNull(Listed((await p.GetJson($"/api/v1/subjects/{Co}")).Body, "哈市监罚〔2026〕9101号"));
        p.Clock.Set(DateTimeOffset.Parse("2027-08-04T00:10:00+08:00", CultureInfo.InvariantCulture));
        Assert.Null(Listed((await p.GetJson($"/api/v1/subjects/{Co}")).Body, "哈市监罚〔2026〕9101号"));
        Assert.Equal(1, archive.Run());
        Assert.Equal("archived", reader.Get(general)!.Status);
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(target: $"record:{general}"), a => a.Action == "record.archive");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Repair_is_open_from_the_minimum_and_needs_the_applicants_public_credit_commitment(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T10:00:00+08:00");
        await Push(p, "admin-penalty",
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9201号", "2026-08-03"),
            CompanyPenalty(Name, Co, "哈市监罚〔2026〕9202号", "2026-11-01", ("处罚类别", "警告"), ("罚款金额（万元）", "0")));
        var general = RecordId(p, Co, "哈市监罚〔2026〕9201号");
        var minor = RecordId(p, Co, "哈市监罚〔2026〕9202号");
        var subject = await Kit.Subject(p, Co);
        object Body(long recordId, string? commitment) => new
        {
            recordId, commitment, statement = "已缴清罚款并完成整改", applicant = new { name = Name, contact = "0451-9" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
        };

        // The day before the minimum (three months from 3 August): 422 with the earliest date.
        var (s1, e1, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(general, Commitment));
        Assert.Equal(422, s1);
        Assert.Equal("2026-11-03", e1.GetProperty("earliestDate").GetString());
        // Even a bare body learns the date first.
        var (s0, e0, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new { recordId = general });
        Assert.Equal(422, s0);
        Assert.Equal("2026-11-03", e0.GetProperty("earliestDate").GetString());

        // From the minimum: without the commitment 422 naming it; with it, filed and the commitment kept.
        p.Clock.Set(DateTimeOffset.Parse("2026-11-03T09:00:00+08:00", CultureInfo.InvariantCulture));
        subject = await Kit.Subject(p, Co);
        foreach (var missing in new[] { null, "  " })
        {
            var (s2, e2, r2) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(general, missing));
            Assert.Equal(422, s2);
            Assert.Equal("application/problem+json", r2.Content.Headers.ContentType?.MediaType);
            Assert.Equal("repair.commitment-missing", e2.GetProperty("code").GetString());
            Assert.Equal("commitment", e2.GetProperty("field").GetString());
            Assert.Contains("公开信用承诺", e2.GetProperty("detail").GetString());   // the field is named by "field", not inside the Chinese message
            Assert.Contains("公开信用承诺", e2.GetProperty("detail").GetString());
        }
        var (s3, r, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(general, Commitment));
        Assert.Equal(201, s3);
        Assert.Equal(Commitment, r.GetProperty("commitment").GetString());

        // A minor record is repairable as soon as the obligation is fulfilled: the day after its decision.
        var (s4, _, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", Body(minor, Commitment));
        Assert.Equal(201, s4);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_subjects_message_for_a_penalty_or_a_listing_carries_the_repair_conditions_and_the_earliest_date(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-30T10:00:00+08:00");
        var fine = CompanyPenalty(Name, Co, "哈市监罚〔2026〕9301号", "2026-08-03");
        await Push(p, "admin-penalty", fine, CompanyPenalty(Name, Co, "哈市监罚〔2026〕9302号", "2026-09-01", ("处罚类别", "警告"), ("罚款金额（万元）", "0")));
        await Push(p, "admin-penalty", fine);   // sent again: no second message
        var subject = await Kit.Subject(p, Co);
        var (_, inbox) = await p.GetJson("/api/v1/notifications", subject);
        var notices = inbox.EnumerateArray().Where(n => n.GetProperty("title").GetString() == "失信信息告知及信用修复提示").Select(n => n.GetProperty("body").GetString()!).ToList();
        Assert.Equal(2, notices.Count);
        var general = Assert.Single(notices, b => b.Contains("9301号"));
        Assert.Contains("一般失信信息", general);
        Assert.Contains("公示期至2027年8月3日届满", general);
        Assert.Contains("最早可于2026年11月3日申请信用修复", general);
        Assert.Contains("公开信用承诺", general);
        Assert.Contains("已履行行政处罚决定规定的义务", general);
        var minor = Assert.Single(notices, b => b.Contains("9302号"));
        Assert.Contains("原则上不向社会公示", minor);
        Assert.Contains("履行法定责任后即可申请信用修复", minor);

        // A serious-dishonesty listing decision carries the repair notice too (two documents served together).
        var subjectId = p.Services.GetRequiredService<Xinyong.Storage.Subjects.SubjectStore>().Find(Co)!.Id;
        p.Services.GetRequiredService<Xinyong.Application.Lists.Listing>().Add(new Xinyong.Storage.Lists.ListEntry
        {
            List = Xinyong.Measures.CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = Kit.Provider, DecisionNo = "哈市监失信〔2026〕93号", Grounds = "第二十九条第四项",
            Reasons = "拒不履行", Basis = "《黑龙江省社会信用条例》第二十九条", StartsOn = new DateOnly(2026, 9, 30), Published = true,
            DecidedAt = p.Clock.GetUtcNow(), DecidedBy = Kit.Provider,
        });
        var (_, after) = await p.GetJson("/api/v1/notifications", subject);
        var listing = after.EnumerateArray().First(n => n.GetProperty("title").GetString() == "严重失信主体名单认定决定").GetProperty("body").GetString();
        Assert.Contains("可以自2027年9月30日起", listing);
        Assert.Contains("公开信用承诺", listing);
    }
}
