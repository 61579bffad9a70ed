using System.Diagnostics;
using System.Globalization;
using Dapper;
using Xinyong.Evaluation;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Evaluation;

namespace Xinyong.Bench;

/// <summary>
/// <c>grade --subjects N --records M [--store sqlite|postgres] [--db FILE|CONNECTION] [--samples K]</c>: the comprehensive
/// credit evaluation at scale. Generates N subjects and M records into a SQLite or PostgreSQL store (kept for later runs;
/// on PostgreSQL the database is created when missing), then times: the pure evaluator alone (one thread,
/// facts in memory); a full re-grade through <see cref="GradeStore.RegradeAll"/> (read records in force, grade, write
/// every grade with its explanation); and the incremental re-grade of one subject (<see cref="GradeStore.Grade"/>),
/// K random subjects. Prints the figures and the extrapolation to 2.63 million subjects.
/// </summary>
internal static class GradeBench
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] Negative = ["admin-penalty", "tax-arrears", "commitment-breach", "court-judgment"];

    public static int Run(string[] args)
    {
        string? dbArg = null, storeArg = "sqlite";
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i] == "--db" && i + 1 < args.Length) dbArg = args[++i];
            else if (args[i] == "--store" && i + 1 < args.Length) storeArg = args[++i];
            else rest.Add(args[i]);
        IReadOnlyDictionary<string, int> o;
        try
        {
            if (storeArg is not ("sqlite" or "postgres")) throw new ArgumentException("--store must be sqlite or postgres");
            if (storeArg == "postgres" && dbArg is null) throw new ArgumentException("--db: a PostgreSQL connection string (its database is created when missing)");
            o = Options.Parse(rest.ToArray(), new Dictionary<string, int> { ["--subjects"] = 100_000, ["--records"] = 385_000, ["--samples"] = 2000 });
        }
        catch (ArgumentException e) { Console.Error.WriteLine($"grade: {e.Message}"); return 2; }
        int n = o["--subjects"], m = o["--records"];
        var db = storeArg == "sqlite"
            ? Database.Sqlite(dbArg ?? Path.Combine(Path.GetTempPath(), "xinyong-bench", $"grade-{n}-{m}.db"))
            : Database.Postgres(PostgresDatabase(dbArg!, $"xinyong_bench_grade_{n}_{m}"));
        Console.WriteLine($"grade benchmark on {db.Display}: {n:N0} subjects, {m:N0} records; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Migrator.Migrate(db);
        var clock = TimeProvider.System;
        var today = Calendar.ChinaTime.Today(clock);
        Generate(db, n, m, today);

        var models = new EvaluationModelSet(EvaluationModels.LoadAll(Path.Combine(RulesLocation.Resolve(), "evaluation")), clock);
        var model = models.Current;

        // 1. The evaluator alone: the facts of every subject in memory, graded on one thread.
        List<GradeRecord>[] facts;
        using (var c = db.Open())
        {
            facts = new List<GradeRecord>[n + 1];
            // Portable SQL: a boolean and a date read the same on both stores.
            foreach (var r in c.Query<(long S, long Id, string Item, long Serious, string Decided)>(
                         "SELECT subject_id, id, item, CASE WHEN serious THEN 1 ELSE 0 END, CAST(decided_on AS TEXT) FROM records", buffered: false))
                (facts[r.S] ??= []).Add(new GradeRecord(r.Id, r.Item, r.Serious != 0, DateOnly.Parse(r.Decided, C), false));
        }
        var sw = Stopwatch.StartNew();
        var counts = new Dictionary<string, int>();
        for (var i = 1; i <= n; i++)
        {
            var g = Evaluator.Grade(model, today, (IReadOnlyList<GradeRecord>?)facts[i] ?? [], []);
            counts[g.Grade] = counts.GetValueOrDefault(g.Grade) + 1;
        }
        var pure = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(C, $"  evaluator alone: {n:N0} subjects in {pure:F2} s = {n / pure:N0} subjects/s on one thread ({string.Join(", ", counts.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))})"));

        // 2. The full re-grade through the store.
        var store = new GradeStore(db, models, clock);
        sw.Restart();
        var graded = store.RegradeAll();
        var full = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(C, $"  full re-grade (RegradeAll): {graded:N0} subjects in {full:F1} s = {graded / full:N0} subjects/s; peak working set {Stats.PeakWorkingSetMiB():N0} MiB"));
        var scale = 2_630_000.0 / n;
        Console.WriteLine(string.Create(C, $"  extrapolated to 2,630,000 subjects and {m * scale:N0} records (linear): {full * scale / 60:F1} min"));

        // 3. Incremental: one subject re-graded (read its facts, grade, write), as on a change.
        var random = new Random(11);
        var times = new List<double>(o["--samples"]);
        for (var k = 0; k < o["--samples"]; k++)
        {
            var id = random.Next(1, n + 1);
            var t = Stopwatch.GetTimestamp();
            store.Grade(id);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        Console.WriteLine(string.Create(C, $"  incremental re-grade of one subject: p50 {Stats.Quantile(times, 0.5):F2} ms, p99 {Stats.Quantile(times, 0.99):F2} ms ({times.Count:N0} samples)"));
        return 0;
    }

    /// <summary>A PostgreSQL connection string to the benchmark's own database (created when missing).</summary>
    private static string PostgresDatabase(string connectionString, string name)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(b.Database) || b.Database == "postgres") b.Database = name;
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)) b.CommandTimeout = 3600;
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(b.ConnectionString) { Database = "postgres", Pooling = false };
        using var c = new Npgsql.NpgsqlConnection(admin.ConnectionString);
        c.Open();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_database WHERE datname = @name", new { name = b.Database }) == 0)
            c.Execute($"CREATE DATABASE \"{b.Database}\"");
        return b.ConnectionString;
    }

    /// <summary>Subjects with valid USCCs; per subject M/N records (the remainder spread): penalties (one in ten serious),
    /// arrears, breaches, judgments, honours and licences, decided over the last four years; one in 200 subjects under
    /// objection on one record. Kept between runs.</summary>
    private static void Generate(Database db, int subjects, int records, DateOnly today)
    {
        var shape = $"{subjects}/{records}";
        using (var c = db.Open())
        {
            if (c.QueryFirstOrDefault<string>("SELECT value FROM settings WHERE key = 'bench.grade'") == shape) { Console.WriteLine("  data: generated before, reused"); return; }
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects") > 0) throw new InvalidOperationException($"{db.Display} holds other data: give a fresh --db");
        }
        var sw = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        using (var c = db.Open())
        {
            using var tx = c.BeginTransaction();
            BulkInsert.Rows(c, tx, "subjects", [("id", ColumnType.BigInt), ("ref", ColumnType.Text), ("kind", ColumnType.Text), ("id_type", ColumnType.Text), ("id_key", ColumnType.Text),
                    ("id_masked", ColumnType.Text), ("name", ColumnType.Text), ("region", ColumnType.Text), ("created_at", ColumnType.Instant), ("updated_at", ColumnType.Instant)],
                Enumerable.Range(0, subjects).Select(i =>
                {
                    var first = "91230100" + i.ToString("D9", C);
                    var code = first + Uscc.CheckCharacter(first);
                    return new object?[] { (long)i + 1, code, "legal-person", "uscc", code, code, $"哈尔滨评价基准{i}有限公司", "230100", now, now };
                }));
            var per = records / subjects;
            var extra = records % subjects;
            long id = 0;
            BulkInsert.Rows(c, tx, "records", [("id", ColumnType.BigInt), ("item", ColumnType.Text), ("subject_id", ColumnType.BigInt), ("doc_key", ColumnType.Text), ("version", ColumnType.Int),
                    ("status", ColumnType.Text), ("serious", ColumnType.Bool), ("decided_on", ColumnType.Date), ("public_until", ColumnType.Date), ("withheld", ColumnType.Bool),
                    ("fields", ColumnType.Text), ("content_hash", ColumnType.Text), ("provider", ColumnType.Text), ("channel", ColumnType.Text),
                    ("received_at", ColumnType.Instant), ("changed_at", ColumnType.Instant), ("under_objection", ColumnType.Bool)],
                Enumerable.Range(0, subjects).SelectMany(i => Enumerable.Range(0, per + (i < extra ? 1 : 0)).Select(k =>
                {
                    id++;
                    var h = (int)((i * 7919L + k * 131L) % 1000);
                    var item = h < 350 ? "admin-licence" : h < 600 ? "admin-penalty" : h < 700 ? Negative[h % 4] : h < 800 ? "honour" : h < 900 ? "credit-commitment" : "admin-licence";
                    var decided = today.AddDays(-(h * 37 % 1460) - 1);
                    var serious = item == "admin-penalty" && h % 10 == 0;
                    return new object?[]
                    {
                        id, item, (long)i + 1, $"基准{id}", 1, "active", serious, decided, item == "admin-licence" ? null : decided.AddMonths(serious ? 36 : 24), false,
                        "{}", "0", "BENCH", "bench", now, now, i % 200 == 0 && k == 0,
                    };
                })));
            tx.Commit();
            c.Execute("ANALYZE", commandType: System.Data.CommandType.Text);
            c.Execute("INSERT INTO settings (key, value) VALUES ('bench.grade', @shape)", new { shape });
        }
        Console.WriteLine(string.Create(C, $"  data: generated in {sw.Elapsed.TotalSeconds:F0} s"));
    }
}
