using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>
/// Measures end at once (Art. 35, 40): when the list period ends, when the record is repaired, when an objection is
/// upheld; the list job then marks the entries ended. On SQLite and PostgreSQL.
/// </summary>
public class EndOfMeasuresTests
{
    private static readonly string Expiring = Uscc("MA1EXP001");
    private static readonly string Repaired = Uscc("MA1REP001");
    private static readonly string Objecting = Uscc("MA1DBJ001");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Expiry_repair_and_an_upheld_objection_end_the_measures_at_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        var staff = p.Services.GetRequiredService<AccountStore>();
        p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构");
        var agency = staff.Get("XY-01")!;
        await Court.Import(court, "court-dishonest", Court.Headers,
            Court.Row("（2024）黑0103执0001号", "哈尔滨到期示例有限公司", Expiring, "2024-12-02"),
            Court.Row("（2026）黑0103执0002号", "哈尔滨修复示例有限公司", Repaired),
            Court.Row("（2026）黑0103执0003号", "哈尔滨异议示例有限公司", Objecting));
        foreach (var code in new[] { Expiring, Repaired, Objecting })
            Assert.Equal(["C-45", "N-SPC-8", "P-31-2"], await Court.Codes(dept, code, "procurement"));

        var lists = p.Services.GetRequiredService<ListStore>();

        var ending = p.Services.GetRequiredService<Xinyong.Application.Lists.ListEnding>();
        var subjects = p.Services.GetRequiredService<SubjectStore>();
        ListEntry Entry(string code) => Assert.Single(lists.OfSubject(subjects.Find(code)!.Id));

        // Repair (Art. 40): the objection and repair feature withholds the record and ends the entries it supports.
        // The record withheld alone already ends every measure; the list entry then ends too.
        var repairedRecord = Court.RecordId(p, Repaired, "court-dishonest");
        p.Services.GetRequiredService<RecordChanges>().Withhold(repairedRecord, "XY-01", "repaired", "已履行全部义务，信用修复完成");
        foreach (var scenario in new[] { "procurement", "licensing", "public-funds", "awards", "supervision" })
            Assert.Empty(await Court.Codes(dept, Repaired, scenario));
        Assert.Equal([Entry(Repaired).Id], ending.EndForRecord(repairedRecord, "repaired", "XY-01"));
        Assert.Equal(("ended", "repaired"), (Entry(Repaired).Status, Entry(Repaired).EndReason));

        // An upheld objection to the listing (Art. 35): the entry leaves the list; the measures it triggered end.
        p.Services.GetRequiredService<ListDecisions>().Lift(Entry(Objecting).Id, "objection-upheld", "复核认定被执行人已在发布前履行完毕", agency);
        Assert.Equal(["N-SPC-8"], await Court.Codes(dept, Objecting, "procurement"));   // the court record itself still stands

        // Expiry: the court's listing of 2024-12-02 runs 24 months, to 2026-12-02 inclusive.
        p.Clock.Set(DateTimeOffset.Parse("2026-12-02T23:00:00+08:00"));
        Assert.Equal(["C-45", "N-SPC-8", "P-31-2"], await Court.Codes(dept, Expiring, "procurement"));
        var (_, lastDay) = await Court.Check(dept, Expiring, "procurement");
        Assert.Equal("2026-12-02", Court.Measure(lastDay, "P-31-2").GetProperty("until").GetString());
        p.Clock.Set(DateTimeOffset.Parse("2026-12-03T00:00:01+08:00"));
        Assert.Empty(await Court.Codes(dept, Expiring, "procurement"));
        var (_, publicView) = await p.GetJson($"/api/v1/lists/dishonesty?q={Expiring}");
        Assert.Empty(publicView.GetProperty("entries").EnumerateArray());
        Assert.Equal("active", Entry(Expiring).Status);   // not yet marked by the job, already out of force

        Assert.Equal(1, ending.EndLapsed(new DateOnly(2026, 12, 3), "platform:lists-job"));
        Assert.Equal(("ended", "expired"), (Entry(Expiring).Status, Entry(Expiring).EndReason));
        Assert.Equal(0, ending.EndLapsed(new DateOnly(2026, 12, 3), "platform:lists-job"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_revoked_court_record_ends_the_listing(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var courtToken = p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest");
        var court = p.As(courtToken);
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执0009号", "哈尔滨撤销示例有限公司", Expiring));
        Assert.NotEmpty(await Court.Codes(dept, Expiring, "procurement"));

        var record = Court.RecordId(p, Expiring, "court-dishonest");
        var (status, _, _) = await TestPlatform.PostJson(court, $"/api/v1/records/{record}/revocation", new { basis = "revoked", reason = "执行法院已撤销失信决定" });
        Assert.Equal(200, status);
        Assert.Empty(await Court.Codes(dept, Expiring, "procurement"));

        var lists = p.Services.GetRequiredService<ListStore>();

        var ending = p.Services.GetRequiredService<Xinyong.Application.Lists.ListEnding>();
        Assert.Equal(1, ending.EndLapsed(new DateOnly(2026, 11, 22), "platform:lists-job"));
        var entry = Assert.Single(lists.OfSubject(p.Services.GetRequiredService<SubjectStore>().Find(Expiring)!.Id));
        Assert.Equal("record-revoked", entry.EndReason);
    }
}
