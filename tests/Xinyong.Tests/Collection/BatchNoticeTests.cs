using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Disclosure;
using Xinyong.Catalog;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>
/// The 两书同达 notices of a collected batch are read as a stream and written in transactions of a few thousand (not the
/// whole batch at once): one per record, and a pass interrupted between two transactions is completed by the next, on
/// both stores.
/// </summary>
public class BatchNoticeTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_batch_gets_one_notice_a_record_and_an_interrupted_pass_is_completed_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var provider = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
        var rows = Enumerable.Range(1, 12).Select(i => Penalty($"哈尔滨告知测试{i:00}有限公司", Uscc($"MA1BN{i:0000}"), $"哈市监罚〔2026〕8{i:000}号")).ToList();
        var r = p.Services.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(provider, "admin-penalty", "file"),
            new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rows)))));
        Assert.Equal(12, r.Accepted);

        var db = p.Services.GetRequiredService<Database>();
        long Scalar(string sql)
        {
            using var c = db.Open();
            return c.ExecuteScalar<long>(sql, new { kind = DecisionNotices.Kind, batch = r.BatchId });
        }
        const string Told = "SELECT COUNT(*) FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch";
        const string Records = "SELECT COUNT(DISTINCT n.case_id) FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch";
        Assert.Equal((12, 12), (Scalar(Told), Scalar(Records)));

        // A pass that stopped after its first transaction: the last 7 records were not told yet.
        using (var c = db.Open())
            c.Execute("DELETE FROM notifications WHERE case_kind = @kind AND case_id IN (SELECT id FROM records WHERE batch_id = @batch AND id > (SELECT MIN(id) + 4 FROM records WHERE batch_id = @batch))",
                new { kind = DecisionNotices.Kind, batch = r.BatchId });
        Assert.Equal(5, Scalar(Told));

        // The next pass, in transactions of 5 messages, tells those 7 and nobody twice; one more pass adds nothing.
        var item = p.Services.GetRequiredService<CatalogSet>().Item("admin-penalty")!;
        var notices = new DecisionNotices(db, p.Services.GetRequiredService<Outbox>()) { ChunkSize = 5 };
        notices.OnBatchLoaded(item, r.BatchId);
        Assert.Equal((12, 12), (Scalar(Told), Scalar(Records)));
        notices.OnBatchLoaded(item, r.BatchId);
        Assert.Equal(12, Scalar(Told));

        // Each message names its own record's decision and is in the subject's mailbox.
        using (var c = db.Open())
        {
            var messages = c.Query<(string Recipient, string Body, long SubjectId, string DocKey)>(
                "SELECT n.recipient, n.body, r.subject_id, r.doc_key FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch",
                new { kind = DecisionNotices.Kind, batch = r.BatchId }).ToList();
            Assert.All(messages, m => Assert.Equal(m.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Recipient));
            Assert.Equal(12, messages.Select(m => m.Body).Distinct().Count());
            Assert.Contains(messages, m => m.Body.Contains("8001"));
        }
    }
}
