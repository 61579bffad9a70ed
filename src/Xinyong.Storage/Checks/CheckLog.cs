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
/// always logged), but the checks arriving meanwhile share one transaction, so the cost of a commit (on PostgreSQL, its
/// flush to disk) is shared by every check that waited for it. One writer: the batches are as large as the load makes
/// them, and SQLite's single writing transaction is never contended. Each batch writes the checks, the subjects' access
/// log (Art. 35) and the per-day counts.
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
        var counts = entries.GroupBy(e => (Day: ChinaTime.DateOf(e.At), e.Department, e.Scenario))
            .Select(g => new CheckCounts.Row(g.Key.Day, g.Key.Department, g.Key.Scenario, g.Count(), g.Count(e => e.WithMeasures), 0)).ToList();
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        if (_db.Dialect == Dialect.Postgres)
        {
            // One round trip for the checks, their access-log entries and the counts; then the commit.
            var (sql, args) = CheckCounts.Statement(counts);
            args.AddDynamicParams(new
            {
                ids = entries.Select(e => e.Id).ToArray(), ats = entries.Select(e => e.At.ToUniversalTime()).ToArray(),
                depts = entries.Select(e => e.Department).ToArray(), sids = entries.Select(e => e.SubjectId).ToArray(),
                refs = entries.Select(e => e.SubjectRef).ToArray(), scenarios = entries.Select(e => e.Scenario).ToArray(),
                versions = entries.Select(e => e.Version).ToArray(), measures = entries.Select(e => e.MeasuresJson).ToArray(),
                purposes = entries.Select(e => e.Purpose).ToArray(),
            });
            c.Execute(
                $"""
                INSERT INTO checks (id, at, department, subject_id, subject_ref, scenario, version, measures)
                SELECT * FROM unnest(@ids::text[], @ats::timestamptz[], @depts::text[], @sids::bigint[], @refs::text[], @scenarios::text[], @versions::text[], @measures::text[]);
                INSERT INTO access_log (at, subject_id, actor_kind, actor, purpose, what, channel)
                SELECT at, sid, 'department', dept, purpose, 'check:' || id, 'api'
                FROM unnest(@ats::timestamptz[], @sids::bigint[], @depts::text[], @purposes::text[], @ids::text[]) AS x(at, sid, dept, purpose, id) WHERE sid IS NOT NULL;
                {sql}
                """, args, tx);
        }
        else
        {
            BulkInsert.Rows(c, tx, "checks", Columns,
                entries.Select(e => new object?[] { e.Id, e.At, e.Department, e.SubjectId, e.SubjectRef, e.Scenario, e.Version, e.MeasuresJson }));
            AccessLog.Record(c, tx, entries.Where(e => e.SubjectId is not null).Select(e => new AccessEntry
            {
                At = e.At, SubjectId = e.SubjectId!.Value, ActorKind = "department", Actor = e.Department, Purpose = e.Purpose,
                What = $"check:{e.Id}", Channel = "api",
            }));
            CheckCounts.Add(c, tx, counts);
        }
        tx.Commit();
    }

    /// <summary>Stops accepting checks and waits until every queued one is written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
    }
}

/// <summary>The per-day counts of checks and feedback (《黑龙江省“十四五”社会信用体系建设规划》一).</summary>
public static class CheckCounts
{
    /// <summary>What to add to one day, department and scenario.</summary>
    public sealed record Row(DateOnly Day, string Department, string Scenario, long Checks, long WithMeasures, long Feedback);

    /// <summary>Adds to the counts, in one statement, inside the caller's transaction.</summary>
    public static void Add(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, IReadOnlyList<Row> rows)
    {
        var (sql, args) = Statement(rows);
        c.Execute(sql, args, tx);
    }

    /// <summary>The statement that adds <paramref name="rows"/> to the counts.</summary>
    public static (string Sql, DynamicParameters Args) Statement(IReadOnlyList<Row> rows)
    {
        var args = new DynamicParameters();
        var values = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            values.Add($"(@d{i}, @p{i}, @s{i}, @c{i}, @m{i}, @f{i})");
            args.Add($"d{i}", r.Day);
            args.Add($"p{i}", r.Department);
            args.Add($"s{i}", r.Scenario);
            args.Add($"c{i}", r.Checks);
            args.Add($"m{i}", r.WithMeasures);
            args.Add($"f{i}", r.Feedback);
        }
        return ($"""
            INSERT INTO check_counts (day, department, scenario, checks, with_measures, feedback) VALUES {string.Join(", ", values)}
            ON CONFLICT (day, department, scenario) DO UPDATE SET checks = check_counts.checks + excluded.checks,
              with_measures = check_counts.with_measures + excluded.with_measures, feedback = check_counts.feedback + excluded.feedback;
            """, args);
    }
}
