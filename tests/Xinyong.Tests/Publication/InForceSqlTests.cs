using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Publication;
using Xinyong.Storage;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>
/// The one SQL form of a record in force (<see cref="InForceSql"/>) and each of its named variants agree with their
/// domain rules in <see cref="PublicationRule"/>, over every combination of status, withholding, disclosure period,
/// publication and exemption, on both stores.
/// </summary>
public class InForceSqlTests
{
    private static readonly string Co = Uscc("MA1NF0RCE");

    private sealed record Case(string Status, bool Withheld, DateOnly? Until, string Publication, bool Exempted)
    {
        public PublicationState State => new(Statuses.Parse<RecordStatus>(Status), Withheld, Until, Publication != "published", Publication == "held");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Every_variant_of_the_sql_agrees_with_its_domain_rule(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var today = new DateOnly(2026, 11, 22);
        var cases = (from status in new[] { "active", "archived", "revoked" }
                     from withheld in new[] { false, true }
                     from until in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) }
                     from publication in new[] { "published", "not-published", "held" }
                     from exempted in new[] { false, true }
                     select new Case(status, withheld, until, publication, exempted)).ToList();
        string Doc(int i) => $"哈市监罚〔2026〕7{i:D3}号";
        await Push(p, "admin-penalty", cases.Select((_, i) => CompanyPenalty("哈尔滨在效规则示例有限公司", Co, Doc(i), "2026-01-05")).ToArray());
        var db = p.Services.GetRequiredService<Database>();
        var ids = new long[cases.Count];
        using (var c = db.Open())
        {
            for (var i = 0; i < cases.Count; i++)
            {
                ids[i] = RecordId(p, Co, Doc(i));
                var k = cases[i];
                c.Execute("UPDATE records SET status = @Status, withheld = @Withheld, public_until = @Until, publication = @Publication WHERE id = @id",
                    new { k.Status, k.Withheld, k.Until, k.Publication, id = ids[i] });
                if (k.Exempted)
                    c.Execute("INSERT INTO measure_exemptions (record_id, conditions, reasons, decided_by, decided_at) VALUES (@id, 'first-minor', '测试', 'TEST', @at)",
                        new { id = ids[i], at = p.Clock.GetUtcNow() });
            }
        }

        var variants = new (string Name, string Sql, Func<Case, bool> Rule)[]
        {
            (nameof(InForceSql.Record), InForceSql.Record, k => PublicationRule.InForce(k.State, today)),
            (nameof(InForceSql.Public), InForceSql.Public, k => PublicationRule.InForce(k.State, today) && !k.State.Unpublished),
            (nameof(InForceSql.ForMeasures), InForceSql.ForMeasures, k => PublicationRule.CountsForMeasures(k.State, today, k.Exempted)),
            (nameof(InForceSql.EndsListing), InForceSql.EndsListing, k => PublicationRule.EndsListing(k.State)),
            (nameof(InForceSql.ArchiveDue), InForceSql.ArchiveDue, k => PublicationRule.ArchiveDue(k.State, today)),
            (nameof(InForceSql.Standing), InForceSql.Standing, k => k.Status == "active" && !k.Withheld),
        };
        using var read = db.Open();
        var subject = read.ExecuteScalar<long>("SELECT subject_id FROM records WHERE id = @id", new { id = ids[0] });
        foreach (var (name, sql, rule) in variants)
        {
            var selected = read.Query<long>($"SELECT r.id FROM records r WHERE r.subject_id = @subject AND {sql}", new { subject, today }).ToHashSet();
            for (var i = 0; i < cases.Count; i++)
                Assert.True(rule(cases[i]) == selected.Contains(ids[i]), $"{name}: {cases[i]}");
            // Each variant selects some of the cases and leaves some out: the table exercises it both ways.
            Assert.NotEmpty(selected);
            Assert.NotEqual(cases.Count, selected.Count);
        }
        // The callers that used to write the condition themselves take it from here.
        Assert.Equal(InForceSql.ForMeasures, Xinyong.Application.Checks.CheckService.RecordInForce);
        Assert.Contains(InForceSql.EndsListing, ListStore.InForce, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_list_entry_ends_with_its_record_revoked_or_withheld_but_not_with_its_disclosure_period(string store)
    {
        // ListStore.InForce over a supporting record, against PublicationRule.EndsListing.
        await using var p = await TestPlatform.Start(store);
        var today = new DateOnly(2026, 11, 22);
        var cases = (from status in new[] { "active", "archived", "revoked" }
                     from withheld in new[] { false, true }
                     from until in new DateOnly?[] { null, today.AddDays(-1) }
                     select new Case(status, withheld, until, "published", false)).ToList();
        string Doc(int i) => $"哈市监罚〔2026〕8{i:D3}号";
        await Push(p, "admin-penalty", cases.Select((_, i) => CompanyPenalty("哈尔滨名单依据示例有限公司", Co, Doc(i), "2026-01-05")).ToArray());
        var db = p.Services.GetRequiredService<Database>();
        var entries = new long[cases.Count];
        using var c = db.Open();
        for (var i = 0; i < cases.Count; i++)
        {
            var recordId = RecordId(p, Co, Doc(i));
            var subjectId = c.ExecuteScalar<long>("SELECT subject_id FROM records WHERE id = @recordId", new { recordId });
            entries[i] = p.Services.GetRequiredService<ListStore>().Add(new ListEntry
            {
                List = Xinyong.Measures.CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = "TEST", DecisionNo = $"哈失信〔2026〕{i}号",
                Grounds = "测试", Reasons = "测试", Basis = "测试", RecordId = recordId, StartsOn = today.AddDays(-30), DecidedBy = "TEST",
                DecidedAt = p.Clock.GetUtcNow(),
            });
            var k = cases[i];
            c.Execute("UPDATE records SET status = @Status, withheld = @Withheld, public_until = @Until WHERE id = @recordId", new { k.Status, k.Withheld, k.Until, recordId });
        }
        var inForce = c.Query<long>($"SELECT e.id FROM list_entries e WHERE {ListStore.InForce}", new { today }).ToHashSet();
        for (var i = 0; i < cases.Count; i++)
            Assert.True(!PublicationRule.EndsListing(cases[i].State) == inForce.Contains(entries[i]), cases[i].ToString());
        Assert.Equal(4, inForce.Count);   // active or archived, not withheld, either period
    }
}
