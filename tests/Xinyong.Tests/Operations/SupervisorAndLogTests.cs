using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xinyong.Tests.Support;
using Xinyong.Web.Platform;

namespace Xinyong.Tests.Operations;

/// <summary>The job supervisor (failure logged with its error, retried with backoff, state kept) and the masked JSON logs.</summary>
public class SupervisorAndLogTests
{
    /// <summary>A logger factory that keeps every entry.</summary>
    private sealed class Captured : ILoggerFactory, ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Error)> Entries { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }

    /// <summary>A job that fails its first <c>failures</c> runs.</summary>
    private sealed class Flaky(JobContext context, int failures) : SupervisedJob(context)
    {
        public int Calls;
        public override string Name => "flaky";
        public override void RunOnce()
        {
            if (Interlocked.Increment(ref Calls) <= failures) throw new InvalidOperationException($"run {Calls} failed");
        }
    }

    [Fact]
    public async Task A_failing_job_is_logged_with_its_error_retried_with_backoff_and_its_state_kept()
    {
        var logs = new Captured();
        var states = new JobStates();
        var clock = new ManualClock("2026-11-22T10:00:00+08:00");
        var options = new PlatformOptions { JobInterval = TimeSpan.FromHours(1), JobRetryDelay = TimeSpan.FromMilliseconds(50) };
        var job = new Flaky(new JobContext(states, options, clock, logs), failures: 2);

        var started = DateTime.UtcNow;
        await job.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && states.Get("flaky")?.LastSuccess is null; i++) await Task.Delay(20);
        await job.StopAsync(CancellationToken.None);

        var s = states.Get("flaky")!;
        Assert.Equal(3, job.Calls);                    // two failures, then the retry that succeeded
        Assert.NotNull(s.LastSuccess);
        Assert.NotNull(s.LastFailure);
        Assert.Equal(0, s.ConsecutiveFailures);
        Assert.Equal(2, s.Failures);
        Assert.Equal(3, s.Runs);
        Assert.Contains("run 2 failed", s.LastError);
        // Backoff: 50 ms then 100 ms before the third run, far less than the interval of an hour.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150));
        var errors = logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.IsType<InvalidOperationException>(e.Error));
        Assert.Contains("flaky", errors[0].Message);
        Assert.Contains("1 in a row", errors[0].Message);
        Assert.Contains("2 in a row", errors[1].Message);
    }

    [Fact]
    public void Backoff_doubles_from_the_retry_delay_up_to_the_interval()
    {
        var interval = TimeSpan.FromMinutes(1);
        var retry = TimeSpan.FromSeconds(10);
        Assert.Equal(interval, SupervisedJob.NextDelay(0, interval, retry));
        Assert.Equal(TimeSpan.FromSeconds(10), SupervisedJob.NextDelay(1, interval, retry));
        Assert.Equal(TimeSpan.FromSeconds(20), SupervisedJob.NextDelay(2, interval, retry));
        Assert.Equal(TimeSpan.FromSeconds(40), SupervisedJob.NextDelay(3, interval, retry));
        Assert.Equal(interval, SupervisedJob.NextDelay(4, interval, retry));
        Assert.Equal(interval, SupervisedJob.NextDelay(400, interval, retry));
    }

    private static string Format(bool json, string message, Exception? error, params object[] scopes)
    {
        var formatter = new PlatformLogFormatter(new StaticOptions(new PlatformLogFormatterOptions { Json = json, IncludeScopes = true }));
        var scopeProvider = new LoggerExternalScopeProvider();
        var disposables = scopes.Select(scopeProvider.Push).ToList();
        var w = new StringWriter();
        var values = new List<KeyValuePair<string, object?>> { new("Subject", "230102198503072014"), new("{OriginalFormat}", "x") };
        formatter.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
            LogLevel.Error, "Xinyong.Test", new EventId(7, "Tested"), values, error, (_, _) => message), scopeProvider, w);
        disposables.ForEach(d => d.Dispose());
        return w.ToString();
    }

    private sealed class StaticOptions(PlatformLogFormatterOptions value) : IOptionsMonitor<PlatformLogFormatterOptions>
    {
        public PlatformLogFormatterOptions CurrentValue => value;
        public PlatformLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<PlatformLogFormatterOptions, string?> listener) => null;
    }

    [Fact]
    public void Json_log_lines_carry_the_request_id_and_mask_identity_and_mobile_numbers()
    {
        var scope = new Dictionary<string, object?> { ["RequestId"] = "0HN7:00000001", ["RequestPath"] = "/api/v1/subjects/230102198503072014", ["TraceId"] = "abc" };
        var line = Format(true, "self-query of 230102198503072014 failed, call 13812345678",
            new InvalidOperationException("no subject 230102198503072014"), scope);
        Assert.Single(line.TrimEnd('\n', '\r').Split('\n'));
        var o = JsonDocument.Parse(line).RootElement;
        Assert.Equal("error", o.GetProperty("level").GetString());
        Assert.Equal("Xinyong.Test", o.GetProperty("category").GetString());
        Assert.Equal("Tested", o.GetProperty("event").GetString());
        Assert.Equal("0HN7:00000001", o.GetProperty("requestId").GetString());
        Assert.Equal("abc", o.GetProperty("traceId").GetString());
        Assert.Equal("/api/v1/subjects/230102********2014", o.GetProperty("requestPath").GetString());
        Assert.Equal("self-query of 230102********2014 failed, call 138****5678", o.GetProperty("message").GetString());
        Assert.Equal("230102********2014", o.GetProperty("values").GetProperty("Subject").GetString());
        Assert.Contains("InvalidOperationException", o.GetProperty("error").GetString());
        Assert.DoesNotContain("198503072014", line);
        Assert.DoesNotContain("13812345678", line);
    }

    [Fact]
    public void Text_log_lines_are_masked_too_and_company_codes_are_kept()
    {
        var uscc = Shuanggongshi.Uscc("MA1LQGT01");
        var line = Format(false, $"import for {uscc} by 230102198503072014", null);
        Assert.Contains(uscc, line);
        Assert.Contains("230102********2014", line);
        Assert.DoesNotContain("198503072014", line);
    }
}
