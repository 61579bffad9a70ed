using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using Xinyong.Web.Platform;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Operations;

/// <summary>The Prometheus port, /healthz with each job's state, /readyz, on SQLite and PostgreSQL.</summary>
public class MetricsAndHealthTests
{
    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static MultipartFormDataContent Form(string item, string csv, string name)
    {
        var form = new MultipartFormDataContent { { new StringContent(item), "item" } };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    /// <summary>The value of one series of a Prometheus text exposition whose labels include all of <paramref name="labels"/>.</summary>
    internal static double Sample(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(x => l.Contains(x, StringComparison.Ordinal)))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Sum();

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_metrics_port_serves_request_and_import_metrics_and_nothing_else(string store)
    {
        var metricsPort = FreePort();
        await using var p = await TestPlatform.Start(store, configure: o => o with { MetricsPort = metricsPort });
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var rows = new List<string[]>
        {
            Penalty("哈尔滨度量甲有限公司", Uscc("MA1METR01"), "哈市监罚〔2026〕7001号"),
            Penalty("哈尔滨度量乙有限公司", Uscc("MA1METR02"), "哈市监罚〔2026〕7002号"),
            Penalty("哈尔滨度量丙有限公司", Uscc("MA1METR03"), "", "2026-02-30"),
        };
        var r = await p.As(token).PostAsync("/api/v1/imports", Form("admin-penalty", Csv(PenaltyHeaders, rows), "metrics.csv"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await p.Http.GetAsync("/api/v1/subjects/" + Uscc("MA1METR01"))).StatusCode);

        // The public port has no /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync("/metrics")).StatusCode);

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        // The metrics port answers nothing but /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/api/v1/subjects/" + Uscc("MA1METR01"))).StatusCode);

        string text = "";
        for (var i = 0; i < 50; i++)
        {
            text = await scraper.GetStringAsync("/metrics");
            if (text.Contains("http_route=\"/api/v1/imports\"", StringComparison.Ordinal)) break;
            await Task.Delay(100);
        }
        // Request rate and latency per endpoint (the route template, not the path).
        Assert.True(Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/imports\"", "http_response_status_code=\"200\"") >= 1, text);
        Assert.True(Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/subjects/{code}\"") >= 1, text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        // Import rows by outcome (this process may run other platforms: at least this import's rows), batches and duration.
        Assert.True(Sample(text, "xinyong_import_rows_total", "item=\"admin-penalty\"", "outcome=\"accepted\"", "channel=\"file\"") >= 2, text);
        Assert.True(Sample(text, "xinyong_import_rows_total", "item=\"admin-penalty\"", "outcome=\"rejected\"") >= 1, text);
        Assert.Contains("xinyong_import_duration_seconds_count{", text);
        // Case steps and job runs from this platform's store and supervisor.
        Assert.Contains("xinyong_case_steps{", text);
        Assert.True(Sample(text, "xinyong_job_runs_total", "job=\"deadline-watch\"", "outcome=\"success\"") >= 1, text);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Healthz_shows_each_jobs_last_success_and_turns_degraded_while_a_job_fails(string store)
    {
        await using var p = await TestPlatform.Start(store);
        JsonElement body = default;
        for (var i = 0; i < 100; i++)
        {
            (_, body) = await p.GetJson("/healthz");
            if (body.TryGetProperty("jobs", out var j) && j.EnumerateObject().Count() == 3 && j.EnumerateObject().All(x => x.Value.GetProperty("runs").GetInt32() > 0)) break;
            await Task.Delay(100);
        }
        Assert.Equal("ok", body.GetProperty("status").GetString());
        var jobs = body.GetProperty("jobs");
        Assert.Equal(["deadline-watch", "disclosure-archive", "evaluation", "lists"], jobs.EnumerateObject().Select(x => x.Name));
        foreach (var job in jobs.EnumerateObject())
        {
            Assert.Equal(JsonValueKind.String, job.Value.GetProperty("lastSuccess").ValueKind);
            Assert.Equal(0, job.Value.GetProperty("consecutiveFailures").GetInt32());
        }

        // A failed run (as the supervisor records it) shows, without its error text, on the public endpoint.
        p.Services.GetRequiredService<JobStates>().Failed("lists", p.Clock.GetUtcNow(), new InvalidOperationException("store gone: 230102198503072014"));
        var (status, degraded) = await p.GetJson("/healthz");
        Assert.Equal(200, status);
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        Assert.Equal(1, degraded.GetProperty("jobs").GetProperty("lists").GetProperty("consecutiveFailures").GetInt32());
        Assert.DoesNotContain("store gone", degraded.GetRawText());

        var (ready, r) = await p.GetJson("/readyz");
        Assert.Equal(200, ready);
        Assert.Equal("ready", r.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Traces_are_exported_only_when_an_otlp_endpoint_is_configured()
    {
        await using (var off = await TestPlatform.Start("sqlite"))
            Assert.Null(off.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        await using var on = await TestPlatform.Start("sqlite", configure: o => o with { OtlpEndpoint = $"http://127.0.0.1:{FreePort()}" });
        Assert.NotNull(on.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        // Nothing listens at the collector's address: the platform serves on regardless.
        Assert.Equal(HttpStatusCode.OK, (await on.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_503_when_the_store_does_not_answer()
    {
        var port = FreePort();   // nothing listens there
        var result = Xinyong.Web.Platform.Operations.Ready(Database.FromArgument($"Host=127.0.0.1;Port={port};Username=x;Database=x;Timeout=2"));
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        await result.ExecuteAsync(http);
        Assert.Equal(503, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var body = JsonDocument.Parse(http.Response.Body).RootElement;
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        Assert.Equal("unreachable", body.GetProperty("store").GetString());
    }
}
