using System.Threading.Channels;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Checks;

/// <summary>One check as logged: who asked about whom, in which scenario, and the answer given.</summary>
/// <param name="Id">The checkId.</param>
/// <param name="At">When.</param>
/// <param name="Department">The department's account code.</param>
/// <param name="SubjectId">The subject, or null when the platform holds nothing on it.</param>
/// <param name="SubjectRef">The subject's public reference.</param>
/// <param name="Scenario">The scenario code.</param>
/// <param name="Purpose">The purpose as the subject's access log states it (Art. 35).</param>
/// <param name="Version">The measures version applied.</param>
/// <param name="MeasuresJson">The answer's measures (codes, kinds, periods, triggers) as JSON.</param>
/// <param name="WithMeasures">True when at least one measure applied.</param>
public sealed record CheckEntry(
    string Id, DateTimeOffset At, string Department, long? SubjectId, string SubjectRef, string Scenario, string Purpose, string Version,
    string MeasuresJson, bool WithMeasures);

/// <summary>
/// The log of checks, written with group commit: each check waits until its row is committed (so an answered check is
/// always logged), but the checks arriving meanwhile share one transaction. One writer means no lock contention on
/// SQLite and one commit for many checks on PostgreSQL. Each batch writes the checks, the subjects' access log (Art. 35)
/// and the per-day counts.
/// </summary>
public sealed class CheckLog : IDisposable
{
    private const int MaxBatch = 1000;
    private static readonly (string, ColumnType)[] Columns =
    [
        ("id", ColumnType.Text), ("at", ColumnType.Instant), ("department", ColumnType.Text), ("subject_id", ColumnType.BigInt),
        ("subject_ref", ColumnType.Text), ("scenario", ColumnType.Text), ("version", ColumnType.Text), ("measures", ColumnType.Text),
    ];

    private readonly Database _db;
    private readonly Channel<(CheckEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(CheckEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    /// <summary>Starts the writer on a thread of its own (its waits on the store hold no pool thread).</summary>
    public CheckLog(Database db)
    {
        _db = db;
        _writer = new Thread(Run) { IsBackground = true, Name = "xinyong-check-log" };
        _writer.Start();
    }

    /// <summary>Logs a check; completes when it is committed, fails when it could not be.</summary>
    public Task Append(CheckEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entry, done))) done.SetException(new ObjectDisposedException(nameof(CheckLog)));
        return done.Task;
    }

    private void Run()
    {
        var batch = new List<(CheckEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                Write(batch.Select(b => b.Entry).ToList());
                foreach (var b in batch) b.Done.SetResult();
            }
            catch (Exception ex)
            {
                foreach (var b in batch) b.Done.SetException(ex);
            }
        }
    }

    private void Write(IReadOnlyList<CheckEntry> entries)
    {
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        BulkInsert.Rows(c, tx, "checks", Columns,
            entries.Select(e => new object?[] { e.Id, e.At, e.Department, e.SubjectId, e.SubjectRef, e.Scenario, e.Version, e.MeasuresJson }));
        AccessLog.Record(c, tx, entries.Where(e => e.SubjectId is not null).Select(e => new AccessEntry
        {
            At = e.At, SubjectId = e.SubjectId!.Value, ActorKind = "department", Actor = e.Department, Purpose = e.Purpose,
            What = $"check:{e.Id}", Channel = "api",
        }));
        foreach (var g in entries.GroupBy(e => (Day: ChinaTime.DateOf(e.At), e.Department, e.Scenario)))
            CheckCounts.Add(c, tx, g.Key.Day, g.Key.Department, g.Key.Scenario, checks: g.Count(), withMeasures: g.Count(e => e.WithMeasures), feedback: 0);
        tx.Commit();
    }

    /// <summary>Stops accepting checks and waits until every queued one is written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
    }
}

/// <summary>The per-day counts of checks and feedback (plan line 1173).</summary>
internal static class CheckCounts
{
    /// <summary>Adds to the counts of a day, department and scenario, inside the caller's transaction.</summary>
    public static void Add(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, DateOnly day, string department, string scenario,
        long checks, long withMeasures, long feedback) =>
        c.Execute(
            """
            INSERT INTO check_counts (day, department, scenario, checks, with_measures, feedback) VALUES (@day, @department, @scenario, @checks, @withMeasures, @feedback)
            ON CONFLICT (day, department, scenario) DO UPDATE SET checks = check_counts.checks + excluded.checks,
              with_measures = check_counts.with_measures + excluded.with_measures, feedback = check_counts.feedback + excluded.feedback
            """, new { day, department, scenario, checks, withMeasures, feedback }, tx);
}
