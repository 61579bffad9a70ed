using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Xinyong.Storage;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Telemetry;

namespace Xinyong.Web.Platform;

/// <summary>
/// How an instance is operated: console logs (JSON lines, masked), metrics and traces through OpenTelemetry (a Prometheus
/// scrape endpoint on its own port, OTLP when configured), the job supervisor's state, and the health endpoints
/// <c>/healthz</c> (liveness, each job's last success) and <c>/readyz</c> (the store answers).
/// </summary>
public static class Operations
{
    /// <summary>Configures logging, telemetry and the listening addresses (called by <see cref="PlatformHost.Build"/>).</summary>
    public static void AddOperations(this WebApplicationBuilder builder, PlatformOptions o)
    {
        // Logging: levels from the configuration's Logging section (default: warnings, and the host's start and stop).
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        if (o.Configuration?.GetSection("Logging") is { } logging && logging.Exists()) builder.Logging.AddConfiguration(logging);
        var json = o.LogFormat switch
        {
            "json" => true,
            "simple" or "text" => false,
            _ => Console.IsOutputRedirected,
        };
        builder.Logging.AddConsole(c => c.FormatterName = PlatformLogFormatter.FormatterName)
            .AddConsoleFormatter<PlatformLogFormatter, PlatformLogFormatterOptions>(f => { f.Json = json; f.IncludeScopes = true; });

        builder.Services.AddSingleton<JobStates>();
        builder.Services.AddSingleton<JobContext>();

        var urls = new List<string> { $"http://{o.Host}:{o.Port}" };
        if (o.MetricsPort > 0) urls.Add($"http://{o.MetricsHost}:{o.MetricsPort}");
        builder.WebHost.UseUrls([.. urls]);

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("xinyong"));
        otel.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation().AddMeter(PlatformMetrics.MeterName, "Npgsql");
            if (o.MetricsPort > 0) m.AddPrometheusExporter();
            if (o.OtlpEndpoint is { } endpoint) m.AddOtlpExporter(e => Otlp(e, endpoint));
        });
        if (o.OtlpEndpoint is { } traces)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(a => a.EnrichWithHttpRequest = (activity, request) =>
                {
                    // The path of a self-query carries an identity number: traces keep it masked.
                    activity.SetTag("url.path", LogMasking.Mask(request.Path.Value));
                    activity.DisplayName = LogMasking.Mask(activity.DisplayName);
                })
                .AddNpgsql()
                .AddSource(PlatformMetrics.MeterName)
                .AddOtlpExporter(e => Otlp(e, traces)));
    }

    private static void Otlp(OtlpExporterOptions e, string endpoint)
    {
        e.Endpoint = new Uri(endpoint);
        e.Protocol = endpoint.Contains(":4318", StringComparison.Ordinal) || endpoint.EndsWith("/v1/metrics", StringComparison.Ordinal) || endpoint.EndsWith("/v1/traces", StringComparison.Ordinal)
            ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }

    /// <summary>
    /// The scrape endpoint (only on the metrics port, which answers nothing else), the store-backed gauges, and the
    /// health endpoints. Called first in the pipeline.
    /// </summary>
    public static void UseOperations(this WebApplication app, PlatformOptions o)
    {
        if (o.MetricsPort > 0)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Connection.LocalPort == o.MetricsPort && ctx.Request.Path == "/metrics");
            app.Use((ctx, next) =>
            {
                if (ctx.Connection.LocalPort != o.MetricsPort) return next(ctx);
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
        StoreGauges(app.Services);
        app.MapGet("/healthz", (JobStates jobs) => Health(jobs.All)).RequireRule(AccessRules.Public)
            .WithTags("Health").WithSummary("Liveness: 200 {\"status\":\"ok\",\"jobs\":{…}}; \"degraded\" while a background job's last run failed")
            .Produces<HealthAnswer>();
        app.MapGet("/readyz", (Database db) => Ready(db)).RequireRule(AccessRules.Public)
            .WithTags("Health").WithSummary("Readiness: 200 when the store answers, 503 when it does not")
            .Produces<ReadyAnswer>().Produces<ReadyAnswer>(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The liveness answer: <c>ok</c>, or <c>degraded</c> while a job's last run failed; each job's last success.</summary>
    public static IResult Health(IReadOnlyList<JobState> jobs)
    {
        var status = jobs.Any(j => j.ConsecutiveFailures > 0) ? "degraded" : "ok";
        return Results.Json(new HealthAnswer(status, jobs.Count == 0 ? null
            : jobs.ToDictionary(j => j.Name, j => new JobHealth(j.LastSuccess, j.LastFailure, j.ConsecutiveFailures, j.Runs))));
    }

    /// <summary>The readiness answer: the store opens and answers a query.</summary>
    public static IResult Ready(Database db)
    {
        try
        {
            using var c = db.Open();
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations");
            return Results.Json(new ReadyAnswer("ready", "ok"));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return Results.Json(new ReadyAnswer("not-ready", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>
    /// Gauges read from the store at each scrape: case steps open and overdue (Art. 39-41 deadlines), and the outbox's
    /// undelivered messages per delivery channel (there is no city/province forwarding queue yet; when forwarding
    /// comes, its queue joins here). On a meter of this host, so they end with it.
    /// </summary>
    private static void StoreGauges(IServiceProvider sp)
    {
        var meter = sp.GetRequiredService<IMeterFactory>().Create(PlatformMetrics.MeterName);
        var db = sp.GetRequiredService<Database>();
        var clock = sp.GetRequiredService<TimeProvider>();
        meter.CreateObservableGauge("xinyong.case_steps", () => Safe(() =>
        {
            using var c = db.Open();
            var today = clock.Today();
            var open = c.ExecuteScalar<long>("SELECT COUNT(*) FROM case_deadlines WHERE status = 'open'");
            var overdue = c.ExecuteScalar<long>("SELECT COUNT(*) FROM case_deadlines WHERE status = 'open' AND due_on < @today", new { today });
            return [new Measurement<long>(open, new KeyValuePair<string, object?>("state", "open")), new Measurement<long>(overdue, new KeyValuePair<string, object?>("state", "overdue"))];
        }), "{step}", "Case steps with a deadline: open, and of those overdue");
        var channels = sp.GetServices<IDeliveryChannel>().Select(ch => ch.Name).ToList();
        meter.CreateObservableGauge("xinyong.outbox.undelivered", () => Safe(() =>
        {
            using var c = db.Open();
            var total = c.ExecuteScalar<long>("SELECT COUNT(*) FROM notifications");
            return channels.Select(ch => new Measurement<long>(total - c.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM notification_deliveries WHERE channel = @ch AND delivered_at IS NOT NULL", new { ch }),
                new KeyValuePair<string, object?>("channel", ch))).ToList();
        }), "{message}", "Outbox messages not yet delivered, per delivery channel");
        meter.CreateObservableGauge("xinyong.jobs.failing", () =>
            sp.GetRequiredService<JobStates>().All.Select(j => new Measurement<long>(j.ConsecutiveFailures, new KeyValuePair<string, object?>("job", j.Name))),
            "{failure}", "Consecutive failures of each background job (0: its last run succeeded)");
    }

    private static IEnumerable<Measurement<long>> Safe(Func<IEnumerable<Measurement<long>>> read)
    {
        try { return read(); }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or ObjectDisposedException) { return []; }
    }
}

/// <summary>Liveness: <c>ok</c>, or <c>degraded</c> while a background job's last run failed; each job's state.</summary>
public sealed record HealthAnswer(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, JobHealth>? Jobs = null);

/// <summary>A background job's state in <see cref="HealthAnswer"/>.</summary>
public sealed record JobHealth(DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, int ConsecutiveFailures, long Runs);

/// <summary>Readiness: whether the store answers.</summary>
public sealed record ReadyAnswer(string Status, string Store);
