using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Disclosure;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Collection.Sources;
using Xinyong.Disclosure;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Disclosure;
using Xinyong.Storage.Notifications;
using Xinyong.Tests.Support;
using Xinyong.Text;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>
/// The 两书同达 notices of a load are stored as a shared template and each record's values, and every path that reads a
/// message gives the whole text, exactly the text rendered whole; on both stores.
/// </summary>
public partial class SharedNoticeTextTests
{
    private sealed class Recording : IDeliveryChannel
    {
        public List<Notification> Delivered { get; } = [];
        public string Name => "test-recording";
        public void Deliver(Notification message) => Delivered.Add(message);
    }

    private const string Fallback = "哈尔滨市示例市场监督管理局。";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_notice_written_by_the_load_is_stored_short_and_read_whole_on_every_path(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var provider = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
        string Co(int i) => Uscc($"MA1TX{i:0000}");
        var rows = new List<string[]>
        {
            Penalty("哈尔滨共享文本01有限公司", Co(1), "哈市监罚〔2026〕7001号", "2026-10-12"),
            Penalty("哈尔滨共享文本02有限公司", Co(2), "哈市监罚〔2026〕7002号", "2026-09-01"),
            Penalty("哈尔滨共享文本03有限公司", Co(3), "哈市监罚〔2026〕7003号", "2026-06-30", ("处罚类别", "吊销营业执照;罚款")),
            Penalty("哈尔滨共享文本04有限公司", Co(4), "哈市监罚〔2026〕7004号", "2026-02-10"),
            Penalty("哈尔滨共享文本05有限公司", Co(5), "哈市监罚〔2026〕7005号", "2026-10-12", ("处罚机关", Fallback)),
            Penalty("哈尔滨共享文本06有限公司", Co(6), "哈市监罚〔2026〕7006号", "2026-10-20", ("处罚类别", "警告"), ("罚款金额（万元）", "0"), ("处罚内容", "警告")),
        };
        var r = p.Services.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(provider, "admin-penalty", "file"),
            new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rows)))));
        Assert.Equal(6, r.Accepted);

        // The text each record's notice is: the notice rendered whole from the stored record, tidied.
        var db = p.Services.GetRequiredService<Database>();
        var item = p.Services.GetRequiredService<CatalogSet>().Item("admin-penalty")!;
        var expected = new Dictionary<long, string>();
        var subjectOf = new Dictionary<long, long>();
        var rules = new Dictionary<long, string?>();
        using (var c = db.Open())
            foreach (var x in DecisionNoticeStore.Active(c, r.BatchId, item.Code).ToList())
            {
                var window = RecordWindow.Of(item, x.Severity, x.TierRule, x.Serious, x.Publication, x.PublicUntil, x.RepairFrom)!;
                var number = RecordJson.Parse(x.Fields).GetValueOrDefault("decisionNo");
                expected[x.Id] = Punctuation.Tidy(RepairNotice.ForRecord(item, x.Authority, number, x.DecidedOn, window));
                subjectOf[x.Id] = x.SubjectId;
                rules[x.Id] = x.TierRule;
            }
        Assert.Equal(6, expected.Count);
        Assert.Equal(4, rules.Values.Distinct().Count());   // general, serious, minor, and the catalog's own before the tiers took effect
        var fallback = Assert.Single(expected, e => e.Value.StartsWith(Fallback, StringComparison.Ordinal)).Key;

        // Stored: the template's id and only the values; the same shape shares one template; the fallback is whole.
        List<(long CaseId, long? TemplateId, long Length, string Body)> stored;
        using (var c = db.Open())
            stored = c.Query<(long, long?, long, string)>("SELECT case_id, template_id, length(body), body FROM notifications WHERE case_kind = @kind",
                new { kind = DecisionNotices.Kind }).ToList();
        Assert.Equal(expected.Keys.Order(), stored.Select(s => s.CaseId).Order());
        foreach (var s in stored.Where(s => s.CaseId != fallback))
        {
            Assert.NotNull(s.TemplateId);
            Assert.True(s.Length < 90, $"a stored body of {s.Length} characters: {s.Body}");
            Assert.True(expected[s.CaseId].Length > 4 * s.Length);
        }
        var whole = Assert.Single(stored, s => s.CaseId == fallback);
        Assert.Null(whole.TemplateId);
        Assert.Equal(expected[fallback], whole.Body);
        var general = stored.Where(s => s.CaseId != fallback && rules[s.CaseId] == "2026.1:admin-penalty/general").ToList();
        Assert.Equal(2, general.Count);
        Assert.Equal(general[0].TemplateId, general[1].TemplateId);
        using (var c = db.Open())
            Assert.Equal(stored.Where(s => s.TemplateId is not null).Select(s => s.TemplateId).Distinct().Count(), c.ExecuteScalar<long>("SELECT COUNT(*) FROM message_templates"));

        // Every read of the outbox gives the whole text: the mailboxes …
        var outbox = p.Services.GetRequiredService<Outbox>();
        foreach (var (record, subject) in subjectOf)
        {
            var message = Assert.Single(outbox.For([Mailbox.OfSubject(subject)]), m => m.CaseKind == DecisionNotices.Kind);
            Assert.Equal((record, expected[record]), (message.CaseId!.Value, message.Body));
        }
        // … the delivery to every channel …
        var channel = new Recording();
        new Outbox(db, p.Clock, [channel]).Dispatch();
        var delivered = channel.Delivered.Where(m => m.CaseKind == DecisionNotices.Kind).ToDictionary(m => m.CaseId!.Value, m => m.Body);
        Assert.Equal(expected.OrderBy(e => e.Key), delivered.OrderBy(e => e.Key));

        // … and the subject's messages in the API and on the page.
        foreach (var (i, record) in new[] { (1, Record(1)), (3, Record(3)), (5, fallback) })
        {
            var client = await Objections.Kit.Subject(p, Co(i));
            var (status, inbox) = await p.GetJson("/api/v1/notifications", client);
            Assert.Equal(200, status);
            var api = Assert.Single(inbox.EnumerateArray(), n => n.GetProperty("caseKind").GetString() == DecisionNotices.Kind);
            Assert.Equal((record, expected[record]), (api.GetProperty("caseId").GetInt64(), api.GetProperty("body").GetString()));
            var page = await client.GetStringAsync("/notifications");
            var shown = Section().Matches(page).Single(m => m.Groups[1].Value == api.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected[record], WebUtility.HtmlDecode(shown.Groups[2].Value));
        }

        long Record(int i) => expected.Single(e => e.Value.Contains($"7{i:000}号", StringComparison.Ordinal)).Key;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Two_transactions_each_using_new_templates_in_crossed_order_do_not_wait_for_each_other(string store)
    {
        // The two loaders of an import (PostgreSQL) each write notices of shapes not seen before. A template written in
        // the load's own transaction made the other wait on the unique hash until it committed: crossed, a deadlock.
        await using var p = await TestPlatform.Start(store);
        var db = p.Services.GetRequiredService<Database>();
        var outbox = p.Services.GetRequiredService<Outbox>();
        if (store != "postgres")
        {
            // SQLite has one writer, so one transaction at a time: the templates are written in it, once each.
            using var lite = db.Open();
            using var tx = lite.BeginTransaction();
            var first = outbox.TemplateId(lite, tx, "交叉甲{0}");
            Assert.Equal(first, outbox.TemplateId(lite, tx, "交叉甲{0}"));
            Assert.NotEqual(first, outbox.TemplateId(lite, tx, "交叉乙{0}"));
            tx.Commit();
            Assert.Equal(2, lite.ExecuteScalar<long>("SELECT COUNT(*) FROM message_templates WHERE text LIKE '交叉%'"));
            return;
        }
        var work = Task.Run(() =>
        {
            using var c1 = db.Open();
            using var c2 = db.Open();
            using var t1 = c1.BeginTransaction();
            using var t2 = c2.BeginTransaction();
            var a = outbox.TemplateId(c1, t1, "交叉甲{0}");
            var b = outbox.TemplateId(c2, t2, "交叉乙{0}");
            Assert.Equal(b, outbox.TemplateId(c1, t1, "交叉乙{0}"));
            Assert.Equal(a, outbox.TemplateId(c2, t2, "交叉甲{0}"));
            t1.Rollback();
            t2.Commit();
            return (a, b);
        });
        Assert.Same(work, await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(30))));
        var (idA, idB) = await work;
        // Written at once and for good: the rolled-back first user's template is there for the next.
        using var c = db.Open();
        Assert.Equal(2, c.ExecuteScalar<long>("SELECT COUNT(*) FROM message_templates WHERE id IN (@idA, @idB)", new { idA, idB }));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_template_is_stored_once_survives_a_rolled_back_first_use_and_values_it_cannot_hold_apart_are_stored_whole(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var db = p.Services.GetRequiredService<Database>();
        var outbox = p.Services.GetRequiredService<Outbox>();
        var box = new Mailbox(Recipients.Unit, "TEXTS-TEST");
        var template = "致{0}：您于{1}提交的材料已收到；{{编号}}为{2}。";
        OutgoingMessage Message(params string[] values) => OutgoingMessage.Templated(box, "test", values.Length, "材料收讫", new TextWithHoles(template, values));
        void Send(params OutgoingMessage[] messages)
        {
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            outbox.SendMany(c, tx, messages);
            tx.Commit();
        }

        // The first use of the template rolls back: its id must not be used by the next transaction.
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            outbox.SendMany(c, tx, [Message("甲公司", "2026年11月1日", "A-1")]);
            tx.Rollback();
        }
        // (Another template first, so that SQLite, which reuses the rolled-back rowid, gives that id to another text.)
        Send(OutgoingMessage.Templated(box, "test", 0, "通知", new TextWithHoles("全体单位：系统于今晚维护。", [])));
        Send(Message("乙公司", "2026年11月2日", "B-2"), Message("丙公司", "2026年11月3日", "C-3"));
        Send(Message("丁公司", "2026年11月4日", "D-4"));
        // A value holding the separator, and an empty value: stored whole.
        Send(Message("戊\u001F公司", "2026年11月5日", "E-5"), Message("己公司", "", "F-6"));
        // A message whose whole text cannot be tidied part by part: stored whole, tidied as a whole.
        Send(OutgoingMessage.Templated(box, "test", 9, "材料收讫", new TextWithHoles("甲。{0}", ["。乙"])));

        var read = outbox.For([box]).OrderBy(m => m.Id).Select(m => m.Body).ToList();
        Assert.Equal([
            "全体单位：系统于今晚维护。", "致乙公司：您于2026年11月2日提交的材料已收到；{编号}为B-2。", "致丙公司：您于2026年11月3日提交的材料已收到；{编号}为C-3。",
            "致丁公司：您于2026年11月4日提交的材料已收到；{编号}为D-4。", "致戊\u001F公司：您于2026年11月5日提交的材料已收到；{编号}为E-5。",
            "致己公司：您于提交的材料已收到；{编号}为F-6。", "甲。乙",
        ], read);
        using var check = db.Open();
        var rows = check.Query<(long? TemplateId, string Body)>("SELECT template_id, body FROM notifications WHERE recipient = 'TEXTS-TEST' ORDER BY id").ToList();
        Assert.Equal([true, true, true, true, false, false, false], rows.Select(x => x.TemplateId is not null));
        Assert.Equal("", rows[0].Body);   // a template without holes: no values
        Assert.Equal("乙公司\u001F2026年11月2日\u001FB-2", rows[1].Body);
        Assert.Equal(1, rows.Skip(1).Take(3).Select(x => x.TemplateId).Distinct().Count());
        Assert.Equal(2, check.ExecuteScalar<long>("SELECT COUNT(*) FROM message_templates"));
        Assert.Equal(template, check.ExecuteScalar<string>("SELECT text FROM message_templates WHERE id = @id", new { id = rows[1].TemplateId }));

        // Another outbox on the same store (another process) finds the stored template by its hash and adds none.
        var other = new Outbox(db, p.Clock, []);
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            other.SendMany(c, tx, [Message("庚公司", "2026年11月7日", "G-7")]);
            tx.Commit();
        }
        Assert.Equal(2, check.ExecuteScalar<long>("SELECT COUNT(*) FROM message_templates"));
        Assert.Equal("致庚公司：您于2026年11月7日提交的材料已收到；{编号}为G-7。", outbox.For([box])[0].Body);
    }

    [GeneratedRegex("""data-notification="(\d+)">\s*<p>.*?</p>\s*<p>(.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex Section();
}
