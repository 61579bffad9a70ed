using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>Disclosure periods (Art. 37): publication stops on time, the record is archived for good and stays for the subject and the audit.</summary>
public class DisclosureTests
{
    private static readonly string Co = Uscc("MA1EXP1RE");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_negative_record_stops_being_public_the_day_after_its_period_and_is_archived_for_good(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-22T10:00:00+08:00");
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨到期示例有限公司", Co, "哈市监罚〔2026〕3001号", "2026-08-30", ("公示截止期", "2026-11-30")),
            CompanyPenalty("哈尔滨到期示例有限公司", Co, "哈市监罚〔2026〕3002号", "2026-10-01", ("公示截止期", "2027-01-01")));
        var expiring = RecordId(p, Co, "哈市监罚〔2026〕3001号");
        var archive = p.Services.GetRequiredService<Xinyong.Application.Disclosure.DisclosurePeriods>();
        var reader = p.Services.GetRequiredService<RecordReader>();

        // The last day of the period (Beijing time) is still public; nothing is due.
        p.Clock.Set(DateTimeOffset.Parse("2026-11-30T23:59:00+08:00"));
        Assert.Equal(0, archive.Run());
        Assert.Equal(["哈市监罚〔2026〕3001号", "哈市监罚〔2026〕3002号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));

        // The next day it is no longer public — even before the job runs …
        p.Clock.Set(DateTimeOffset.Parse("2026-12-01T00:01:00+08:00"));
        Assert.Equal(["哈市监罚〔2026〕3002号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
        Assert.Equal("active", reader.Get(expiring)!.Status);

        // … and the job archives it: status, history, change time, audit.
        Assert.Equal(1, archive.Run());
        var r = reader.Get(expiring)!;
        Assert.Equal("archived", r.Status);
        Assert.Equal(p.Clock.GetUtcNow(), r.ChangedAt);
        var e = Assert.Single(reader.Events(expiring));
        Assert.Equal("archived", e.Kind);
        Assert.Equal(DisclosureArchive.Actor, e.Actor);
        Assert.Equal(Xinyong.Disclosure.DisclosureTexts.Archived(new DateOnly(2026, 11, 30)), e.Detail);   // the words the application chose (DisclosurePeriods)
        Assert.Contains(p.Services.GetRequiredService<AuditChain>().Recent(target: $"record:{expiring}"), a => a.Action == "record.archive");
        Assert.True(p.Services.GetRequiredService<AuditChain>().Verify().Valid);
        Assert.Equal(0, archive.Run());

        // Never public again: not even when the provider later corrects it with a longer period.
        var provider = p.Services.GetRequiredService<Xinyong.Storage.Accounts.AccountStore>().Get(Provider)!;
        p.Services.GetRequiredService<Xinyong.Application.Collection.RecordChangeDesk>().Correct(provider, expiring, new Dictionary<string, string?> { ["publicUntil"] = "2027-08-30" }, "更正公示截止期");
        Assert.Equal("archived", reader.Get(expiring)!.Status);
        Assert.Equal(["哈市监罚〔2026〕3002号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
        var (_, page) = await Page(p.Http, $"/subjects/{Co}");
        Assert.DoesNotContain("3001号", page.Body!.TextContent);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Page(p.Http, $"/subjects/{Co}/records/{expiring}")).Status);

        // The subject still sees it, archived.
        var self = await SignInSubject(p, Co);
        var (_, mine) = await Page(self, "/self");
        var row = mine.QuerySelector($"tr[data-record='{expiring}']")!;
        Assert.Equal("archived", row.GetAttribute("data-status"));
        Assert.Contains("已归档", row.TextContent);
        var (_, history) = await Page(self, $"/self/records/{expiring}");
        Assert.NotNull(history.QuerySelector("li[data-event=archived]"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_background_job_archives_on_its_own_once_the_clock_passes_the_period(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-22T10:00:00+08:00",
            configure: o => o with { JobInterval = TimeSpan.FromMilliseconds(100) });
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨到期示例有限公司", Co, "哈市监罚〔2026〕3101号", "2026-08-30", ("公示截止期", "2026-11-30")));
        var id = RecordId(p, Co, "哈市监罚〔2026〕3101号");
        var reader = p.Services.GetRequiredService<RecordReader>();
        await Task.Delay(500);
        Assert.Equal("active", reader.Get(id)!.Status);

        p.Clock.Set(DateTimeOffset.Parse("2026-12-01T08:00:00+08:00"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reader.Get(id)!.Status != "archived" && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal("archived", reader.Get(id)!.Status);
        Assert.Equal("archived", Assert.Single(reader.Events(id)).Kind);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_archive_command_ends_the_periods_that_are_due_once(string store)
    {
        // The command runs on the system clock: the platform's clock starts there too.
        await using var p = await TestPlatform.Start(store, now: DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var today = Xinyong.Calendar.ChinaTime.Today(p.Clock);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨到期示例有限公司", Co, "哈市监罚〔2025〕3201号", Day(today.AddMonths(-8)), ("公示截止期", Day(today.AddMonths(-4)))),
            CompanyPenalty("哈尔滨到期示例有限公司", Co, "哈市监罚〔2026〕3202号", Day(today.AddDays(-10))));
        string[] args = ["--db", p.Store.Db, "--keys", Path.Combine(p.Store.Folder, "keys"), "--rules", Paths.Rules];
        var first = await Xy.Run(["archive", .. args]);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, first.Json.GetProperty("archived").GetInt32());
        Assert.Equal(0, (await Xy.Run(["archive", .. args])).Json.GetProperty("archived").GetInt32());
        var reader = p.Services.GetRequiredService<RecordReader>();
        Assert.Equal("archived", reader.Get(RecordId(p, Co, "哈市监罚〔2025〕3201号"))!.Status);
        Assert.Equal("active", reader.Get(RecordId(p, Co, "哈市监罚〔2026〕3202号"))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_sql_of_the_listing_agrees_with_the_publication_rule(string store)
    {
        // Every combination of status, withheld and period, through the listing's SQL and through PublicationRule.InForce.
        await using var p = await TestPlatform.Start(store);
        var today = new DateOnly(2026, 11, 22);
        var cases = (from status in new[] { "active", "archived", "revoked" }
                     from withheld in new[] { false, true }
                     from until in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) }
                     select (status, withheld, until)).ToList();
        await Push(p, "admin-penalty", cases.Select((_, i) => CompanyPenalty("哈尔滨规则示例有限公司", Co, $"哈市监罚〔2026〕2{i:D3}号", "2026-01-05")).ToArray());
        var db = p.Services.GetRequiredService<Database>();
        using (var c = db.Open())
            for (var i = 0; i < cases.Count; i++)
                c.Execute("UPDATE records SET status = @status, withheld = @withheld, public_until = @until, decided_on = @d WHERE id = @id",
                    new { cases[i].status, cases[i].withheld, cases[i].until, d = new DateOnly(2026, 1, 1).AddDays(i), id = RecordId(p, Co, $"哈市监罚〔2026〕2{i:D3}号") });
        var listed = p.Services.GetRequiredService<PublicRecords>().Listing(new ListingFilter("admin-penalty", null, null, null, null), today, 0, 100)
            .Select(x => x.Record.DocKey).ToHashSet();
        for (var i = 0; i < cases.Count; i++)
        {
            var expected = Xinyong.Publication.PublicationRule.InForce(new(Statuses.Parse<RecordStatus>(cases[i].status), cases[i].withheld, cases[i].until), today);
            Assert.True(expected == listed.Any(k => k.Contains($"2{i:D3}号", StringComparison.Ordinal)), $"case {cases[i]}");
        }
        Assert.Equal(3, listed.Count);
    }
}
