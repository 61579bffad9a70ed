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
    /// <summary>The stored messages with their templates: a text is read filled (<see cref="Outbox.Expand"/>).</summary>
    private const string Stored = "notifications n LEFT JOIN message_templates t ON t.id = n.template_id";

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
        notices.Complete(item, r.BatchId);
        Assert.Equal((12, 12), (Scalar(Told), Scalar(Records)));
        notices.Complete(item, r.BatchId);
        Assert.Equal(12, Scalar(Told));

        // Each message names its own record's decision and is in the subject's mailbox.
        using (var c = db.Open())
        {
            var messages = c.Query<(string Recipient, string Body, string? Template, long SubjectId, string DocKey)>(
                $"SELECT n.recipient, n.body, t.text, r.subject_id, r.doc_key FROM {Stored} JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch",
                new { kind = DecisionNotices.Kind, batch = r.BatchId }).Select(m => m with { Body = Outbox.Expand(m.Template, m.Body) }).ToList();
            Assert.All(messages, m => Assert.Equal(m.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Recipient));
            Assert.Equal(12, messages.Select(m => m.Body).Distinct().Count());
            Assert.Contains(messages, m => m.Body.Contains("8001"));
        }
    }

    /// <summary>The rows of a CSV, failing (as a reset connection) after a given number.</summary>
    private sealed class Failing(string csv, int after) : IRecordSource
    {
        private readonly CsvSource _inner = new(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        public IReadOnlyCollection<string> UnknownColumns => _inner.UnknownColumns;

        public IEnumerable<SourceRow> Rows(CatalogItem item)
        {
            var n = 0;
            foreach (var r in _inner.Rows(item))
            {
                if (n++ == after) throw new IOException("the connection was reset");
                yield return r;
            }
        }

        public void Dispose() => _inner.Dispose();
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Notices_commit_with_their_records_chunk_by_chunk_and_a_batch_taken_over_tells_each_record_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var provider = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
        var db = p.Services.GetRequiredService<Database>();
        long Count(string sql, object args)
        {
            using var c = db.Open();
            return c.ExecuteScalar<long>(sql, args);
        }
        const string Told = "SELECT COUNT(*) FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch";
        const string Records = "SELECT COUNT(DISTINCT n.case_id) FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batch";
        var pipeline = p.Services.GetRequiredService<CollectionPipeline>();
        pipeline.ChunkSize = 5;
        pipeline.Loaders = 1;   // one loader: the chunks are the file's rows in order

        // After each chunk's commit, every record it stored is told already: the notice is in the chunk's transaction.
        var seen = new List<(int Accepted, long Told)>();
        void Watch(BatchProgress progress) => seen.Add((progress.Accepted, Count(Told, new { kind = DecisionNotices.Kind, batch = progress.BatchId })));
        pipeline.ChunkCommitted += Watch;
        var rows = Enumerable.Range(1, 23).Select(i => Penalty($"哈尔滨同达测试{i:00}有限公司", Uscc($"MA1BT{i:0000}"), $"哈市监罚〔2026〕9{i:000}号")).ToList();
        var csv = Csv(PenaltyHeaders, rows);
        var request = new ImportRequest(provider, "admin-penalty", "api", "notices-1");
        Assert.Throws<IOException>(() => pipeline.Import(request, new Failing(csv, 12)));
        Assert.Equal([(5, 5L), (10, 10L)], seen);

        // The batch sent again takes over the 10 records loaded with their notices and tells the other 13: each once.
        var r = pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        pipeline.ChunkCommitted -= Watch;
        Assert.Equal((23, 23), (r.Rows, r.Accepted));
        Assert.Equal((23L, 23L), (Count(Told, new { kind = DecisionNotices.Kind, batch = r.BatchId }), Count(Records, new { kind = DecisionNotices.Kind, batch = r.BatchId })));

        // The same batch once more is answered as before; a later version of three records (another batch) tells nobody again.
        Assert.True(pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv)))).Replayed);
        var changed = rows.Take(3).Select(x => { var y = (string[])x.Clone(); y[Array.IndexOf(PenaltyHeaders, "处罚内容")] += "（更正）"; return y; }).ToList();
        var later = pipeline.Import(new ImportRequest(provider, "admin-penalty", "api", "notices-2"), new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, changed)))));
        Assert.Equal((3, 3), (later.Accepted, later.Updated));
        Assert.Equal(23L, Count("SELECT COUNT(*) FROM notifications WHERE case_kind = @kind", new { kind = DecisionNotices.Kind }));

        // Each message is the one the pass after the batch would write: the record's own decision, in its subject's mailbox.
        using var c = db.Open();
        var messages = c.Query<(string Recipient, string Title, string Body, string? Template, long SubjectId, string DocKey)>(
            $"SELECT n.recipient, n.title, n.body, t.text, r.subject_id, r.doc_key FROM {Stored} JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind",
            new { kind = DecisionNotices.Kind }).Select(m => m with { Body = Outbox.Expand(m.Template, m.Body) }).ToList();
        Assert.All(messages, m => Assert.Equal(m.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Recipient));
        Assert.All(messages, m => Assert.Equal(Xinyong.Text.Punctuation.Tidy(Xinyong.Disclosure.RepairNotice.RecordTitle), m.Title));
        Assert.Equal(23, messages.Select(m => m.Body).Distinct().Count());
        Assert.Contains(messages, m => m.Body.Contains("9001"));

        // The text rendered on the reading thread is the text the pass over the stored records writes.
        var inLoad = c.Query<(long CaseId, string Body, string? Template)>($"SELECT n.case_id, n.body, t.text FROM {Stored} WHERE n.case_kind = @kind", new { kind = DecisionNotices.Kind })
            .ToDictionary(x => x.CaseId, x => Outbox.Expand(x.Template, x.Body));
        c.Execute("DELETE FROM notifications WHERE case_kind = @kind", new { kind = DecisionNotices.Kind });
        new DecisionNotices(db, p.Services.GetRequiredService<Outbox>()).Complete(p.Services.GetRequiredService<CatalogSet>().Item("admin-penalty")!, r.BatchId);
        var fromStore = c.Query<(long CaseId, string Body, string? Template)>($"SELECT n.case_id, n.body, t.text FROM {Stored} WHERE n.case_kind = @kind", new { kind = DecisionNotices.Kind })
            .ToDictionary(x => x.CaseId, x => Outbox.Expand(x.Template, x.Body));
        Assert.Equal(20, fromStore.Count);   // the three corrected records belong to the later batch now
        Assert.All(fromStore, x => Assert.Equal(x.Value, inLoad[x.Key]));
    }
}
