using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Xinyong.Storage;
using Xinyong.Synthetic;
using Xinyong.Tests.Support;
using Xunit.Abstractions;
using static Xinyong.Tests.Network.NetworkPair;

namespace Xinyong.Tests.Network;

/// <summary>
/// The failure test with real processes: a city and the province as two <c>xinyong serve</c> processes on their own ports
/// and stores; a few thousand records pushed at the city (with corrections and revocations) while the province is killed
/// with SIGKILL and restarted, and the line between them is cut and restored. Afterwards every change is at the
/// province exactly once with the same content and versions, and the city's outbox is empty.
/// </summary>
public class NetworkFailureTests(ITestOutputHelper output)
{
    private const int Batches = 15, PerBatch = 200;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Nothing_is_lost_or_doubled_when_the_province_is_killed_and_the_line_is_cut(string store)
    {
        using var cityStore = TestStores.Create(store);
        using var provStore = TestStores.Create(store);
        var cityKeys = Path.Combine(cityStore.Folder, "keys");
        var provKeys = Path.Combine(provStore.Folder, "keys");
        var pid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (var k in new[] { cityKeys, provKeys })
        {
            Directory.CreateDirectory(k);
            File.WriteAllText(Path.Combine(k, "personal-id.key"), pid);
        }
        Exchange(cityKeys, CityCode, provKeys, ProvinceCode);
        int cityPort = FreePort(), provPort = FreePort(), linePort = FreePort();
        var cityConfig = Path.Combine(cityStore.Folder, "xinyong.json");
        File.WriteAllText(cityConfig, JsonSerializer.Serialize(new { Network = new { Node = CityCode, ParentUrl = $"http://127.0.0.1:{linePort}", Interval = "00:00:00.200", BatchSize = "250" } }));
        var provConfig = Path.Combine(provStore.Folder, "xinyong.json");
        File.WriteAllText(provConfig, JsonSerializer.Serialize(new { Network = new { Node = ProvinceCode, Peers = new Dictionary<string, string> { [CityCode] = $"http://127.0.0.1:{cityPort}" } } }));

        var add = await Xy.Run("provider", "add", "--db", cityStore.Db, "--keys", cityKeys, "--rules", Paths.Rules, "--code", "HRB-SJ", "--name", "哈尔滨市示例市场监督管理局", "--items", "admin-penalty");
        Assert.Equal(0, add.ExitCode);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", add.Json.GetProperty("token").GetString());

        var gen = new ShuanggongshiGenerator(17, 2_500, new DateOnly(2026, 11, 20));
        var headers = ShuanggongshiGenerator.Headers("admin-penalty");
        var rows = Enumerable.Range(0, Batches * PerBatch).Select(_ => gen.Next("admin-penalty"))
            .Select(r => headers.Zip(r).Where(x => x.Second.Length > 0).ToDictionary(x => x.First, x => x.Second)).ToList();
        async Task Push(string batchId, IEnumerable<Dictionary<string, string>> records)
        {
            var r = await http.PostAsync($"http://127.0.0.1:{cityPort}/api/v1/records",
                JsonContent(new { batchId, item = "admin-penalty", records }));
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }

        var city = Serve(cityStore, cityConfig, cityPort);
        var province = Serve(provStore, provConfig, provPort);
        using var line = new TcpCut(linePort, provPort);
        var watch = Stopwatch.StartNew();
        try
        {
            await Healthy(http, cityPort);
            await Healthy(http, provPort);
            for (var i = 0; i < Batches; i++)
            {
                await Push($"b-{i}", rows.Skip(i * PerBatch).Take(PerBatch));
                if (i == 4)
                {
                    // The province dies mid-way (SIGKILL: no shutdown), and stays down while the city collects on.
                    await WaitUntil(() => Scalar(provStore, "SELECT COUNT(*) FROM records") > 0, TimeSpan.FromSeconds(60));
                    province.Kill();
                    await province.WaitForExitAsync();
                    output.WriteLine($"{watch.Elapsed}: province killed with {Scalar(provStore, "SELECT COUNT(*) FROM records")} records");
                }
                if (i == 6)
                {
                    province.Dispose();
                    province = Serve(provStore, provConfig, provPort);
                    await Healthy(http, provPort);
                    output.WriteLine($"{watch.Elapsed}: province restarted");
                }
                if (i == 9) { line.Cut(); output.WriteLine($"{watch.Elapsed}: line cut"); }
                if (i == 11) { line.Restore(); output.WriteLine($"{watch.Elapsed}: line restored"); }
            }
            // Corrections (the same decisions with changed content: new versions) and revocations of their basis.
            var corrected = rows.Take(150).Select(r => new Dictionary<string, string>(r) { ["违法事实"] = r["违法事实"] + "（经复核更正）" });
            await Push("fix-0", corrected);
            foreach (var id in Ids(cityStore, "SELECT id FROM records ORDER BY id DESC LIMIT 20"))
            {
                var r = await http.PostAsync($"http://127.0.0.1:{cityPort}/api/v1/records/{id}/revocation", JsonContent(new { basis = "revoked", reason = "经行政复议撤销" }));
                Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            }
            var collected = watch.Elapsed;

            await WaitUntil(() => Scalar(cityStore, "SELECT COUNT(*) FROM network_outbox") == 0, TimeSpan.FromSeconds(90));
            var drained = watch.Elapsed;

            var cityRecords = Records(cityStore);
            var provRecords = Records(provStore);
            var expected = Scalar(cityStore, "SELECT SUM(version) FROM records");   // each version is one change to forward
            var received = Scalar(provStore, "SELECT COUNT(*) FROM network_received");
            var doubled = Scalar(provStore, "SELECT COUNT(*) FROM (SELECT origin FROM network_received GROUP BY origin, item, subject_key, doc_key, version HAVING COUNT(*) > 1) d");
            var sent = Scalar(cityStore, "SELECT sent FROM network_peers WHERE peer = '^'");
            var resent = Scalar(provStore, $"SELECT resent FROM network_peers WHERE peer = '{CityCode}'");
            var lost = cityRecords.Except(provRecords).Count() + (expected - received);
            output.WriteLine($"store {store}: records {cityRecords.Count}, changes {expected}; sent {sent}, received {received}, resent and refused {resent}, duplicates {doubled}, lost {lost}, " +
                             $"outbox {Scalar(cityStore, "SELECT COUNT(*) FROM network_outbox")}; collected in {collected.TotalSeconds:F1} s, drained at {drained.TotalSeconds:F1} s");

            Assert.Equal(Batches * PerBatch, cityRecords.Count);
            Assert.Equal(cityRecords, provRecords);   // same records, content, versions and states
            Assert.Equal(expected, received);
            Assert.Equal(0, doubled);
            Assert.Equal(0, lost);
            Assert.True(sent >= received, $"sent {sent} < received {received}");
            // Earlier versions are kept at the province as at the city: 150 corrected, 20 revoked.
            Assert.Equal(170, Scalar(cityStore, "SELECT COUNT(*) FROM record_versions"));
            Assert.Equal(170, Scalar(provStore, "SELECT COUNT(*) FROM record_versions"));
            Assert.Equal(20, Scalar(provStore, "SELECT COUNT(*) FROM records WHERE status = 'revoked'"));
        }
        finally
        {
            foreach (var p in new[] { city, province })
            {
                try { if (!p.HasExited) { p.Kill(); await p.WaitForExitAsync(); } } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
    }

    private static StringContent JsonContent(object body)
    {
        var c = new StringContent(JsonSerializer.Serialize(body));
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return c;
    }

    private static List<string> Records(TempStore s)
    {
        using var c = Database.FromArgument(s.Db).Open();
        return c.Query<(string, string, string, int, string, string, bool, bool)>(
                "SELECT r.item, s.id_key, r.doc_key, r.version, r.content_hash, r.status, r.withheld, r.under_objection FROM records r JOIN subjects s ON s.id = r.subject_id")
            .Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    private static long Scalar(TempStore s, string sql)
    {
        using var c = Database.FromArgument(s.Db).Open();
        return c.ExecuteScalar<long?>(sql) ?? 0;
    }

    private static List<long> Ids(TempStore s, string sql)
    {
        using var c = Database.FromArgument(s.Db).Open();
        return c.Query<long>(sql).ToList();
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var w = Stopwatch.StartNew();
        while (!condition())
        {
            if (w.Elapsed > timeout) throw new TimeoutException($"not reached within {timeout}");
            await Task.Delay(100);
        }
    }

    private static Process Serve(TempStore s, string config, int port)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = s.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "xinyong.dll"), "serve", "--config", config, "--port", port.ToString(), "--db", s.Db,
                     "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules, "--no-sample" })
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("XINYONG_PID_KEY");
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
                if ((await http.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the platform did not start");
    }
}
