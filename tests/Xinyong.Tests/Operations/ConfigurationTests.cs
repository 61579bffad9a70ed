using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xinyong.Tests.Support;
using Xinyong.Web.Platform;
using Xinyong.Cli;

namespace Xinyong.Tests.Operations;

/// <summary>xinyong.json: the file, then XINYONG_* variables, then the command line; no secrets in the file; config check.</summary>
public class ConfigurationTests
{
    private static string Folder() => Directory.CreateTempSubdirectory("xinyong-config-").FullName;

    [Fact]
    public void The_file_is_overridden_by_the_environment_and_the_environment_by_the_command_line()
    {
        var dir = Folder();
        try
        {
            var file = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(file, """
                { "Db": "/srv/a.db", "Port": 6001, "Sample": false, "JobRetryDelay": "00:00:05", "Metrics": { "Port": 9464 },
                  "Otlp": { "Endpoint": "http://127.0.0.1:4317" }, "Logging": { "Format": "json" } }
                """);
            // An XINYONG_ variable that no other test reads: the retry delay of failed jobs.
            Environment.SetEnvironmentVariable("XINYONG_JOBRETRYDELAY", "00:00:07");
            try
            {
                var fromFileAndEnv = PlatformConfiguration.ToOptions(PlatformConfiguration.Build(file));
                Assert.Equal(Path.GetFullPath("/srv/a.db"), Path.GetFullPath(fromFileAndEnv.Db));
                Assert.Equal(6001, fromFileAndEnv.Port);
                Assert.False(fromFileAndEnv.Sample);
                Assert.Equal(9464, fromFileAndEnv.MetricsPort);
                Assert.Equal("127.0.0.1", fromFileAndEnv.MetricsHost);
                Assert.Equal("http://127.0.0.1:4317", fromFileAndEnv.OtlpEndpoint);
                Assert.Equal("json", fromFileAndEnv.LogFormat);
                Assert.Equal(TimeSpan.FromSeconds(7), fromFileAndEnv.JobRetryDelay);   // the environment wins over the file

                var all = PlatformConfiguration.ToOptions(PlatformConfiguration.Build(file, new Dictionary<string, string?>
                {
                    ["Port"] = "6002", ["JobRetryDelay"] = "00:00:09", ["Metrics:Port"] = "9465",
                }));
                Assert.Equal(6002, all.Port);                                   // the command line wins over the file
                Assert.Equal(TimeSpan.FromSeconds(9), all.JobRetryDelay);       // and over the environment
                Assert.Equal(9465, all.MetricsPort);
            }
            finally { Environment.SetEnvironmentVariable("XINYONG_JOBRETRYDELAY", null); }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_malformed_value_is_named()
    {
        var ex = Assert.Throws<ConfigurationException>(() => PlatformConfiguration.ToOptions(PlatformConfiguration.Build(null, new Dictionary<string, string?> { ["Metrics:Port"] = "ninety" })));
        Assert.Contains("Metrics:Port", ex.Message);
        ex = Assert.Throws<ConfigurationException>(() => PlatformConfiguration.ToOptions(PlatformConfiguration.Build(null, new Dictionary<string, string?> { ["Logging:Format"] = "xml" })));
        Assert.Contains("Logging:Format", ex.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_a_usage_error_naming_the_file()
    {
        var dir = Folder();
        try
        {
            var file = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(file, "{ \"Port\": 5080, ");
            var run = await Xy.Run("audit", "verify", "--config", file);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(file, run.Err);
            Assert.Contains("not valid JSON", run.Err);
            var check = await Xy.Run("config", "check", "--config", file);
            Assert.Equal(1, check.ExitCode);
            Assert.Contains("not valid JSON", check.Out);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task A_password_in_the_file_is_refused_and_a_password_file_is_used()
    {
        var dir = Folder();
        try
        {
            var file = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(file, """{ "Db": "Host=127.0.0.1;Port=5432;Username=xinyong;Password=hunter2;Database=xinyong" }""");
            var run = await Xy.Run("audit", "verify", "--config", file);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("DbPasswordFile", run.Err);
            Assert.DoesNotContain("hunter2", run.Err);
            var check = await Xy.Run("config", "check", "--config", file, "--no-connect");
            Assert.Equal(1, check.ExitCode);
            Assert.Contains(check.JsonLines, l => l.TryGetProperty("check", out var c) && c.GetString() == "settings" && !l.GetProperty("ok").GetBoolean());

            var pw = Path.Combine(dir, "db-password");
            File.WriteAllText(pw, "s3cret-from-file\n");
            File.WriteAllText(file, $$"""{ "Db": "Host=127.0.0.1;Port=5432;Username=xinyong;Database=xinyong", "DbPasswordFile": "{{pw}}" }""");
            var o = PlatformConfiguration.ToOptions(PlatformConfiguration.Build(file));
            Assert.Equal("s3cret-from-file", new Npgsql.NpgsqlConnectionStringBuilder(o.Db).Password);
            PlatformConfiguration.RefuseSecrets(file);   // a path to a secret is allowed
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Config_check_validates_the_file_the_rules_and_the_store()
    {
        var dir = Folder();
        try
        {
            var file = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(file, JsonSerializer.Serialize(new { Db = Path.Combine(dir, "x.db"), Rules = Paths.Rules, Keys = Path.Combine(dir, "keys"), Metrics = new { Port = 9464 } }));
            var ok = await Xy.Run("config", "check", "--config", file);
            Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
            var lines = ok.JsonLines;
            Assert.True(lines[^1].GetProperty("valid").GetBoolean());
            var rules = lines.Single(l => l.TryGetProperty("check", out var c) && c.GetString() == "rules");
            Assert.True(rules.GetProperty("ok").GetBoolean());
            Assert.Contains("catalog", rules.GetProperty("detail").GetString());
            Assert.False(File.Exists(Path.Combine(dir, "x.db")));   // checking creates nothing

            // A rules folder without rules, an unknown setting, and a metrics port on the public port: each named.
            var empty = Directory.CreateDirectory(Path.Combine(dir, "empty-rules")).FullName;
            File.WriteAllText(file, JsonSerializer.Serialize(new { Db = Path.Combine(dir, "x.db"), Rules = empty, Port = 7000, Metrics = new { Port = 7000 }, Prot = 1 }));
            var bad = await Xy.Run("config", "check", "--config", file);
            Assert.Equal(1, bad.ExitCode);
            var failed = bad.JsonLines.Where(l => l.TryGetProperty("check", out _) && !l.GetProperty("ok").GetBoolean()).ToDictionary(l => l.GetProperty("check").GetString()!, l => l.GetProperty("detail").GetString()!);
            Assert.Contains("rules", failed.Keys);
            Assert.Contains("Prot", failed["settings"]);
            Assert.Contains("public port", failed["metrics"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Serve_reads_xinyong_json_from_its_working_directory_and_opens_the_metrics_port()
    {
        var dir = Folder();
        var port = MetricsAndHealthTests.FreePort();
        var metrics = MetricsAndHealthTests.FreePort();
        File.WriteAllText(Path.Combine(dir, "xinyong.json"), JsonSerializer.Serialize(new
        {
            Db = Path.Combine(dir, "x.db"), Port = port, Sample = false, Metrics = new { Port = metrics }, Logging = new { Format = "json" },
        }));
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xinyong.dll"));
        psi.ArgumentList.Add("serve");
        using var p = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        p.BeginOutputReadLine();
        static bool JsonInfo(string l) => l.StartsWith("{\"time\":", StringComparison.Ordinal) && l.Contains("\"level\":\"info\"", StringComparison.Ordinal);
        try
        {
            using var http = new HttpClient();
            HttpResponseMessage? health = null;
            for (var i = 0; i < 300 && health is null; i++)
            {
                try { health = await http.GetAsync($"http://127.0.0.1:{port}/healthz"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.NotNull(health);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("ok", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode);
            var scrape = await http.GetStringAsync($"http://127.0.0.1:{metrics}/metrics");
            Assert.Contains("http_server_request_duration_seconds", scrape);
            // The sample stayed out (Sample: false in the file), and the store is the file's.
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/api/v1/subjects/91230103MA1C8FK2X8")).StatusCode);
            Assert.True(File.Exists(Path.Combine(dir, "x.db")));
            // The console log is JSON lines (the host's start is logged at information level).
            for (var i = 0; i < 600 && !output.Any(JsonInfo); i++) await Task.Delay(100);
            Assert.Contains(output, JsonInfo);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            Directory.Delete(dir, true);
        }
    }
}
