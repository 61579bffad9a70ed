using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Collection.Sources;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Application.Cases;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Objections;
using Xinyong.Web.Features.Cases;
using Xinyong.Application.Publication;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;
using Xinyong.Application.Objections;

namespace Xinyong.Bench;

/// <summary>
/// Objections at volume on a fresh store (SQLite by default; PostgreSQL when XINYONG_BENCH_PG names a server): files N
/// objections spread over 10 competent units (each: validation, routing, deadlines, history, messages, the objection
/// mark), then times the worklist of one unit and of all units, and the deadline watch when every decision is overdue.
/// </summary>
internal static class ObjectionBench
{
    private static readonly string[] Headers =
    [
        "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
        "处罚内容", "罚款金额（万元）", "处罚决定日期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码",
    ];

    public static int Run(string[] args)
    {
        IReadOnlyDictionary<string, int> o;
        try
        {
            o = Options.Parse(args, new Dictionary<string, int> { ["--objections"] = 5000, ["--queries"] = 200 });
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"objections: {e.Message}");
            return 2;
        }
        var (n, queries) = (o["--objections"], o["--queries"]);
        var folder = Directory.CreateTempSubdirectory("xinyong-bench-").FullName;
        var pg = Environment.GetEnvironmentVariable("XINYONG_BENCH_PG");
        var dbName = "xinyong_bench_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var db = pg is null ? Path.Combine(folder, "xinyong.db") : CreatePostgres(pg, dbName);
            var clock = new BenchClock(DateTimeOffset.Parse("2026-11-02T09:00:00+08:00", CultureInfo.InvariantCulture));
            var options = new PlatformOptions { Db = db, Sample = false, KeysDirectory = Path.Combine(folder, "keys"), Clock = clock };
            using var sp = new ServiceCollection().AddLogging().AddPlatformCore(options).AddSingleton<SubjectViews>().AddCases().BuildServiceProvider();
            var store = sp.GetRequiredService<Database>();
            Migrator.Migrate(store);

            var load = Stopwatch.StartNew();
            var records = Load(sp, n);
            load.Stop();

            var desk = sp.GetRequiredService<ObjectionDesk>();
            var accounts = sp.GetRequiredService<AccountStore>();
            accounts.AddOrUpdate(new NewAccount("BENCH-AG", AccountKinds.Staff, "基准测试工作人员", Role: "agency"));
            var filer = Filer.Paper(accounts.Get("BENCH-AG")!);
            var filing = new List<double>(n);
            var filingCpu = new List<double>(n);
            foreach (var id in records)
            {
                var start = Stopwatch.GetTimestamp();
                var cpu = LoadProfile.ThreadCpuMicros();
                desk.File(new NewObjection(ObjectionTargets.Record, id, "error", "基准测试：信息内容错误", "某公司", "0451-0", null, []), filer);
                filing.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                filingCpu.Add((LoadProfile.ThreadCpuMicros() - cpu) / 1000.0);
            }

            var cases = sp.GetRequiredService<CaseViews>();
            var unit = Time(queries, () => cases.Worklist(["BENCH-P0"]).Count, out var unitItems);
            var all = Time(queries, () => cases.Worklist(null).Count, out var allItems);

            var watch = sp.GetRequiredService<DeadlineWatch>();
            clock.Set(DateTimeOffset.Parse("2026-11-16T09:00:00+08:00", CultureInfo.InvariantCulture));
            var first = Stopwatch.StartNew();
            var report = watch.RunOnce();
            first.Stop();
            var again = Stopwatch.StartNew();
            var quiet = watch.RunOnce();
            again.Stop();

            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"objections: {n} filed over 10 units on {store.Display.Split(' ')[0]}, {queries} worklist queries each"));
            Console.WriteLine(string.Create(c, $"  machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine(string.Create(c, $"  setup: {n} penalty records imported in {load.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(c, $"  file (route, deadlines, history, messages, mark): median {Stats.Quantile(filing, 0.5):F2} ms, p95 {Stats.Quantile(filing, 0.95):F2} ms, max {filing.Max():F1} ms, {n / (filing.Sum() / 1000):F0}/s"));
            Console.WriteLine(string.Create(c, $"  file, this thread's CPU time a filing (steadier than wall time on a shared machine): mean {filingCpu.Average():F3} ms"));
            Console.WriteLine(string.Create(c, $"  worklist of one unit ({unitItems} items): median {Stats.Quantile(unit, 0.5):F2} ms, p95 {Stats.Quantile(unit, 0.95):F2} ms"));
            Console.WriteLine(string.Create(c, $"  worklist of all units (first {allItems} of {n}): median {Stats.Quantile(all, 0.5):F2} ms, p95 {Stats.Quantile(all, 0.95):F2} ms"));
            Console.WriteLine(string.Create(c, $"  deadline watch, every decision overdue: {first.Elapsed.TotalSeconds:F2} s ({report.OverdueReported} reported, {report.OverdueReported / first.Elapsed.TotalSeconds:F0}/s); next run {again.Elapsed.TotalMilliseconds:F0} ms ({quiet.OverdueReported} reported)"));
            Console.WriteLine(string.Create(c, $"  peak working set: {Stats.PeakWorkingSetMiB():F0} MiB"));
            return 0;
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (pg is not null) DropPostgres(pg, dbName);
            Directory.Delete(folder, true);
        }
    }

    private static List<double> Time(int n, Func<int> query, out int items)
    {
        items = query();
        var list = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query();
            list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return list;
    }

    /// <summary>Imports n penalties of n companies, from 10 provider units; returns the record ids.</summary>
    private static List<long> Load(IServiceProvider sp, int n)
    {
        var accounts = sp.GetRequiredService<AccountStore>();
        var pipeline = sp.GetRequiredService<CollectionPipeline>();
        var authority = Uscc("MB0BENCH1", "11230100");
        for (var u = 0; u < 10; u++)
        {
            var code = $"BENCH-P{u}";
            accounts.AddOrUpdate(new NewAccount(code, AccountKinds.Provider, $"基准测试提供单位{u}", Items: ["admin-penalty"]));
            var csv = new StringBuilder(string.Join(',', Headers)).Append('\n');
            for (var i = u; i < n; i += 10)
                csv.Append(string.Join(',', $"基准测试公司{i}", "法人及非法人组织", Uscc($"MA{i:D7}"), "张伟", $"基准罚〔2026〕{i}号", "销售不合格产品", "抽检不合格", "《产品质量法》第四十九条",
                    "罚款", "罚款人民币贰万元", "2", "2026-10-20", "基准测试市场监督管理局", authority, "基准测试市场监督管理局", authority)).Append('\n');
            using var source = RecordSources.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), SourceFormat.Csv);
            var r = pipeline.Import(new ImportRequest(accounts.Get(code)!, "admin-penalty", "file", FileName: "bench.csv"), source);
            if (r.Rejected.Count > 0) throw new InvalidOperationException($"bench rows rejected: {r.Rejected[0].Errors[0].Message}");
        }
        using var c = sp.GetRequiredService<Database>().Open();
        return Dapper.SqlMapper.Query<long>(c, "SELECT id FROM records ORDER BY id").ToList();
    }

    private static string Uscc(string body, string prefix = "91230100")
    {
        var first = prefix + body;
        return first + Xinyong.Identifiers.Uscc.CheckCharacter(first);
    }

    private static string CreatePostgres(string server, string name)
    {
        using (var c = new Npgsql.NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static void DropPostgres(string server, string name)
    {
        using var c = new Npgsql.NpgsqlConnection(server);
        c.Open();
        using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A clock the benchmark sets.</summary>
    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

        public void Set(DateTimeOffset now) => _now = now;
    }
}
