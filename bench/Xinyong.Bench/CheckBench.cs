using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinyong.Calendar;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Web;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Bench;

/// <summary>
/// The check of Art. 43-44 at the province's scale: a store with 1 million subjects, 10 million records and 650,000
/// list entries (generated once with <see cref="BulkInsert"/> and kept), then
/// (1) in-process: the evaluation of random subjects and scenarios, and the full logged check, one at a time;
/// (2) over HTTP: <c>wrk</c> posting checks with a department token to the running platform, at several concurrencies.
/// </summary>
internal static class CheckBench
{
    private const int RecordsPerSubjectMin = 3;
    private static readonly string[] Scenarios = ["licensing", "procurement", "public-funds", "awards", "public-services", "supervision"];
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        string? store = null, dbArg = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--store" && i + 1 < args.Length) store = args[++i];
            else if (args[i] == "--db" && i + 1 < args.Length) dbArg = args[++i];
            else rest.Add(args[i]);
        }
        IReadOnlyDictionary<string, int> o;
        try
        {
            if (store is not ("sqlite" or "postgres")) throw new ArgumentException("--store must be sqlite or postgres");
            if (store == "postgres" && dbArg is null) throw new ArgumentException("--db: a PostgreSQL connection string (its database is created when missing)");
            o = Options.Parse(rest.ToArray(), new Dictionary<string, int>
            {
                ["--subjects"] = 1_000_000, ["--records"] = 10_000_000, ["--entries"] = 650_000,
                ["--iterations"] = 100_000, ["--logged"] = 10_000, ["--seconds"] = 30,
            });
            if (o["--records"] < o["--subjects"] * RecordsPerSubjectMin) throw new ArgumentException($"--records must be at least {RecordsPerSubjectMin} per subject");
            if (o["--entries"] > o["--subjects"]) throw new ArgumentException("--entries cannot exceed --subjects");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"checks: {e.Message}");
            return 2;
        }

        var db = store == "sqlite"
            ? Database.Sqlite(dbArg ?? Path.Combine(Path.GetTempPath(), "xinyong-bench", "checks.db"))
            : Database.Postgres(PostgresDatabase(dbArg!));
        var keys = Path.Combine(Path.GetTempPath(), "xinyong-bench", "keys-" + store);
        Console.WriteLine($"checks benchmark on {db.Display}: {o["--subjects"]:N0} subjects, {o["--records"]:N0} records, {o["--entries"]:N0} list entries");
        Console.WriteLine($"  machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(IsRelease ? "Release" : "Debug")} build");
        Migrator.Migrate(db);
        var today = ChinaTime.Today(TimeProvider.System);
        Generate(db, o["--subjects"], o["--records"], o["--entries"], today);
        if (db.Dialect == Dialect.Sqlite)
        {
            // The generation's write-ahead log is copied into the database now, not by the first checks that commit.
            using var c = db.Open();
            c.Execute("PRAGMA wal_checkpoint(TRUNCATE)", commandTimeout: 3600, commandType: System.Data.CommandType.Text);
        }

        var options = new PlatformOptions { Db = db.SqliteFile ?? db.ConnectionString, Sample = false, KeysDirectory = keys, Port = FreePort() };
        var codes = Codes(o["--subjects"], 100_000, seed: 7);
        InProcess(options, codes, o["--iterations"], o["--logged"]);
        Http(options, db, codes, o["--seconds"]);
        return 0;
    }

    /// <summary>The evaluation alone, then the full logged check, each one call at a time on one thread.</summary>
    private static void InProcess(PlatformOptions options, string[] codes, int iterations, int logged)
    {
        using var sp = new ServiceCollection().AddLogging().AddPlatformCore(options).BuildServiceProvider();
        var checks = sp.GetRequiredService<CheckService>();
        var accounts = sp.GetRequiredService<AccountStore>();
        accounts.AddOrUpdate(new NewAccount("BENCH-DEPT", AccountKinds.Department, "基准测试部门"));
        var department = accounts.Get("BENCH-DEPT")!;
        var random = new Random(11);
        for (var i = 0; i < 2000; i++) checks.Evaluate(codes[random.Next(codes.Length)], Scenarios[i % Scenarios.Length]).GetAwaiter().GetResult();

        var times = new List<double>(iterations);
        long withMeasures = 0;
        for (var i = 0; i < iterations; i++)
        {
            var code = codes[random.Next(codes.Length)];
            var start = Stopwatch.GetTimestamp();
            var e = checks.Evaluate(code, Scenarios[i % Scenarios.Length]).GetAwaiter().GetResult();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (e.Measures.Count > 0) withMeasures++;
        }
        Console.WriteLine(string.Create(C, $"  in-process evaluation ({iterations:N0} random subjects, 6 scenarios; {100.0 * withMeasures / iterations:F1}% with measures): p50 {Stats.Quantile(times, 0.5):F3} ms, p99 {Stats.Quantile(times, 0.99):F3} ms, max {times.Max():F2} ms; {LoadAverage()}"));

        times.Clear();
        for (var i = 0; i < logged; i++)
        {
            var code = codes[random.Next(codes.Length)];
            var start = Stopwatch.GetTimestamp();
            checks.Check(department, code, Scenarios[i % Scenarios.Length]).GetAwaiter().GetResult();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine(string.Create(C, $"  in-process logged check ({logged:N0}, one at a time, each committed before it returns): p50 {Stats.Quantile(times, 0.5):F3} ms, p99 {Stats.Quantile(times, 0.99):F3} ms, max {times.Max():F2} ms; {LoadAverage()}"));
    }

    /// <summary>The platform on Kestrel and wrk against it, at several numbers of connections.</summary>
    private static void Http(PlatformOptions options, Database db, string[] codes, int seconds)
    {
        var app = PlatformHost.Build(options);
        app.StartAsync().GetAwaiter().GetResult();
        try
        {
            var token = app.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("BENCH-HTTP", AccountKinds.Department, "基准测试部门（HTTP）"));
            var dir = Directory.CreateTempSubdirectory("xinyong-wrk-").FullName;
            File.WriteAllLines(Path.Combine(dir, "codes.txt"), codes);
            var script = Path.Combine(dir, "checks.lua");
            File.WriteAllText(script, Lua(Path.Combine(dir, "codes.txt"), token));
            var url = $"http://127.0.0.1:{options.Port}/api/v1/checks";
            Wrk(script, url, 2, 8, 5);   // warm-up
            foreach (var connections in new[] { 8, 32, 128 })
            {
                var before = Count(db);
                var r = Wrk(script, url, 2, connections, seconds);
                var logged = Count(db) - before;
                Console.WriteLine(string.Create(C,
                    $"  HTTP, wrk -t2 -c{connections} -d{seconds}s: {r.Rps:N0} checks/s, latency p50 {r.P50} p90 {r.P90} p99 {r.P99} max {r.Max} ({r.Errors}); checks logged {logged:N0} of {r.Requests:N0}; {LoadAverage()}"));
            }
            Directory.Delete(dir, true);
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)app).Dispose();
        }
    }

    /// <summary>The machine's load average (other work on the shared machine shows in the figures).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";

    private static long Count(Database db)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM checks");
    }

    private sealed record WrkResult(double Rps, long Requests, string P50, string P90, string P99, string Max, string Errors);

    private static WrkResult Wrk(string script, string url, int threads, int connections, int seconds)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("wrk did not start (install it: apt-get install wrk)");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {p.StandardError.ReadToEnd()}");
        string Latency(string q) => Regex.Match(output, $@"^\s*{q}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, C);
        var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, C);
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors: (connect \d+, read \d+, write \d+, timeout \d+)");
        var errors = (non2xx.Success ? $"non-2xx {non2xx.Groups[1].Value}" : "non-2xx 0") + (socket.Success ? $", socket errors: {socket.Groups[1].Value}" : "");
        var max = Regex.Match(output, @"Latency\s+\S+\s+\S+\s+(\S+)").Groups[1].Value;
        return new WrkResult(rps, requests, Latency("50"), Latency("90"), Latency("99"), max, errors);
    }

    /// <summary>
    /// The wrk script: the requests (random subjects, the six scenarios in turn) are formatted once per thread at start,
    /// so that the load generator, which shares the machine's cores with the platform, spends little per request.
    /// </summary>
    private static string Lua(string codesFile, string token) => $$"""
        local scenarios = { "licensing", "procurement", "public-funds", "awards", "public-services", "supervision" }
        local requests = {}
        local n = 0
        init = function(args)
          local codes = {}
          for line in io.lines("{{codesFile}}") do codes[#codes + 1] = line end
          local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer {{token}}" }
          for i = 1, 20000 do
            local body = '{"subject":"' .. codes[math.random(#codes)] .. '","scenario":"' .. scenarios[(i % #scenarios) + 1] .. '"}'
            requests[i] = wrk.format("POST", nil, headers, body)
          end
        end
        request = function()
          n = n % #requests + 1
          return requests[n]
        end
        """;

    /// <summary>
    /// Generates the store once (kept for later runs): subjects with valid USCCs; per subject one court record (listed
    /// subjects) or honour, two penalties (one in ten serious, dates over the last two years, so about half still
    /// published) and licences; one DishonestyList entry per listed subject, periods of 24 months from dates over the last
    /// three years (so about a third has already ended).
    /// </summary>
    private static void Generate(Database db, int subjects, int records, int entries, DateOnly today)
    {
        var shape = $"{subjects}/{records}/{entries}";
        using (var c = db.Open())
        {
            var existing = c.QueryFirstOrDefault<string>("SELECT value FROM settings WHERE key = 'bench.checks'");
            if (existing == shape) { Console.WriteLine("  data: generated before, reused"); return; }
            if (existing is not null || c.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects") > 0)
                throw new InvalidOperationException($"{db.Display} holds other data: give a fresh --db");
        }
        var perSubject = records / subjects;
        var now = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        Load(db, "subjects", [("id", ColumnType.BigInt), ("ref", ColumnType.Text), ("kind", ColumnType.Text), ("id_type", ColumnType.Text), ("id_key", ColumnType.Text),
                ("id_masked", ColumnType.Text), ("name", ColumnType.Text), ("region", ColumnType.Text), ("legal_rep", ColumnType.Text), ("created_at", ColumnType.Instant), ("updated_at", ColumnType.Instant)],
            Enumerable.Range(0, subjects).Select(i =>
            {
                var code = UsccOf(i);
                return new object?[] { (long)i + 1, code, "legal-person", "uscc", code, code, $"哈尔滨基准示例{i}有限公司", "230100", "张示例", now, now };
            }));
        Load(db, "records", RecordColumns, Records(subjects, perSubject, entries, today, now));
        Load(db, "list_entries", EntryColumns, Entries(subjects, perSubject, entries, today, now));
        Load(db, "list_entry_records", [("entry_id", ColumnType.BigInt), ("record_id", ColumnType.BigInt)],
            Listed(subjects, entries).Select((i, j) => new object?[] { (long)j + 1, (long)i * perSubject + 1 }));
        using (var c = db.Open())
        {
            if (db.Dialect == Dialect.Postgres)
                foreach (var table in new[] { "subjects", "records", "list_entries" })
                    c.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
            var sw = Stopwatch.StartNew();
            c.Execute("ANALYZE", commandTimeout: 3600, commandType: System.Data.CommandType.Text);
            Console.WriteLine($"  data: ANALYZE in {sw.Elapsed.TotalSeconds:F0} s");
            c.Execute("INSERT INTO settings (key, value) VALUES ('bench.checks', @shape)", new { shape });
        }
        Console.WriteLine($"  data: generated in {total.Elapsed.TotalMinutes:F1} min");
    }

    /// <summary>Loads rows in transactions of a million rows (PostgreSQL's COPY of a whole table would outlast its timeout).</summary>
    private static void Load(Database db, string table, IReadOnlyList<(string, ColumnType)> columns, IEnumerable<object?[]> rows)
    {
        var sw = Stopwatch.StartNew();
        long n = 0;
        foreach (var chunk in rows.Chunk(1_000_000))
        {
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            n += BulkInsert.Rows(c, tx, table, columns, chunk);
            tx.Commit();
        }
        Console.WriteLine(string.Create(C, $"  data: {table}: {n:N0} rows in {sw.Elapsed.TotalSeconds:F0} s ({n / Math.Max(sw.Elapsed.TotalSeconds, 0.001):N0} rows/s)"));
    }

    private static readonly (string, ColumnType)[] RecordColumns =
    [
        ("id", ColumnType.BigInt), ("item", ColumnType.Text), ("subject_id", ColumnType.BigInt), ("doc_key", ColumnType.Text), ("version", ColumnType.Int),
        ("status", ColumnType.Text), ("serious", ColumnType.Bool), ("decided_on", ColumnType.Date), ("public_until", ColumnType.Date),
        ("repair_from", ColumnType.Date), ("withheld", ColumnType.Bool), ("region", ColumnType.Text), ("authority", ColumnType.Text),
        ("fields", ColumnType.Text), ("content_hash", ColumnType.Text), ("provider", ColumnType.Text), ("channel", ColumnType.Text),
        ("batch_id", ColumnType.BigInt), ("received_at", ColumnType.Instant), ("changed_at", ColumnType.Instant), ("under_objection", ColumnType.Bool),
    ];

    private static IEnumerable<object?[]> Records(int subjects, int perSubject, int entries, DateOnly today, DateTimeOffset now)
    {
        var listed = new HashSet<int>(Listed(subjects, entries));
        for (var i = 0; i < subjects; i++)
            for (var k = 0; k < perSubject; k++)
            {
                var id = (long)i * perSubject + k + 1;
                var decided = today.AddDays(-(int)((i * 7919L + k * 131L) % (k == 0 ? 1095 : 730)) - 1);
                string item;
                bool serious = false;
                DateOnly? until = null;
                if (k == 0) { item = listed.Contains(i) ? "court-dishonest" : "honour"; if (item == "court-dishonest") until = decided.AddMonths(24); }
                else if (k <= 2) { item = "admin-penalty"; serious = (i + k) % 10 == 0; until = decided.AddMonths(serious ? 36 : 12); }
                else item = "admin-licence";
                var doc = $"基准〔{decided.Year}〕{id}号";
                yield return
                [
                    id, item, (long)i + 1, doc, 1, "active", serious, decided, until, null, false, "230100", "哈尔滨市示例机关",
                    $"{{\"decisionNo\":\"{doc}\"}}", "00000000000000000000000000000000", "BENCH", "bench", null, now, now, false,
                ];
            }
    }

    private static readonly (string, ColumnType)[] EntryColumns =
    [
        ("id", ColumnType.BigInt), ("list", ColumnType.Text), ("subject_id", ColumnType.BigInt), ("status", ColumnType.Text), ("deciding_unit", ColumnType.Text),
        ("decision_no", ColumnType.Text), ("grounds", ColumnType.Text), ("reasons", ColumnType.Text), ("basis", ColumnType.Text), ("record_id", ColumnType.BigInt),
        ("starts_on", ColumnType.Date), ("ends_on", ColumnType.Date), ("removal_conditions", ColumnType.Text), ("remedy", ColumnType.Text),
        ("published", ColumnType.Bool), ("under_objection", ColumnType.Bool), ("decided_at", ColumnType.Instant), ("decided_by", ColumnType.Text),
    ];

    private static IEnumerable<object?[]> Entries(int subjects, int perSubject, int entries, DateOnly today, DateTimeOffset now) =>
        Listed(subjects, entries).Select((i, j) =>
        {
            var record = (long)i * perSubject + 1;
            var starts = today.AddDays(-(int)((i * 7919L) % 1095) - 1);
            return new object?[]
            {
                (long)j + 1, "dishonesty", (long)i + 1, "active", "哈尔滨市示例人民法院", $"（{starts.Year}）黑0103执{j}号", "有履行能力但拒不履行、逃避执行（第二十九条第五项）",
                "有履行能力而拒不履行生效法律文书确定义务", "《黑龙江省社会信用条例》第二十八条第三款", record, starts, starts.AddMonths(24),
                "人民法院移出失信被执行人名单的，同步移出", "向执行法院申请纠正", true, false, now, "BENCH",
            };
        });

    /// <summary>The listed subjects: <paramref name="entries"/> of <paramref name="subjects"/>, spread evenly.</summary>
    private static IEnumerable<int> Listed(int subjects, int entries)
    {
        for (var i = 0; i < subjects; i++)
            if ((long)(i + 1) * entries / subjects > (long)i * entries / subjects) yield return i;
    }

    /// <summary>The codes a run checks: random subjects of the store, and one in fifty the platform does not hold.</summary>
    private static string[] Codes(int subjects, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(50) == 0 ? UsccOf(subjects + random.Next(1_000_000)) : UsccOf(random.Next(subjects))).ToArray();
    }

    private static string UsccOf(int i)
    {
        var first = "91230100" + i.ToString("D9", C);
        return first + Uscc.CheckCharacter(first);
    }

    private static string PostgresDatabase(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(b.Database) || b.Database == "postgres") b.Database = "xinyong_bench_checks";
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)) b.MaxPoolSize = 40;
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)) b.CommandTimeout = 600;
        // Npgsql prepares the statements a connection runs again and again (the check's, the log's): no parse and plan per check.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) { b.MaxAutoPrepare = 32; b.AutoPrepareMinUsages = 2; }
        var admin = new NpgsqlConnectionStringBuilder(b.ConnectionString) { Database = "postgres", Pooling = false };
        using var c = new NpgsqlConnection(admin.ConnectionString);
        c.Open();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_database WHERE datname = @name", new { name = b.Database }) == 0)
            c.Execute($"CREATE DATABASE \"{b.Database}\"");
        return b.ConnectionString;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static bool IsRelease =>
        typeof(CheckBench).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];
}
