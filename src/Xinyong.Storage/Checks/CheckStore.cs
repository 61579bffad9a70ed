using Xinyong.Reorganisations;
using System.Data;
using System.Data.Common;
using Dapper;
using Xinyong.Measures;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Reorganisations;

namespace Xinyong.Storage.Checks;

/// <summary>The facts a check evaluates: the subject, its list entries in force, its records in force and the reorganisation plan in force.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="SubjectRef">Its public reference.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Lists">Its list entries in force.</param>
/// <param name="Records">Its records in force for measures, of the items the measures name.</param>
/// <param name="Plan">The newest reorganisation plan or settlement in force, or null.</param>
public sealed record CheckFacts(long SubjectId, string SubjectRef, string Kind, List<ListFact> Lists, List<RecordFact> Records, Reorganisation? Plan);

/// <summary>A logged check as feedback reads it: who checked, in which scenario, and the measures returned (JSON).</summary>
public readonly record struct LoggedCheck(string Department, string Scenario, string Measures);

/// <summary>Counts of checks and feedback for one key (scenario, department) or day.</summary>
public readonly record struct CheckSums<TKey>(TKey Key, long Checks, long WithMeasures, long Feedback);

/// <summary>
/// Persistence of the check (Art. 43-44): the facts of a subject read in one round trip with indexed lookups only, the
/// logged check feedback reads, the feedback itself and the counts. The workflow is <c>CheckService</c>.
/// </summary>
public sealed class CheckStore(Database db)
{
    // One round trip: the subject by its key, its entries in force, its records in force (indexed lookups only).
    private readonly string _byKeySql = FactsSql("id_key", db);
    private readonly string _byRefSql = FactsSql("ref", db);

    private static string FactsSql(string keyColumn, Database db) =>
        $"""
        SELECT id, ref, kind FROM subjects WHERE {keyColumn} = @key;
        SELECT e.id, e.list, e.starts_on, e.ends_on, e.published FROM list_entries e
        WHERE e.subject_id = (SELECT id FROM subjects WHERE {keyColumn} = @key) AND {ListStore.InForce};
        SELECT r.id, r.item, r.serious, r.decided_on, r.public_until FROM records r
        WHERE r.subject_id = (SELECT id FROM subjects WHERE {keyColumn} = @key) AND {db.In("r.item", "items")} AND {InForceSql.ForMeasures};
        SELECT g.id, k.number, g.kind, g.court, g.ruling_no, g.ruling_date, g.plan_from, g.plan_to FROM reorganisations g JOIN cases k ON k.id = g.id
        WHERE g.subject_id = (SELECT id FROM subjects WHERE {keyColumn} = @key) AND g.status = 'in-force' ORDER BY g.ruling_date DESC;
        """;

    /// <summary>
    /// The facts of the subject with this lookup key (a natural person's P… reference is looked up by its reference), or
    /// null when the platform holds nothing on it. Asynchronous all the way to the store, so that waiting for PostgreSQL
    /// does not hold a thread.
    /// </summary>
    public async Task<CheckFacts?> Facts(string key, DateOnly today, IReadOnlyList<string> items)
    {
        await using var c = await db.OpenAsync();
        var byRef = key.Length == 17 && key[0] == 'P';
        await using var r = await c.ExecuteReaderAsync(byRef ? _byRefSql : _byKeySql, new { key, today, items });
        if (!await r.ReadAsync()) return null;
        var (id, subjectRef, kind) = (r.GetInt64(0), r.GetString(1), r.GetString(2));
        var lists = new List<ListFact>();
        await r.NextResultAsync();
        while (await r.ReadAsync())
            lists.Add(new ListFact(r.GetInt64(0), r.GetString(1), SqlTypeHandlers.ReadDate(r.GetValue(2)),
                r.IsDBNull(3) ? null : SqlTypeHandlers.ReadDate(r.GetValue(3)), Bool(r, 4)));
        var records = new List<RecordFact>();
        await r.NextResultAsync();
        while (await r.ReadAsync())
            records.Add(new RecordFact(r.GetInt64(0), r.GetString(1), Bool(r, 2),
                r.IsDBNull(3) ? null : SqlTypeHandlers.ReadDate(r.GetValue(3)), r.IsDBNull(4) ? null : SqlTypeHandlers.ReadDate(r.GetValue(4))));
        Reorganisation? plan = null;
        await r.NextResultAsync();
        if (await r.ReadAsync())
            plan = new Reorganisation
            {
                Id = r.GetInt64(0), Number = r.GetString(1), Kind = r.GetString(2), Court = r.GetString(3), RulingNo = r.GetString(4),
                RulingDate = SqlTypeHandlers.ReadDate(r.GetValue(5)), PlanFrom = SqlTypeHandlers.ReadDate(r.GetValue(6)), PlanTo = SqlTypeHandlers.ReadDate(r.GetValue(7)),
            };
        return new CheckFacts(id, subjectRef, kind, lists, records, plan);
    }

    /// <summary>A logged check, or null.</summary>
    public static LoggedCheck? Logged(DbConnection c, string checkId) =>
        c.QueryFirstOrDefault<(string Department, string Scenario, string Measures)?>(
            "SELECT department, scenario, measures FROM checks WHERE id = @checkId", new { checkId }) is { } k
            ? new LoggedCheck(k.Department, k.Scenario, k.Measures)
            : null;

    /// <summary>Stores the feedback on a check inside the caller's transaction; false when the check has feedback already.</summary>
    public static bool AddFeedback(DbConnection c, DbTransaction tx, string checkId, DateTimeOffset now, string department, string appliedJson, string outcome, string? reference) =>
        c.Execute(
            "INSERT INTO check_feedback (check_id, at, department, applied, outcome, reference) VALUES (@checkId, @now, @department, @appliedJson, @outcome, @reference) ON CONFLICT (check_id) DO NOTHING",
            new { checkId, now, department, appliedJson, outcome, reference }, tx) > 0;

    private const string Sums =
        "CAST(SUM(checks) AS BIGINT) AS Checks, CAST(SUM(with_measures) AS BIGINT) AS WithMeasures, CAST(SUM(feedback) AS BIGINT) AS Feedback";

    /// <summary>The counts between two days (China time, inclusive) per scenario or department, most checks first.</summary>
    public IReadOnlyList<CheckSums<string>> CountsBy(CheckCountKey key, DateOnly from, DateOnly to)
    {
        var column = key == CheckCountKey.Scenario ? "scenario" : "department";
        using var c = db.Open();
        // Read as tuples: with no rows SQLite reports the SUM columns as untyped (blob), which no constructor matches.
        return c.Query<(string Key, long Checks, long WithMeasures, long Feedback)>(
            $"SELECT {column} AS Key, {Sums} FROM check_counts WHERE day >= @from AND day <= @to GROUP BY {column} ORDER BY SUM(checks) DESC, {column}",
            new { from, to }).Select(x => new CheckSums<string>(x.Key, x.Checks, x.WithMeasures, x.Feedback)).ToList();
    }

    /// <summary>The counts between two days (China time, inclusive) per day, newest first.</summary>
    public IReadOnlyList<CheckSums<DateOnly>> CountsByDay(DateOnly from, DateOnly to)
    {
        using var c = db.Open();
        return c.Query<(DateOnly Day, long Checks, long WithMeasures, long Feedback)>(
                $"SELECT day, {Sums} FROM check_counts WHERE day >= @from AND day <= @to GROUP BY day ORDER BY day DESC",
                new { from, to })
            .Select(d => new CheckSums<DateOnly>(d.Day, d.Checks, d.WithMeasures, d.Feedback)).ToList();
    }

    private static bool Bool(IDataRecord r, int i) => r.GetValue(i) switch
    {
        bool b => b,
        long l => l != 0,
        var v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0,
    };
}

/// <summary>What check counts are grouped by.</summary>
public enum CheckCountKey
{
    /// <summary>The scenario.</summary>
    Scenario,
    /// <summary>The department.</summary>
    Department,
}
