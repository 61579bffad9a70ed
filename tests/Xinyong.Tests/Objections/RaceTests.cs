using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Cases;
using Xinyong.Application.Objections;
using Xinyong.Objections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>
/// The desks take no lock of their own: two steps racing on one objection or one record are kept apart by the store
/// alone (the case's version check, the partial unique indexes of one open objection per record), so they hold across
/// processes too. Each race starts both steps together on two threads, several times, on both stores: one wins, the other
/// is refused with a conflict (never an internal error), and the store holds the winner's step exactly once.
/// </summary>
public class RaceTests
{
    private const int Rounds = 4;

    private static (Exception? Error, T? Value)[] Race<T>(Func<T> first, Func<T> second) where T : class
    {
        using var start = new Barrier(2);
        (Exception?, T?) Run(Func<T> step)
        {
            start.SignalAndWait();
            try { return (null, step()); }
            catch (Exception e) { return (e, null); }
        }
        var a = Task.Factory.StartNew(() => Run(first), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Run(second), TaskCreationOptions.LongRunning);
        Task.WaitAll(a, b);
        return [a.Result, b.Result];
    }

    private static long Count(TestPlatform p, string sql, object? args = null)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Two_deciders_racing_on_one_objection_decide_it_once(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        Kit.Staff(p, "AG-01");
        Kit.Staff(p, "AG-02");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var (one, two) = (accounts.Get("AG-01")!, accounts.Get("AG-02")!);
        var desk = p.Services.GetRequiredService<ObjectionDesk>();
        var records = p.Services.GetRequiredService<RecordReader>();
        for (var round = 0; round < Rounds; round++)
        {
            var recordId = await Kit.Penalty(p, provider, Uscc($"MA1RC{round:D4}"), $"哈市监罚〔2026〕97{round:D2}号", "2026-10-20");
            var id = desk.File(new NewObjection(ObjectionTargets.Record, recordId, null, "罚款金额有误", "某公司", "0451-6", null, []), Filer.Paper(one)).Id;
            var before = records.Get(recordId)!;

            // One corrects the record, the other rejects the objection, at the same moment.
            var results = Race(
                () => desk.Decide(id, one, new DecisionRequest("upheld", "correct", "经核对决定书原件，罚款金额应为1万元", true),
                    new Dictionary<string, string?> { ["罚款金额（万元）"] = "1", ["content"] = "罚款人民币壹万元" }),
                () => desk.Decide(id, two, new DecisionRequest("rejected", null, "经核对，信息无误", false), null));

            var won = Assert.Single(results, r => r.Error is null);
            var lost = Assert.Single(results, r => r.Error is not null);
            var refusal = Assert.IsType<Refusal>(lost.Error);
            Assert.Equal(RefusalKind.Conflict, refusal.Kind);
            var decided = desk.Get(id)!;
            Assert.Equal(won.Value!.Status, decided.Status);
            Assert.True(decided.Status.Decided);
            // The store holds the winner's decision once: one decision entry, the record corrected only if the correction won.
            Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM case_steps WHERE case_kind = 'objection' AND case_id = @id AND kind IN ('upheld', 'rejected')", new { id }));
            var after = records.Get(recordId)!;
            var corrected = decided.Status == ObjectionStatus.Upheld;
            Assert.Equal(before.Version + (corrected ? 1 : 0), after.Version);
            Assert.Equal(corrected ? 1 : 0, records.Versions(recordId).Count);
            Assert.False(after.UnderObjection);
            Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'objection' AND case_id = @id AND title = '异议处理决定'", new { id }));
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Two_filings_racing_on_one_record_open_one_objection(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        Kit.Staff(p, "AG-01");
        Kit.Staff(p, "AG-02");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var (one, two) = (Filer.Paper(accounts.Get("AG-01")!), Filer.Paper(accounts.Get("AG-02")!));
        var desk = p.Services.GetRequiredService<ObjectionDesk>();
        for (var round = 0; round < Rounds; round++)
        {
            var recordId = await Kit.Penalty(p, provider, Uscc($"MA1RF{round:D4}"), $"哈市监罚〔2026〕98{round:D2}号", "2026-10-20");
            NewObjection Objection(string reason) => new(ObjectionTargets.Record, recordId, null, reason, "某公司", "0451-6", null, []);

            var results = Race(() => desk.File(Objection("罚款金额有误"), one), () => desk.File(Objection("处罚日期有误"), two));

            var won = Assert.Single(results, r => r.Error is null);
            var lost = Assert.Single(results, r => r.Error is not null);
            var refusal = Assert.IsType<Refusal>(lost.Error);
            Assert.Equal((RefusalKind.Conflict, "objection.open-exists"), (refusal.Kind, refusal.Code));
            Assert.Equal(ObjectionStatus.Open, won.Value!.Status);
            // Nothing of the refused filing stays: one objection, one case, one mark.
            Assert.Equal([won.Value.Id], desk.OpenAgainst(ObjectionTargets.Record, recordId).Select(o => o.Id));
            Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM objections WHERE record_id = @recordId", new { recordId }));
            Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM cases c WHERE c.kind = 'objection' AND c.id IN (SELECT case_id FROM objections WHERE record_id = @recordId)", new { recordId }));
            Assert.Equal(round + 1, Count(p, "SELECT COUNT(*) FROM cases WHERE kind = 'objection'"));
            Assert.True(p.Services.GetRequiredService<RecordReader>().Get(recordId)!.UnderObjection);
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_second_filing_on_a_record_is_refused_naming_the_open_objection(string store)
    {
        // The unique index refuses it; the refusal still names the objection in progress (read after the refused transaction).
        await using var p = await TestPlatform.Start(store, now: "2026-11-02T09:00:00+08:00");
        var provider = Kit.ProviderClient(p);
        Kit.Staff(p, "AG-01");
        var filer = Filer.Paper(p.Services.GetRequiredService<AccountStore>().Get("AG-01")!);
        var desk = p.Services.GetRequiredService<ObjectionDesk>();
        var recordId = await Kit.Penalty(p, provider, Uscc("MA1RT0001"), "哈市监罚〔2026〕9901号", "2026-10-20");
        NewObjection Objection(string reason) => new(ObjectionTargets.Record, recordId, null, reason, "某公司", "0451-6", null, []);
        var first = desk.File(Objection("罚款金额有误"), filer);

        var refusal = Assert.Throws<Refusal>(() => desk.File(Objection("处罚日期有误"), filer));

        Assert.Equal((RefusalKind.Conflict, "objection.open-exists"), (refusal.Kind, refusal.Code));
        Assert.Equal($"该信息已有处理中的异议（编号{first.Id}），请等待处理决定", refusal.Message);
        Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM objections WHERE record_id = @recordId", new { recordId }));
        Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM cases WHERE kind = 'objection'"));
    }
}
