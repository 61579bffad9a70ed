using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Sqlite;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using NpgsqlTypes;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Synthetic;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Bench;

/// <summary>
/// Import of N administrative-penalty rows from a 双公示 CSV into SQLite and PostgreSQL through the whole collection
/// pipeline ("ours"), against a raw load of the same rows in the same run ("raw": the same CSV parser, then SQLite
/// prepared inserts or PostgreSQL binary COPY into a plain table, no validation) as the limit. Each load runs in its own
/// child process so that its peak memory is its own. Prints rows/s, ours/raw and peak resident memory.
/// </summary>
internal static class ImportBench
{
    public static int Run(string[] args)
    {
        var rows = 1_000_000L;
        var stores = new List<string> { "sqlite", "postgres" };
        var pg = Environment.GetEnvironmentVariable("XINYONG_BENCH_PG") ?? Environment.GetEnvironmentVariable("XINYONG_TEST_PG");
        var work = Path.Combine(Path.GetTempPath(), "xinyong-bench");
        string[] modes = ["raw", "ours"];
        var profile = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--stores": stores = args[++i].Split(',').ToList(); break;
                case "--pg": pg = args[++i]; break;
                case "--work": work = args[++i]; break;
                case "--modes": modes = args[++i].Split(','); break;
                case "--profile": profile = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}: --rows N --stores sqlite,postgres --modes raw,ours --pg CONNSTR --work DIR --profile");
            }
        }
        Directory.CreateDirectory(work);
        var file = Path.Combine(work, $"penalties-{rows}.csv");
        if (!File.Exists(file))
        {
            var sw = Stopwatch.StartNew();
            SyntheticFiles.Write(file, "admin-penalty", rows, new ShuanggongshiGenerator(7, (int)Math.Max(1, rows / 3), new DateOnly(2026, 11, 22)));
            Console.WriteLine($"generated {file} ({new FileInfo(file).Length / 1048576.0:F0} MiB) in {sw.Elapsed.TotalSeconds:F1} s");
        }
        Console.WriteLine($"import benchmark: {rows:N0} admin-penalty rows (CSV, UTF-8), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"{"store",-10} {"mode",-6} {"rows",10} {"seconds",8} {"rows/s",10} {"peak RSS MiB",13} {"client CPU s",12} {"size MiB",9} {"WAL MiB",8}");
        foreach (var store in stores)
        {
            if (store == "postgres" && string.IsNullOrEmpty(pg))
            {
                Console.WriteLine("postgres: skipped (set XINYONG_BENCH_PG or --pg to a server's connection string)");
                continue;
            }
            var results = new Dictionary<string, JsonElement>();
            foreach (var mode in modes)
            {
                var db = store == "sqlite" ? Path.Combine(work, $"{mode}.db") : CreatePgDatabase(pg!, $"xinyong_bench_{mode.Replace('-', '_')}");
                if (store == "sqlite") foreach (var f in Directory.GetFiles(work, $"{mode}.db*")) File.Delete(f);
                var (r, printed) = Child(["import-one", store, mode, file, db, Path.Combine(work, "keys"), .. profile ? new[] { "profile" } : []]);
                results[mode] = r;
                Console.Write(printed);
                Console.WriteLine($"{store,-10} {mode,-6} {r.GetProperty("rows").GetInt64(),10:N0} {r.GetProperty("seconds").GetDouble(),8:F1} {r.GetProperty("rowsPerSecond").GetDouble(),10:N0} {r.GetProperty("peakRssMiB").GetDouble(),13:F0} {r.GetProperty("cpuSeconds").GetDouble(),12:F1} {r.GetProperty("sizeMiB").GetDouble(),9:F0} {r.GetProperty("walMiB").GetDouble(),8:F0}");
            }
            if (!results.ContainsKey("raw")) continue;
            foreach (var ours in results.Keys.Where(m => m.StartsWith("ours", StringComparison.Ordinal)))
            {
                var ratio = results[ours].GetProperty("rowsPerSecond").GetDouble() / results["raw"].GetProperty("rowsPerSecond").GetDouble();
                Console.WriteLine($"{store,-10} {ours}/raw = {ratio:F2} (target >= {(store == "sqlite" ? "0.5" : "0.3")}); peak RSS of {ours} {results[ours].GetProperty("peakRssMiB").GetDouble():F0} MiB (target <= 300)");
            }
        }
        return 0;
    }

    /// <summary>One load in this process: <c>import-one STORE MODE FILE DB KEYS [profile]</c>; prints one JSON line (after the
    /// profile's lines, when asked for).</summary>
    public static int RunOne(string[] args)
    {
        var (store, mode, file, db, keys) = (args[0], args[1], args[2], args[3], args[4]);
        var profile = args.Length > 5 && args[5] == "profile" ? new LoadProfile() : null;
        var sw = Stopwatch.StartNew();
        var walBefore = store == "postgres" ? PgScalar<long>(db, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") : 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long rows = mode == "raw" ? Raw(store, file, db) : Ours(file, db, keys, sw, profile, mode);
        if (profile is not null)
        {
            profile.Rows = rows;
            Console.Write(profile.Report());
            Console.WriteLine(FormattableString.Invariant(
                $"  GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2; paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s; allocated {GC.GetTotalAllocatedBytes() / 1048576.0 / rows * 1024:F1} KiB a row"));
        }
        var seconds = sw.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        // What the load left on disk: the database (tables, indexes, TOAST) and, on PostgreSQL, the WAL it wrote.
        double sizeMiB, walMiB = 0;
        if (store == "postgres")
        {
            using (var c = new NpgsqlConnection(db)) { c.Open(); using var cmd = new NpgsqlCommand("CHECKPOINT", c); cmd.ExecuteNonQuery(); }
            sizeMiB = PgScalar<long>(db, "SELECT pg_database_size(current_database())") / 1048576.0;
            walMiB = (PgScalar<long>(db, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") - walBefore) / 1048576.0;
        }
        else sizeMiB = Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(db))!, Path.GetFileName(db) + "*").Sum(f => new FileInfo(f).Length) / 1048576.0;
        Console.WriteLine(JsonSerializer.Serialize(new { store, mode, rows, seconds, rowsPerSecond = rows / seconds, peakRssMiB = PeakRssMiB(), cpuSeconds, sizeMiB, walMiB }));
        return 0;
    }

    /// <summary>The whole pipeline. Variants for comparing in one run: <c>ours-after</c> tells the batch's records after
    /// the batch (the pass over the stored records, as before the notices moved into the load);
    /// <c>XINYONG_BENCH_DROP_INDEXES=a,b</c> drops secondary indexes of a bench-only store before the load (what each costs);
    /// <c>XINYONG_BENCH_SQL</c> runs statements of its own there (e.g. dropping a constraint, to measure what it costs).</summary>
    private static long Ours(string file, string db, string keys, Stopwatch sw, LoadProfile? profile, string mode)
    {
        var o = new PlatformOptions { Db = db, KeysDirectory = keys, Sample = false };
        var services = new ServiceCollection().AddLogging().AddPlatformCore(o);
        if (mode == "ours-after")
        {
            services.RemoveAll<IRecordLoadHook>();
            services.AddSingleton<IBatchLoadedHandler>(sp => new NoticesAfterTheBatch(
                new Xinyong.Application.Disclosure.DecisionNotices(sp.GetRequiredService<Database>(), sp.GetRequiredService<Xinyong.Storage.Notifications.Outbox>())));
        }
        using var sp = services.BuildServiceProvider();
        Migrator.Migrate(sp.GetRequiredService<Database>());
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_DROP_INDEXES") is { Length: > 0 } drop)
        {
            using var c = sp.GetRequiredService<Database>().Open();
            foreach (var index in drop.Split(',')) c.Execute($"DROP INDEX {index}");
            Console.WriteLine($"dropped: {drop}");
        }
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_SQL") is { Length: > 0 } sql)
        {
            using var c = sp.GetRequiredService<Database>().Open();
            c.Execute(sql);
            Console.WriteLine($"ran: {sql}");
        }
        var accounts = sp.GetRequiredService<AccountStore>();
        accounts.AddOrUpdate(new NewAccount("BENCH", AccountKinds.Provider, "基准测试提供单位", Items: ["admin-penalty"]));
        var provider = accounts.Get("BENCH")!;
        sw.Restart();
        using var source = RecordSources.Open(File.OpenRead(file), SourceFormat.Csv);
        var pipeline = sp.GetRequiredService<CollectionPipeline>();
        pipeline.Profile = profile;
        // Rows per load transaction, for comparing (the pipeline's default otherwise).
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_CHUNK") is { Length: > 0 } chunk) pipeline.ChunkSize = int.Parse(chunk, CultureInfo.InvariantCulture);
        // Rows a slice, subjects remembered, SQLite page cache of the load in KiB (memory against speed).
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_SLICE") is { Length: > 0 } slice) pipeline.SliceRows = int.Parse(slice, CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_SUBJECTS") is { Length: > 0 } subjects) pipeline.SubjectCacheSize = int.Parse(subjects, CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("XINYONG_BENCH_CACHE_KIB") is { Length: > 0 } kib) pipeline.SqliteCacheKiB = int.Parse(kib, CultureInfo.InvariantCulture);
        var r = pipeline.Import(new ImportRequest(provider, "admin-penalty", "cli", FileName: Path.GetFileName(file)), source);
        if (r.Rejected.Count > 0) throw new InvalidOperationException($"{r.Rejected.Count} rows rejected, e.g. row {r.Rejected[0].Row}: {r.Rejected[0].Errors[0].Message}");
        return r.Accepted;
    }

    private sealed class NoticesAfterTheBatch(Xinyong.Application.Disclosure.DecisionNotices notices) : IBatchLoadedHandler
    {
        public void OnBatchLoaded(CatalogItem item, long batchId) => notices.Complete(item, batchId);
    }

    /// <summary>The limit: parse the same CSV, then load it with no validation.</summary>
    private static long Raw(string store, string file, string db)
    {
        using var reader = new StreamReader(file);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        parser.Read();
        var width = parser.Record!.Length;
        var columns = string.Join(", ", Enumerable.Range(0, width).Select(i => $"c{i}"));
        long n = 0;
        if (store == "sqlite")
        {
            using var c = new SqliteConnection($"Data Source={db}");
            c.Open();
            Exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            Exec(c, $"CREATE TABLE raw_penalties ({string.Join(", ", Enumerable.Range(0, width).Select(i => $"c{i} TEXT"))})");
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"INSERT INTO raw_penalties ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, width).Select(i => "$p" + i))})";
            var ps = Enumerable.Range(0, width).Select(i => { var p = cmd.CreateParameter(); p.ParameterName = "$p" + i; cmd.Parameters.Add(p); return p; }).ToArray();
            var tx = c.BeginTransaction();
            cmd.Transaction = tx;
            cmd.Prepare();
            while (parser.Read())
            {
                var rec = parser.Record!;
                for (var i = 0; i < width; i++) ps[i].Value = rec[i];
                cmd.ExecuteNonQuery();
                if (++n % 5000 == 0) { tx.Commit(); tx = c.BeginTransaction(); cmd.Transaction = tx; }
            }
            tx.Commit();
            return n;
        }
        using (var pg = new NpgsqlConnection(db))
        {
            pg.Open();
            using (var create = new NpgsqlCommand($"CREATE TABLE raw_penalties ({string.Join(", ", Enumerable.Range(0, width).Select(i => $"c{i} TEXT"))})", pg)) create.ExecuteNonQuery();
            using var w = pg.BeginBinaryImport($"COPY raw_penalties ({columns}) FROM STDIN (FORMAT BINARY)");
            while (parser.Read())
            {
                var rec = parser.Record!;
                w.StartRow();
                for (var i = 0; i < width; i++) w.Write(rec[i], NpgsqlDbType.Text);
                n++;
            }
            w.Complete();
        }
        return n;
    }

    private static T PgScalar<T>(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string CreatePgDatabase(string server, string name)
    {
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c)) drop.ExecuteNonQuery();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static (JsonElement Result, string Printed) Child(string[] args)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(ImportBench).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {err}");
        var lines = output.Trim().Split('\n');
        return (JsonDocument.Parse(lines.Last()).RootElement.Clone(), string.Concat(lines[..^1].Select(l => l + "\n")));
    }

    /// <summary>The peak resident set of this process (VmHWM), in MiB.</summary>
    private static double PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return Stats.PeakWorkingSetMiB();
    }

    /// <summary>Where the time goes: parse only, parse + validate, + serialize (no store). <c>import-stages FILE</c>.</summary>
    public static int Stages(string[] args)
    {
        var file = args[0];
        var catalog = CatalogSet.Load(RulesLocation.Resolve(), TimeProvider.System);
        var item = catalog.Item("admin-penalty")!;
        var validator = new RecordValidator(item);
        var today = new DateOnly(2026, 11, 22);
        foreach (var stage in new[] { "parse", "validate", "screen", "serialize" })
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long n = 0;
            using var source = RecordSources.Open(File.OpenRead(file), SourceFormat.Csv);
            var errors = new List<FieldError>();
            var screen = new FreeTextScreen(item);
            foreach (var row in source.Rows(item))
            {
                n++;
                if (stage == "parse") continue;
                errors.Clear();
                var rec = validator.Validate(row.Values, row.Names, today, errors);
                if (stage == "screen" && rec is not null) screen.Screen(row.Row, rec);
                if (stage == "serialize" && rec is not null) RecordJson.Serialize(item, rec.Values);
            }
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{stage,-10} {n,10:N0} rows {sw.Elapsed.TotalSeconds,6:F1} s {n / sw.Elapsed.TotalSeconds,10:N0} rows/s  CPU {cpuSeconds,6:F2} s");
        }
        return 0;
    }
}
