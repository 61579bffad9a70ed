using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Xinyong.Collection.Sources;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Synthetic;
using Xinyong.Web;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Bench;

/// <summary>
/// Forwarding between a city node and the provincial node, both real platforms on Kestrel (127.0.0.1) in this process,
/// each over its own store (SQLite, or PostgreSQL when XINYONG_BENCH_PG names a server): N penalty records are collected
/// at the city through the pipeline in files of 10,000 while the forwarding job runs; the benchmark measures the
/// collection, the forwarding throughput (messages a second from the first to the last confirmed), and each record's
/// end-to-end delay from its collection at the city to its arrival at the province.
/// </summary>
internal static class NetworkBench
{
    public static int Run(string[] args)
    {
        IReadOnlyDictionary<string, int> o;
        try { o = Options.Parse(args, new Dictionary<string, int> { ["--records"] = 100_000, ["--batch"] = 1000, ["--file"] = 10_000, ["--down"] = 10_000 }); }
        catch (ArgumentException e) { Console.Error.WriteLine($"network: {e.Message}"); return 2; }
        var (n, batch, file) = (o["--records"], o["--batch"], o["--file"]);
        var folder = Directory.CreateTempSubdirectory("xinyong-bench-net-").FullName;
        var pg = Environment.GetEnvironmentVariable("XINYONG_BENCH_PG");
        var names = new List<string>();
        string Store(string node)
        {
            if (pg is null) return Path.Combine(folder, node, "xinyong.db");
            var name = "xinyong_bench_" + Guid.NewGuid().ToString("N")[..8];
            names.Add(name);
            using var c = new Npgsql.NpgsqlConnection(pg);
            c.Open();
            c.Execute($"CREATE DATABASE {name}");
            return new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString;
        }
        try
        {
            var cityKeys = Path.Combine(folder, "city", "keys");
            var provKeys = Path.Combine(folder, "province", "keys");
            var pid = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            foreach (var k in new[] { cityKeys, provKeys }) { Directory.CreateDirectory(k); File.WriteAllText(Path.Combine(k, "personal-id.key"), pid); }
            var (ck, pk) = (new NodeKeys(cityKeys), new NodeKeys(provKeys));
            var (cpub, ppub) = (ck.Generate(), pk.Generate());
            ck.Trust("230000", ppub);
            pk.Trust("230100", cpub);
            int cityPort = FreePort(), provPort = FreePort();
            var province = PlatformHost.Build(new PlatformOptions
            {
                Port = provPort, Db = Store("province"), Sample = false, KeysDirectory = provKeys, LogFormat = "simple",
                Configuration = Config(("Network:Node", "230000"), ("Network:Peers:230100", $"http://127.0.0.1:{cityPort}"), ("Network:Interval", "00:00:00.100"),
                    ("Network:BatchSize", batch.ToString(CultureInfo.InvariantCulture)), ("Logging:LogLevel:Default", "Warning")),
            });
            var city = PlatformHost.Build(new PlatformOptions
            {
                Port = cityPort, Db = Store("city"), Sample = false, KeysDirectory = cityKeys, LogFormat = "simple",
                Configuration = Config(("Network:Node", "230100"), ("Network:ParentUrl", $"http://127.0.0.1:{provPort}"), ("Network:Interval", "00:00:00.100"),
                    ("Network:BatchSize", batch.ToString(CultureInfo.InvariantCulture)), ("Logging:LogLevel:Default", "Warning")),
            });
            province.StartAsync().GetAwaiter().GetResult();
            city.StartAsync().GetAwaiter().GetResult();
            var cityDb = city.Services.GetRequiredService<Database>();
            var provDb = province.Services.GetRequiredService<Database>();
            Console.WriteLine($"load average at the start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
            Console.WriteLine($"network: {n:N0} records, files of {file:N0}, batches of {batch:N0}; city {cityDb.Display}, province {provDb.Display}");

            city.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount("HRB-SJ", AccountKinds.Provider, "哈尔滨市市场监督管理局", "city", "230100", Items: ["admin-penalty"]));
            var provider = city.Services.GetRequiredService<AccountStore>().Get("HRB-SJ")!;
            var pipeline = city.Services.GetRequiredService<CollectionPipeline>();
            var gen = new ShuanggongshiGenerator(23, Math.Max(1000, n * 4 / 5), new DateOnly(2026, 11, 20));
            var files = new List<string>();
            for (var i = 0; i * file < n; i++)
            {
                var path = Path.Combine(folder, $"penalties-{i}.csv");
                SyntheticFiles.Write(path, "admin-penalty", Math.Min(file, n - i * file), gen);
                files.Add(path);
            }

            // Arrival at the province, sampled every 50 ms: (moment, records there).
            var arrivals = new List<(DateTimeOffset At, long Count)>();
            using var stop = new CancellationTokenSource();
            var watcher = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using (var c = provDb.Open()) arrivals.Add((DateTimeOffset.UtcNow, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records")));
                    await Task.Delay(50);
                }
            });

            var started = Stopwatch.StartNew();
            var accepted = 0;
            foreach (var f in files)
            {
                using var source = new CsvSource(File.OpenRead(f));
                accepted += pipeline.Import(new ImportRequest(provider, "admin-penalty", "file", FileName: Path.GetFileName(f)), source).Accepted;
            }
            var collected = started.Elapsed;
            while (true)
            {
                using var c = provDb.Open();
                if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM records") >= accepted) break;
                if (started.Elapsed > TimeSpan.FromMinutes(30)) { Console.Error.WriteLine("network: the province did not receive everything within 30 minutes"); return 1; }
                Thread.Sleep(50);
            }
            var drained = started.Elapsed;
            stop.Cancel();
            watcher.Wait();

            // Each record's collection time at the city, in forwarding order (the outbox's order is the order of collection).
            List<DateTimeOffset> collectedAt;
            using (var c = cityDb.Open()) collectedAt = c.Query<DateTimeOffset>("SELECT received_at FROM records ORDER BY id").ToList();
            var delays = new List<double>(collectedAt.Count);
            var a = 0;
            for (var k = 0; k < collectedAt.Count; k++)
            {
                while (a < arrivals.Count && arrivals[a].Count < k + 1) a++;
                var at = a < arrivals.Count ? arrivals[a].At : DateTimeOffset.UtcNow;
                delays.Add(Math.Max(0, (at - collectedAt[k]).TotalSeconds));
            }
            delays.Sort();
            var firstArrival = arrivals.FirstOrDefault(x => x.Count > 0).At;
            var lastArrival = arrivals.LastOrDefault().At;
            var span = (lastArrival - firstArrival).TotalSeconds;
            double P(double q) => delays[(int)Math.Min(delays.Count - 1, Math.Floor(q * delays.Count))];
            Console.WriteLine($"collected {accepted:N0} records at the city in {collected.TotalSeconds:F1} s ({accepted / collected.TotalSeconds:N0} records/s, forwarding running alongside)");
            Console.WriteLine($"all at the province after {drained.TotalSeconds:F1} s; forwarding throughput {accepted / Math.Max(span, 0.001):N0} messages/s (first to last arrival, {span:F1} s)");
            Console.WriteLine($"end-to-end delay city collection -> province: p50 {P(0.50):F2} s, p95 {P(0.95):F2} s, p99 {P(0.99):F2} s, max {delays[^1]:F2} s");
            using (var c = cityDb.Open()) Console.WriteLine($"city outbox left: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM network_outbox")}");

            // Downward: the province marks records that came from the city as under objection (the state change an
            // objection makes, through the same capture), in chunks of 500; each record's delay is from the commit of its
            // chunk at the province to its mark being visible at the city (sampled every 50 ms).
            var down = Math.Min(o["--down"], accepted);
            if (down > 0)
            {
                List<long> ids;
                using (var c = provDb.Open()) ids = c.Query<long>("SELECT record_id FROM network_origins WHERE origin = '230100' ORDER BY record_id LIMIT @down", new { down }).ToList();
                var marks = new List<(DateTimeOffset At, long Count)>();
                using var stopDown = new CancellationTokenSource();
                var downWatcher = Task.Run(async () =>
                {
                    while (!stopDown.IsCancellationRequested)
                    {
                        using (var c = cityDb.Open()) marks.Add((DateTimeOffset.UtcNow, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE under_objection = @t", new { t = true })));
                        await Task.Delay(50);
                    }
                });
                var committed = new List<DateTimeOffset>(ids.Count);
                var downStarted = Stopwatch.StartNew();
                foreach (var chunk in ids.Chunk(500))
                {
                    using (var c = provDb.Open())
                    using (var tx = c.BeginTransaction())
                    {
                        c.Execute($"UPDATE records SET under_objection = @t WHERE {provDb.In("id", "chunk")}", new { t = true, chunk }, tx);
                        tx.Commit();
                    }
                    var at = DateTimeOffset.UtcNow;
                    committed.AddRange(Enumerable.Repeat(at, chunk.Length));
                }
                var marked = downStarted.Elapsed;
                while (true)
                {
                    using var c = cityDb.Open();
                    if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE under_objection = @t", new { t = true }) >= ids.Count) break;
                    if (downStarted.Elapsed > TimeSpan.FromMinutes(30)) { Console.Error.WriteLine("network: the city did not receive every mark within 30 minutes"); return 1; }
                    Thread.Sleep(50);
                }
                var downDrained = downStarted.Elapsed;
                stopDown.Cancel();
                downWatcher.Wait();
                var downDelays = new List<double>(ids.Count);
                var m = 0;
                for (var k = 0; k < ids.Count; k++)
                {
                    while (m < marks.Count && marks[m].Count < k + 1) m++;
                    var at = m < marks.Count ? marks[m].At : DateTimeOffset.UtcNow;
                    downDelays.Add(Math.Max(0, (at - committed[k]).TotalSeconds));
                }
                downDelays.Sort();
                double D(double q) => downDelays[(int)Math.Min(downDelays.Count - 1, Math.Floor(q * downDelays.Count))];
                Console.WriteLine($"down: {ids.Count:N0} records marked at the province in {marked.TotalSeconds:F1} s; all visible at the city after {downDrained.TotalSeconds:F1} s ({ids.Count / downDrained.TotalSeconds:N0} changes/s)");
                Console.WriteLine($"down delay province change -> city visible: p50 {D(0.50):F2} s, p95 {D(0.95):F2} s, p99 {D(0.99):F2} s, max {downDelays[^1]:F2} s");
                using (var c = provDb.Open()) Console.WriteLine($"province outbox left for the city: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM network_outbox WHERE peer = '230100'")}");
            }
            Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
            city.StopAsync().GetAwaiter().GetResult();
            province.StopAsync().GetAwaiter().GetResult();
            return 0;
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            foreach (var name in names)
            {
                using var c = new Npgsql.NpgsqlConnection(pg);
                c.Open();
                c.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
