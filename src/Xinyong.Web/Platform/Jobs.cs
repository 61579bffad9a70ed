using System.Collections.Concurrent;
using Xinyong.Storage.Telemetry;

namespace Xinyong.Web.Platform;

/// <summary>What the supervisor knows of one background job: when it last succeeded and failed, and how often.</summary>
/// <param name="Name">The job's stable name (e.g. <c>deadline-watch</c>).</param>
/// <param name="Interval">How often it runs when it succeeds.</param>
/// <param name="LastSuccess">The end of its last successful run (platform clock), or null.</param>
/// <param name="LastFailure">The end of its last failed run, or null.</param>
/// <param name="LastError">The last failure's error type and message (logs and operators only; never on a public page).</param>
/// <param name="ConsecutiveFailures">Failures since the last success (0: healthy).</param>
/// <param name="Runs">Runs since start.</param>
/// <param name="Failures">Failed runs since start.</param>
public sealed record JobState(string Name, TimeSpan Interval, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError,
    int ConsecutiveFailures, long Runs, long Failures);

/// <summary>The state of every supervised job of this instance (read by <c>/healthz</c>).</summary>
public sealed class JobStates
{
    private readonly ConcurrentDictionary<string, JobState> _jobs = new(StringComparer.Ordinal);

    /// <summary>Every job, by name.</summary>
    public IReadOnlyList<JobState> All => _jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    /// <summary>One job, or null.</summary>
    public JobState? Get(string name) => _jobs.GetValueOrDefault(name);

    /// <summary>Declares a job (before its first run).</summary>
    public void Register(string name, TimeSpan interval) => _jobs.TryAdd(name, new JobState(name, interval, null, null, null, 0, 0, 0));

    /// <summary>Records a successful run.</summary>
    public void Succeeded(string name, DateTimeOffset at) =>
        _jobs.AddOrUpdate(name, _ => new JobState(name, TimeSpan.Zero, at, null, null, 0, 1, 0),
            (_, j) => j with { LastSuccess = at, ConsecutiveFailures = 0, Runs = j.Runs + 1 });

    /// <summary>Records a failed run.</summary>
    public void Failed(string name, DateTimeOffset at, Exception error) =>
        _jobs.AddOrUpdate(name, _ => new JobState(name, TimeSpan.Zero, null, at, Describe(error), 1, 1, 1),
            (_, j) => j with { LastFailure = at, LastError = Describe(error), ConsecutiveFailures = j.ConsecutiveFailures + 1, Runs = j.Runs + 1, Failures = j.Failures + 1 });

    private static string Describe(Exception e) => $"{e.GetType().Name}: {LogMasking.Mask(e.Message)}";
}

/// <summary>What every supervised job needs: the shared state, the options, the clock and the loggers.</summary>
public sealed class JobContext(JobStates states, PlatformOptions options, TimeProvider clock, ILoggerFactory logs)
{
    public JobStates States { get; } = states;
    public PlatformOptions Options { get; } = options;
    public TimeProvider Clock { get; } = clock;
    public ILoggerFactory Logs { get; } = logs;
}

/// <summary>
/// The one supervisor of the platform's background jobs (deadline watch with the notification outbox, disclosure-period
/// archive and name index, the lists job): each job runs at start and then every <see cref="PlatformOptions.JobInterval"/>;
/// a failed run is logged with its error and retried after <see cref="PlatformOptions.JobRetryDelay"/>, doubling up to
/// the interval; the last success and failure of each job are kept in <see cref="JobStates"/> (shown by <c>/healthz</c>)
/// and counted in the metric <c>xinyong.job.runs</c>.
/// </summary>
public abstract class SupervisedJob(JobContext context) : BackgroundService
{
    private ILogger? _log;

    /// <summary>The job's stable name, as logs, metrics and <c>/healthz</c> show it.</summary>
    public abstract string Name { get; }

    /// <summary>One run; throws when it failed (the supervisor logs, records and retries).</summary>
    public abstract void RunOnce();

    /// <summary>The logger of the job.</summary>
    protected ILogger Log => _log ??= context.Logs.CreateLogger(GetType().FullName ?? Name);

    /// <summary>The delay before the next run after <paramref name="failures"/> consecutive failures (0: the interval).</summary>
    public static TimeSpan NextDelay(int failures, TimeSpan interval, TimeSpan retry)
    {
        if (failures == 0) return interval;
        var backoff = retry * Math.Pow(2, Math.Min(failures - 1, 20));
        return backoff < interval ? backoff : interval;
    }

    /// <summary>Runs once and records the outcome; returns true on success.</summary>
    public bool RunSupervised()
    {
        using var activity = PlatformMetrics.Activities.StartActivity("job " + Name);
        try
        {
            RunOnce();
            context.States.Succeeded(Name, context.Clock.GetUtcNow());
            PlatformMetrics.JobRuns.Add(1, new("job", Name), new("outcome", "success"));
            return true;
        }
        catch (Exception ex)   // every failure, a timeout's cancellation too: the job is retried, the host goes on
        {
            context.States.Failed(Name, context.Clock.GetUtcNow(), ex);
            PlatformMetrics.JobRuns.Add(1, new("job", Name), new("outcome", "failure"));
            var failures = context.States.Get(Name)?.ConsecutiveFailures ?? 1;
            Log.LogError(ex, "job {Job} failed ({Failures} in a row); retrying in {Delay}", Name, failures,
                NextDelay(failures, context.Options.JobInterval, context.Options.JobRetryDelay));
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        context.States.Register(Name, context.Options.JobInterval);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Run(RunSupervised, stoppingToken); }
            catch (OperationCanceledException) { return; }   // stopping before the run started
            var failures = context.States.Get(Name)?.ConsecutiveFailures ?? 0;
            try { await Task.Delay(NextDelay(failures, context.Options.JobInterval, context.Options.JobRetryDelay), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
