using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinyong.Storage;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Operations;

/// <summary>
/// Reads from a PostgreSQL hot standby (<c>ReadReplica</c>): public reads are served by the standby, what the subject
/// itself has just written shows at once (it reads the primary), and when the standby stops, reads go on (fallback to
/// the primary, logged). Needs the standby that <c>./test.sh</c> starts: <c>XINYONG_TEST_PG_STANDBY</c> (its server)
/// and <c>XINYONG_TEST_PG_STANDBY_DATA</c> (its data folder, to stop and start it).
/// It runs alone (the serial collection): replication timing under a loaded machine made it fail once in a full run.
/// </summary>
[Collection("EnvironmentCollection")]
public class ReadReplicaTests
{
    private static readonly string Co = Uscc("MA1REPL01");
    private const string Name = "哈尔滨只读副本示例有限公司";

    private static string? Standby => Environment.GetEnvironmentVariable("XINYONG_TEST_PG_STANDBY") is { Length: > 0 } s ? s : null;
    private static string? StandbyData => Environment.GetEnvironmentVariable("XINYONG_TEST_PG_STANDBY_DATA") is { Length: > 0 } s ? s : null;

    [Fact]
    public async Task Public_reads_come_from_the_standby_the_subjects_own_writes_show_at_once_and_reads_go_on_when_it_stops()
    {
        if (Standby is null || StandbyData is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("XINYONG_REQUIRE_PG_STANDBY") == "1",
                "XINYONG_TEST_PG_STANDBY and XINYONG_TEST_PG_STANDBY_DATA must name the hot standby (./test.sh starts one)");
            return;
        }
        string? replica = null;
        await using var p = await TestPlatform.Start("postgres", configure: o =>
        {
            replica = new NpgsqlConnectionStringBuilder(Standby) { Database = new NpgsqlConnectionStringBuilder(o.Db).Database }.ConnectionString;
            return o with { ReadReplica = replica };
        });
        var db = p.Services.GetRequiredService<Database>();
        Assert.NotNull(db.ReadReplica);
        Assert.NotNull(db.ReplicaUnavailable);   // fallbacks are logged

        await Push(p, "honour", Honour(Name, Co, "黑文明委〔2026〕31号", "黑龙江省文明单位"));
        await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕3101号"));
        WaitForReplay(p.Store.Db, replica!);
        Assert.Equal(["哈市监罚〔2026〕3101号", "黑文明委〔2026〕31号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));

        var self = await SignInSubject(p, Co);
        var honour = RecordId(p, Co, "黑文明委〔2026〕31号");
        try
        {
            // The standby stops replaying: whatever the primary takes from now on, the standby does not have.
            Execute(replica!, "SELECT pg_wal_replay_pause()");
            await Push(p, "admin-penalty", CompanyPenalty(Name, Co, "哈市监罚〔2026〕3102号"));
            var subject = p.Services.GetRequiredService<SubjectStore>().Find(Co)!;
            Assert.Equal(3, p.Services.GetRequiredService<RecordReader>().OfSubject(subject.Id).Count);   // the primary holds three
            // The public subject page and API are served by the standby: they do not show the third record yet.
            Assert.Equal(["哈市监罚〔2026〕3101号", "黑文明委〔2026〕31号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
            var (_, page) = await Page(p.Http, $"/subjects/{Co}");
            Assert.DoesNotContain("哈市监罚〔2026〕3102号", page.Body!.TextContent);

            // The subject's own write (Art. 37: it stops the publication of its honour) shows in its own view at once.
            var declined = await PostForm(self, "/self", "/self?handler=Decline", new() { ["recordId"] = honour.ToString() });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, declined.StatusCode);
            var (_, own) = await Page(self, "/self");
            Assert.Contains("不予公示", own.QuerySelector($"tr[data-record='{honour}']")!.TextContent);
            Assert.Contains("哈市监罚〔2026〕3102号", own.Body!.TextContent);
            Assert.Contains("黑文明委〔2026〕31号", Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));   // the public: not yet
        }
        finally
        {
            Execute(replica!, "SELECT pg_wal_replay_resume()");
        }
        WaitForReplay(p.Store.Db, replica!);
        Assert.Equal(["哈市监罚〔2026〕3101号", "哈市监罚〔2026〕3102号"], Numbers((await p.GetJson($"/api/v1/subjects/{Co}")).Body));
        Assert.Equal(0, db.ReplicaFallbacks);

        // The standby stops: public reads go on from the primary, and the fallback is counted and logged.
        PgCtl("stop", "-m", "fast");
        try
        {
            var (status, body) = await p.GetJson($"/api/v1/subjects/{Co}");
            Assert.Equal(200, status);
            Assert.Equal(["哈市监罚〔2026〕3101号", "哈市监罚〔2026〕3102号"], Numbers(body));
            Assert.Equal(200, (int)(await p.Http.GetAsync("/shuanggongshi")).StatusCode);
            Assert.True(db.ReplicaFallbacks >= 1);
        }
        finally
        {
            PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(Path.GetDirectoryName(StandbyData!.TrimEnd('/'))!, "standby.log"));
        }
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    private static void WaitForReplay(string primary, string standby)
    {
        string lsn;
        using (var c = new NpgsqlConnection(primary)) lsn = c.ExecuteScalar<string>("SELECT pg_current_wal_lsn()::text")!;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var c = new NpgsqlConnection(standby);
            if (c.ExecuteScalar<bool>("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", new { lsn })) return;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the standby did not replay up to {lsn} within a minute");
            Thread.Sleep(50);
        }
    }

    private static void Execute(string server, string sql)
    {
        using var c = new NpgsqlConnection(server);
        c.Execute(sql);
    }

    /// <summary>Runs Debian's pg_ctl on the standby (as the postgres user when the tests run as root).</summary>
    private static void PgCtl(params string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Last();
        var psi = new ProcessStartInfo(Environment.UserName == "root" ? "runuser" : Path.Combine(bin, "bin", "pg_ctl"))
            { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root") foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(bin, "bin", "pg_ctl") }) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-D");
        psi.ArgumentList.Add(StandbyData!);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var proc = Process.Start(psi)!;
        var err = proc.StandardError.ReadToEndAsync();
        proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        Assert.True(proc.ExitCode == 0, $"pg_ctl {string.Join(' ', args)}: {err.Result}");
    }
}
