using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Calendar;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Publication;
using Xinyong.Web;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Bench;

/// <summary>
/// Latency of the public portal at provincial scale: a store of N subjects (default 1,000,000: 90 % organisations with
/// valid USCCs, 10 % natural persons) and M records (default 10,000,000: licences, penalties, honours, commitments, tax
/// arrears, about ten a subject, small fields) is generated once into the store (kept for later runs), the name index
/// is built, then a real platform serves sequential requests over HTTP: search by part of a name, search by code, and
/// subject pages. Prints p50, p95 and max per kind, and the dataset's build times.
/// </summary>
internal static class PortalBench
{
    /// <summary>The moment the dataset and the platform's clock are set to.</summary>
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T10:00:00+08:00", CultureInfo.InvariantCulture);

    public static int Run(string[] args)
    {
        string? store = null, db = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--store" when i + 1 < args.Length: store = args[++i]; break;
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                default: rest.Add(args[i]); break;
            }
        }
        IReadOnlyDictionary<string, int> o;
        try
        {
            if (store is not ("sqlite" or "postgres")) throw new ArgumentException("--store must be sqlite or postgres");
            if (store == "postgres" && db is null) throw new ArgumentException("--db: give the PostgreSQL connection string of an empty or benchmark database");
            o = Options.Parse([.. rest], new Dictionary<string, int> { ["--subjects"] = 1_000_000, ["--records"] = 10_000_000, ["--queries"] = 1000, ["--warmup"] = 200 });
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"portal: {e.Message}");
            return 2;
        }
        db ??= Path.Combine("bench-data", $"portal-{o["--subjects"]}-{o["--records"]}.db");
        var database = Database.FromArgument(db);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"portal: {database.Display}, {o["--subjects"]:N0} subjects, {o["--records"]:N0} records"));
        Console.WriteLine(string.Create(c, $"  machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        Migrator.Migrate(database);
        var dataset = new Dataset(o["--subjects"], o["--records"]);
        dataset.EnsureLoaded(database);
        var (subjects, records) = Counts(database);
        Console.WriteLine(string.Create(c, $"  store holds {subjects:N0} subjects, {records:N0} records; {SizeOf(database)}"));

        Measure(db, dataset, o["--queries"], o["--warmup"]).GetAwaiter().GetResult();
        Console.WriteLine(string.Create(c, $"  peak working set: {Stats.PeakWorkingSetMiB():F0} MiB"));
        return 0;
    }

    private static async Task Measure(string db, Dataset dataset, int queries, int warmup)
    {
        var options = new PlatformOptions
        {
            Port = 0, Db = db,
            Sample = false, SearchRatePerMinute = 0, Clock = new ShiftedClock(Now), JobInterval = TimeSpan.FromHours(1),
            KeysDirectory = Path.Combine(Path.GetTempPath(), "xinyong-bench-keys"),
        };
        var app = PlatformHost.Build(options);
        await app.StartAsync();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            var random = new Random(4711);
            var fragments = Enumerable.Range(0, queries + warmup).Select(_ => dataset.NameFragment(random)).ToList();
            var codes = Enumerable.Range(0, queries + warmup).Select(_ => dataset.OrganisationCode(random.Next(dataset.Organisations))).ToList();
            var refs = Enumerable.Range(0, queries + warmup).Select(_ => dataset.SubjectRef(random.Next(dataset.Subjects))).ToList();

            var hits = 0;
            var byName = await Series(http, fragments, q => "/search?q=" + Uri.EscapeDataString(q), warmup, body => { if (body.Contains("<ol class=\"results\"", StringComparison.Ordinal)) hits++; });
            string[] common = ["有限公司", "哈尔滨", "食品", "商贸有限", "科技有限公司"];
            var byCommonWord = await Series(http, Enumerable.Range(0, queries + warmup).Select(i => common[i % common.Length]).ToList(), q => "/search?q=" + Uri.EscapeDataString(q), warmup, null);
            var byCode = await Series(http, codes, q => "/search?q=" + q, warmup, null);
            var pages = await Series(http, refs, r => "/subjects/" + r, warmup, null);
            var api = await Series(http, refs, r => "/api/v1/subjects/" + r, warmup, null);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"  {queries} requests of each kind after {warmup} warm-up requests, one at a time over HTTP (Kestrel, loopback):"));
            Print("search page, part of a name (2-4 characters)", byName);
            Console.WriteLine(string.Create(c, $"      {hits * 100.0 / (queries + warmup):F0} % of the name searches found subjects"));
            Print("search page, a common word (有限公司, 哈尔滨, 食品 …: more than 1,000 matches)", byCommonWord);
            Print("search by USCC (redirect to the subject)", byCode);
            Print("subject page /subjects/{code}", pages);
            Print("subject API /api/v1/subjects/{code}", api);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<List<double>> Series(HttpClient http, IReadOnlyList<string> inputs, Func<string, string> path, int warmup, Action<string>? check)
    {
        var times = new List<double>(inputs.Count - warmup);
        for (var i = 0; i < inputs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var r = await http.GetAsync(path(inputs[i]));
            var body = await r.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently))
                throw new InvalidOperationException($"{path(inputs[i])} answered {(int)r.StatusCode}");
            check?.Invoke(body);
            if (i >= warmup) times.Add(elapsed);
        }
        return times;
    }

    private static void Print(string what, List<double> t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {what}: p50 {Stats.Quantile(t, 0.5):F1} ms, p95 {Stats.Quantile(t, 0.95):F1} ms, max {t.Max():F1} ms"));

    private static (long Subjects, long Records) Counts(Database db)
    {
        using var c = db.Open();
        return (c.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects"), c.ExecuteScalar<long>("SELECT COUNT(*) FROM records"));
    }

    private static string SizeOf(Database db)
    {
        if (db.SqliteFile is { } f) return string.Create(CultureInfo.InvariantCulture, $"file {new FileInfo(f).Length / (1024.0 * 1024 * 1024):F1} GiB");
        using var c = db.Open();
        return "database " + c.ExecuteScalar<string>("SELECT pg_size_pretty(pg_database_size(current_database()))");
    }

    /// <summary>The synthetic province: deterministic from its sizes, so the queries can be drawn without reading the store.</summary>
    private sealed class Dataset(int subjects, int records)
    {
        private const string Pool =
            "安博宝北晨诚达鼎东方丰福富光广国海翰浩禾和恒宏鸿华辉汇佳嘉建江金锦晶景久聚凯康坤蓝乐力立利联林龙隆美明铭南宁鹏平齐启强庆瑞润森晟盛顺泰腾天通同万伟文鑫信星兴旭雅阳业一亿益银永优宇远源跃运泽展正之智中众卓喆堃";
        private static readonly string[] Cities = ["哈尔滨", "齐齐哈尔", "鸡西", "鹤岗", "双鸭山", "大庆", "伊春", "佳木斯", "七台河", "牡丹江", "黑河", "绥化", "大兴安岭"];
        private static readonly string[] CityCodes = ["230100", "230200", "230300", "230400", "230500", "230600", "230700", "230800", "230900", "231000", "231100", "231200", "232700"];
        private static readonly string[] Trades = ["食品", "商贸", "建设工程", "科技", "农业发展", "物流", "医药", "餐饮管理", "机械制造", "文化传媒", "环保科技", "能源"];
        private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
        private static readonly string[] Authorities = ["市场监督管理局", "生态环境局", "应急管理局", "交通运输局", "住房和城乡建设局", "税务局"];

        public int Subjects { get; } = subjects;
        public int Records { get; } = records;

        /// <summary>Subjects 1..Organisations are organisations, the rest natural persons.</summary>
        public int Organisations { get; } = subjects - subjects / 10;

        private string Key => $"subjects={Subjects};records={Records};v1";

        public string OrganisationCode(int i)
        {
            var body = new char[9];
            var n = i;
            for (var k = 8; k >= 0; k--) { body[k] = Uscc.Alphabet[n % 31]; n /= 31; }
            var first = (i % 10 < 8 ? "91" : "92") + CityCodes[i % CityCodes.Length] + "M" + new string(body, 1, 8);
            return first + Uscc.CheckCharacter(first);
        }

        public string SubjectRef(int i) => i < Organisations ? OrganisationCode(i) : "P" + ((ulong)i * 2654435761UL).ToString("X16", CultureInfo.InvariantCulture);

        private static string Brand(int i)
        {
            var r = new Random(i);
            return $"{Pool[r.Next(Pool.Length)]}{Pool[r.Next(Pool.Length)]}";
        }

        public string Name(int i) => i < Organisations
            ? $"{Cities[i % Cities.Length]}{Brand(i)}{Trades[i / 7 % Trades.Length]}{(i % 10 < 8 ? "有限公司" : "店")}"
            : $"{Surnames[i % Surnames.Length]}{Pool[i % Pool.Length]}{Pool[i / 7 % Pool.Length]}";

        /// <summary>A query as a visitor types it: 2-4 characters of a random organisation's name, from its brand on.</summary>
        public string NameFragment(Random random)
        {
            var i = random.Next(Organisations);
            var name = Name(i);
            var start = Cities[i % Cities.Length].Length;
            return name.Substring(start, Math.Min(2 + random.Next(3), name.Length - start));
        }

        public void EnsureLoaded(Database db)
        {
            using (var c = db.Open())
            {
                var have = c.QueryFirstOrDefault<string>("SELECT value FROM settings WHERE key = 'bench.portal.dataset'");
                if (have == Key)
                {
                    Console.WriteLine("  dataset present (built earlier): reusing it");
                    return;
                }
                if (have is not null || c.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects") > 0)
                    throw new InvalidOperationException($"the store holds other data ({have ?? "not a benchmark dataset"}): give an empty one");
            }
            var c2 = CultureInfo.InvariantCulture;
            var total = Stopwatch.StartNew();
            var sw = Stopwatch.StartNew();
            LoadSubjects(db);
            using (var c = db.Open())
                if (c.ExecuteScalar<long>("SELECT MIN(id) FROM subjects") != 1 || c.ExecuteScalar<long>("SELECT MAX(id) FROM subjects") != Subjects)
                    throw new InvalidOperationException("the subjects did not get the ids 1..N the records refer to: give an empty store");
            Console.WriteLine(string.Create(c2, $"  subjects loaded in {sw.Elapsed.TotalSeconds:F0} s"));
            sw.Restart();
            var indexes = DropRecordIndexes(db);
            LoadRecords(db);
            Console.WriteLine(string.Create(c2, $"  records loaded in {sw.Elapsed.TotalSeconds:F0} s"));
            sw.Restart();
            using (var c = db.Open())
                foreach (var sql in indexes)
                    c.Execute(sql, commandTimeout: 0);
            Console.WriteLine(string.Create(c2, $"  record indexes built in {sw.Elapsed.TotalSeconds:F0} s"));
            sw.Restart();
            using var services = new ServiceCollection().AddLogging().AddPlatformCore(new PlatformOptions
            {
                Db = db.Dialect == Dialect.Postgres ? db.ConnectionString : db.SqliteFile!, Clock = new ShiftedClock(Now),
                KeysDirectory = Path.Combine(Path.GetTempPath(), "xinyong-bench-keys"),
            }).BuildServiceProvider();
            var indexed = ActivatorUtilities.CreateInstance<SubjectSearch>(services).CatchUp();
            Console.WriteLine(string.Create(c2, $"  name index: {indexed:N0} subjects indexed in {sw.Elapsed.TotalSeconds:F0} s"));
            sw.Restart();
            using (var c = db.Open())
            {
                // PostgreSQL: VACUUM also sets the visibility map, so that index-only scans work as they will in production.
                c.Execute(db.Dialect == Dialect.Postgres ? "VACUUM ANALYZE" : "ANALYZE", commandTimeout: 0, commandType: System.Data.CommandType.Text);
                c.Execute("INSERT INTO settings (key, value) VALUES ('bench.portal.dataset', @Key)", new { Key });
            }
            Console.WriteLine(string.Create(c2, $"  statistics (ANALYZE) in {sw.Elapsed.TotalSeconds:F0} s; dataset built in {total.Elapsed.TotalMinutes:F1} min"));
        }

        private void LoadSubjects(Database db)
        {
            var at = Now.ToUniversalTime();
            (string, ColumnType)[] columns =
            [
                ("ref", ColumnType.Text), ("kind", ColumnType.Text), ("id_type", ColumnType.Text), ("id_key", ColumnType.Text), ("id_masked", ColumnType.Text),
                ("name", ColumnType.Text), ("region", ColumnType.Text), ("legal_rep", ColumnType.Text), ("created_at", ColumnType.Instant), ("updated_at", ColumnType.Instant),
            ];
            foreach (var chunk in Enumerable.Range(0, Subjects).Chunk(100_000))
                InTransaction(db, (c, tx) => BulkInsert.Rows(c, tx, "subjects", columns, chunk.Select(i =>
                {
                    var region = CityCodes[i % CityCodes.Length];
                    if (i < Organisations)
                    {
                        var code = OrganisationCode(i);
                        return new object?[] { code, i % 10 < 8 ? "legal-person" : "individual-business", "uscc", code, code, Name(i), region, Surnames[i / 3 % Surnames.Length] + "某某", at, at };
                    }
                    var pref = SubjectRef(i);
                    return new object?[] { pref, "natural-person", "resident-id", "p:" + pref[1..].ToLowerInvariant() + "0000000000000000", region[..6] + "********" + (i % 10000).ToString("D4", CultureInfo.InvariantCulture), Name(i), region, null, at, at };
                })));
        }

        private void LoadRecords(Database db)
        {
            var at = Now.ToUniversalTime();
            var today = ChinaTime.DateOf(Now);
            (string, ColumnType)[] columns =
            [
                ("item", ColumnType.Text), ("subject_id", ColumnType.BigInt), ("doc_key", ColumnType.Text), ("version", ColumnType.Int), ("status", ColumnType.Text),
                ("serious", ColumnType.Bool), ("decided_on", ColumnType.Date), ("public_until", ColumnType.Date), ("repair_from", ColumnType.Date), ("withheld", ColumnType.Bool),
                ("region", ColumnType.Text), ("authority", ColumnType.Text), ("fields", ColumnType.Text), ("content_hash", ColumnType.Text), ("provider", ColumnType.Text),
                ("channel", ColumnType.Text), ("batch_id", ColumnType.BigInt), ("received_at", ColumnType.Instant), ("changed_at", ColumnType.Instant),
            ];
            foreach (var chunk in Rows(today, at).Chunk(100_000))
                InTransaction(db, (c, tx) => BulkInsert.Rows(c, tx, "records", columns, chunk));
        }

        /// <summary>About ten records a subject (1-19, a few subjects many more), until <see cref="Records"/>.</summary>
        private IEnumerable<object?[]> Rows(DateOnly today, DateTimeOffset at)
        {
            var random = new Random(20261122);
            long n = 0;
            for (var i = 0; n < Records; i = (i + 1) % Subjects)
            {
                var count = i % 1000 == 0 ? 200 : 1 + random.Next(19);
                var org = i < Organisations;
                for (var k = 0; k < count && n < Records; k++, n++)
                {
                    var roll = random.Next(100);
                    var item = !org ? (roll < 70 ? "admin-licence" : "admin-penalty")
                        : roll < 60 ? "admin-licence" : roll < 85 ? "admin-penalty" : roll < 90 ? "honour" : roll < 95 ? "credit-commitment" : "tax-arrears";
                    var decided = today.AddDays(-random.Next(6 * 365));
                    var negative = item is "admin-penalty" or "tax-arrears";
                    DateOnly? until = negative ? decided.AddMonths(12) : null;
                    var status = until is { } u && u < today ? "archived" : "active";
                    var city = i % Cities.Length;
                    var authority = Cities[city] + "市" + Authorities[random.Next(Authorities.Length)];
                    var number = $"黑{Cities[city][..1]}{(negative ? "罚" : "许")}〔{decided.Year}〕{n:D8}号";
                    var name = Name(i);
                    var fields = item switch
                    {
                        "admin-licence" => $$"""{"subjectName":"{{name}}","decisionNo":"{{number}}","licenceCategory":"普通","content":"{{Trades[i / 7 % Trades.Length]}}经营许可","decisionDate":"{{decided:yyyy-MM-dd}}","authority":"{{authority}}"}""",
                        "admin-penalty" => $$"""{"subjectName":"{{name}}","decisionNo":"{{number}}","violationType":"违反经营管理规定","penaltyType":"罚款","content":"罚款人民币{{1 + random.Next(9)}}千元","decisionDate":"{{decided:yyyy-MM-dd}}","authority":"{{authority}}"}""",
                        "honour" => $$"""{"subjectName":"{{name}}","honourName":"守合同重信用企业","documentNo":"{{number}}","grantedOn":"{{decided:yyyy-MM-dd}}","authority":"{{authority}}"}""",
                        "credit-commitment" => $$"""{"subjectName":"{{name}}","commitmentNo":"{{number}}","commitmentType":"容缺受理","matter":"行政许可","committedOn":"{{decided:yyyy-MM-dd}}","acceptingUnit":"{{authority}}"}""",
                        _ => $$"""{"subjectName":"{{name}}","announcementNo":"{{number}}","taxType":"增值税","arrearsWan":"1.5","announcedOn":"{{decided:yyyy-MM-dd}}","authority":"{{authority}}"}""",
                    };
                    yield return
                    [
                        item, (long)i + 1, "B" + n.ToString("D9", CultureInfo.InvariantCulture), 1, status, false, decided, until, null, false,
                        CityCodes[city], authority, fields, n.ToString("x16", CultureInfo.InvariantCulture), "BENCH", "bench", null, at, at,
                    ];
                }
            }
        }

        /// <summary>Drops the secondary indexes of <c>records</c> for the bulk load; returns the statements that rebuild them.</summary>
        private static List<string> DropRecordIndexes(Database db)
        {
            using var c = db.Open();
            var defs = db.Dialect == Dialect.Postgres
                ? c.Query<(string Name, string Sql)>("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records' AND indexname <> 'records_pkey'").ToList()
                : c.Query<(string Name, string Sql)>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' AND sql IS NOT NULL").ToList();
            foreach (var (name, _) in defs) c.Execute($"DROP INDEX {name}");
            return defs.Select(d => d.Sql).ToList();
        }

        private static void InTransaction(Database db, Action<DbConnection, DbTransaction> work)
        {
            using var c = db.Open();
            if (db.Dialect == Dialect.Sqlite) c.Execute("PRAGMA cache_size=-1000000");
            using var tx = c.BeginTransaction();
            work(c, tx);
            tx.Commit();
        }
    }
}
