using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Catalog;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;
using Xinyong.Synthetic;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>
/// A batch that an import left unfinished (the loading process died, or the import failed after some chunks were
/// committed) can be sent again with the same batch id, and then lands exactly once, on both stores.
/// </summary>
public class BatchRecoveryTests
{
    /// <summary>The rows of a CSV, stopping (by blocking, then throwing) after a given number.</summary>
    private sealed class Interrupted(string csv, int after, SemaphoreSlim? hold) : IRecordSource
    {
        private readonly CsvSource _inner = new(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        public IReadOnlyCollection<string> UnknownColumns => _inner.UnknownColumns;

        public IEnumerable<SourceRow> Rows(CatalogItem item)
        {
            var n = 0;
            foreach (var r in _inner.Rows(item))
            {
                if (n++ == after)
                {
                    hold?.Wait();
                    throw new IOException("the connection was reset");
                }
                yield return r;
            }
        }

        public void Dispose() => _inner.Dispose();
    }

    private static CollectionPipeline Pipeline(TestPlatform p) =>
        new(p.Services.GetRequiredService<Database>(), p.Services.GetRequiredService<CatalogSet>(), p.Services.GetRequiredService<SubjectStore>(),
            p.Services.GetRequiredService<TimeProvider>(), p.Services.GetServices<IBatchLoadedHandler>(), p.Services.GetServices<IRecordChangeListener>())
        { ChunkSize = 10, Loaders = 1 };   // one loader: chunk boundaries are places in the file (two loaders: TwoLoaderTests)

    private static long Count(TestPlatform p, string sql, object? args = null)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task With_two_loaders_the_progress_adds_up_at_every_commit_and_a_failed_batch_sent_again_lands_once(string store)
    {
        // PostgreSQL loads with two loaders, one a partition of the subjects (SQLite, one writer, always with one).
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var provider = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
        var pipeline = p.Services.GetRequiredService<CollectionPipeline>();
        Assert.Equal(2, pipeline.Loaders);
        pipeline.ChunkSize = 7;
        // Three records a subject, as in a real file; and one row twice (a duplicate) and one invalid row.
        var rows = Enumerable.Range(1, 120).Select(i => Penalty($"哈尔滨双线测试{i % 40:00}有限公司", Uscc($"MA1BD{i % 40:0000}"), $"哈市监罚〔2026〕3{i:000}号")).ToList();
        rows.Add(rows[5]);
        rows.Add(Penalty("哈尔滨双线测试错误有限公司", "91230100MA1BD9999X", "哈市监罚〔2026〕3999号"));
        var csv = Csv(PenaltyHeaders, rows);
        Assert.Equal(2, Enumerable.Range(1, 40).Select(i => CollectionPipeline.SubjectPartition(Uscc($"MA1BD{i % 40:0000}"))).Distinct().Count());

        var seen = new System.Collections.Concurrent.ConcurrentQueue<BatchProgress>();
        void Watch(BatchProgress x) => seen.Enqueue(x);
        pipeline.ChunkCommitted += Watch;
        try
        {
            // Fails after 80 rows: what the loaders committed by then stays, each chunk with its progress.
            var request = new ImportRequest(provider, "admin-penalty", "api", "two-loaders");
            Assert.Throws<IOException>(() => pipeline.Import(request, new Interrupted(csv, 80, null)));
            Assert.NotEmpty(seen);
            foreach (var x in seen) Assert.Equal(x.RowsRead, x.Accepted + x.Duplicates + x.Rejected);
            var failed = Count(p, "SELECT id FROM batches WHERE sent_key = 'two-loaders'");
            Assert.Equal(Count(p, "SELECT COUNT(*) FROM records WHERE batch_id = @failed", new { failed }),
                Count(p, "SELECT accepted FROM batches WHERE id = @failed", new { failed }));

            // Sent again: every record once, each told once, the progress committed equal to the answer.
            seen.Clear();
            var r = pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
            Assert.Equal((122, 120, 1, 1), (r.Rows, r.Accepted, r.Duplicates, r.Rejected.Count));
            foreach (var x in seen) Assert.Equal(x.RowsRead, x.Accepted + x.Duplicates + x.Rejected);
            Assert.Equal(120, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'"));
            Assert.Equal(120, Count(p, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id = r.BatchId }));
            Assert.Equal(40, Count(p, "SELECT COUNT(DISTINCT subject_id) FROM records WHERE provider = 'HRB-SJ'"));
            Assert.Equal(120, Count(p, "SELECT COUNT(*) FROM notifications WHERE case_kind = 'repair-notice'"));
            Assert.Equal(120, Count(p, "SELECT COUNT(DISTINCT case_id) FROM notifications WHERE case_kind = 'repair-notice'"));
            var last = seen.MaxBy(x => x.RowsRead)!;
            Assert.Equal((122, 120, 1, 1), (last.RowsRead, last.Accepted, last.Duplicates, last.Rejected));
        }
        finally { pipeline.ChunkCommitted -= Watch; }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_batch_abandoned_or_failed_midway_is_sent_again_and_lands_exactly_once(string store)
    {
        await using var p = await TestPlatform.Start(store);
        p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var provider = p.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
        var rows = Enumerable.Range(1, 35).Select(i => Penalty($"哈尔滨续传测试{i:00}有限公司", Uscc($"MA1BR{i:0000}"), $"哈市监罚〔2026〕6{i:000}号")).ToList();
        var csv = Csv(PenaltyHeaders, rows);
        var pipeline = Pipeline(p);
        var request = new ImportRequest(provider, "admin-penalty", "api", "batch-7");

        // The first attempt commits two chunks (20 rows), then its input stalls: the batch is in progress.
        using var hold = new SemaphoreSlim(0);
        var first = Task.Run(() => pipeline.Import(request, new Interrupted(csv, 25, hold)));
        var waited = Stopwatch.StartNew();
        while (Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'") < 20 && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        Assert.Equal(20, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'"));

        // While its process lives and keeps it alive, the same batch id is refused as still in progress.
        Assert.Throws<BatchInProgressException>(() => pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv)))));

        // Past the lease without a heartbeat (the clock moves on), it is abandoned: the retry takes over its 20 rows.
        p.Clock.Advance(pipeline.BatchLease + TimeSpan.FromSeconds(1));
        var retry = pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        Assert.Equal((35, 35, 0, 0, 0), (retry.Rows, retry.Accepted, retry.Duplicates, retry.Updated, retry.Rejected.Count));
        Assert.Equal(35, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'"));
        Assert.Equal(35, Count(p, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id = retry.BatchId }));
        Assert.Equal(1, Count(p, "SELECT COUNT(*) FROM batches WHERE sent_key = 'batch-7' AND batch_key LIKE 'batch-7:abandoned:%' AND finished_at IS NOT NULL"));

        // The stalled attempt fails at last: nothing changes, and the batch id answers as the retry did.
        hold.Release();
        await Assert.ThrowsAsync<IOException>(() => first);
        var again = pipeline.Import(request, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        Assert.True(again.Replayed);
        Assert.Equal((retry.BatchId, 35), (again.BatchId, again.Accepted));
        Assert.Equal(35, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'"));

        // An import that fails after committing chunks frees its batch id; the next attempt counts its rows once.
        var more = Enumerable.Range(1, 25).Select(i => Penalty($"哈尔滨失败测试{i:00}有限公司", Uscc($"MA1BF{i:0000}"), $"哈市监罚〔2026〕7{i:000}号")).ToList();
        var failing = new ImportRequest(provider, "admin-penalty", "api", "batch-8");
        Assert.Throws<IOException>(() => pipeline.Import(failing, new Interrupted(Csv(PenaltyHeaders, more), 12, null)));
        Assert.Equal(10, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'") - 35);
        var second = pipeline.Import(failing, new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, more)))));
        Assert.Equal((25, 25, 0), (second.Rows, second.Accepted, second.Duplicates));
        Assert.Equal(60, Count(p, "SELECT COUNT(*) FROM records WHERE provider = 'HRB-SJ'"));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static Process Serve(TempStore s, int port)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = s.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "xinyong.dll"), "serve", "--port", port.ToString(), "--db", s.Db,
                     "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules, "--no-sample", "--now", "2026-11-22T10:00:00+08:00" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task Healthy(HttpClient http, int port)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the platform did not start");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_push_killed_midway_is_sent_again_after_a_restart_and_lands_exactly_once(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        var add = await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "HRB-SJ", "--name", "哈尔滨市示例市场监督管理局", "--items", "admin-penalty");
        Assert.Equal(0, add.ExitCode);
        var token = add.Json.GetProperty("token").GetString();

        // 50,000 records (the most one push may hold): several load chunks.
        var gen = new ShuanggongshiGenerator(11, 40_000, new DateOnly(2026, 11, 20));
        var headers = ShuanggongshiGenerator.Headers("admin-penalty");
        var records = Enumerable.Range(0, 50_000).Select(_ => gen.Next("admin-penalty"))
            .Select(r => headers.Zip(r).Where(x => x.Second.Length > 0).ToDictionary(x => x.First, x => x.Second)).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { batchId = "kill-1", item = "admin-penalty", records });

        var db = Database.FromArgument(s.Db);
        long Scalar(string sql)
        {
            using var c = db.Open();
            return c.ExecuteScalar<long>(sql);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        async Task<HttpResponseMessage> Push(int port)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return await http.PostAsync($"http://127.0.0.1:{port}/api/v1/records", content);
        }

        // The platform is killed (SIGKILL) once the first chunk is committed and before the batch is answered.
        var port = FreePort();
        using (var server = Serve(s, port))
        {
            try
            {
                await Healthy(http, port);
                var push = Push(port);
                var waited = Stopwatch.StartNew();
                while (Scalar("SELECT COUNT(*) FROM records") == 0 && !push.IsCompleted && waited.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(5);
                server.Kill();
                await server.WaitForExitAsync();
                await Assert.ThrowsAnyAsync<Exception>(() => push);
            }
            finally
            {
                if (!server.HasExited) { server.Kill(); await server.WaitForExitAsync(); }
            }
        }
        var loaded = Scalar("SELECT COUNT(*) FROM records");
        // Whole chunks only, each committed with its progress; on PostgreSQL the two loaders' chunks may all have
        // committed just before the kill landed, and the batch is still unanswered either way.
        Assert.InRange(loaded, 1, store == "postgres" ? 50_000 : 49_999);
        Assert.Equal(loaded, Scalar("SELECT accepted FROM batches WHERE batch_key = 'kill-1'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM batches WHERE batch_key = 'kill-1' AND response IS NULL"));

        // After a restart the same batch id is accepted again (no longer "still being processed") and lands once.
        port = FreePort();
        using var restarted = Serve(s, port);
        try
        {
            await Healthy(http, port);
            var r = await Push(port);
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.OK, text);
            var answer = JsonDocument.Parse(text).RootElement;
            var accepted = answer.GetProperty("accepted").GetInt32();
            var duplicates = answer.GetProperty("duplicates").GetInt32();
            Assert.Equal(50_000, answer.GetProperty("rows").GetInt32());
            Assert.Equal(50_000, accepted + duplicates + answer.GetProperty("rejected").GetArrayLength());
            Assert.Equal(accepted, Scalar("SELECT COUNT(*) FROM records"));
            Assert.Equal(accepted, Scalar("SELECT COUNT(*) FROM records WHERE batch_id = (SELECT id FROM batches WHERE batch_key = 'kill-1')"));
            Assert.Equal(1, Scalar("SELECT COUNT(*) FROM batches WHERE sent_key = 'kill-1' AND response IS NULL AND finished_at IS NOT NULL"));

            // And once more: the stored answer, nothing added.
            var replay = await Push(port);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.True(replay.Headers.Contains("X-Batch-Replayed"));
            Assert.Equal(accepted, JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(accepted, Scalar("SELECT COUNT(*) FROM records"));
        }
        finally
        {
            restarted.Kill();
            await restarted.WaitForExitAsync();
        }
    }
}
