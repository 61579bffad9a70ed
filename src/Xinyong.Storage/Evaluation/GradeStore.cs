using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Evaluation;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Lists;

namespace Xinyong.Storage.Evaluation;

/// <summary>The published evaluation models of this instance (all versions; the one in force by the clock).</summary>
public sealed class EvaluationModelSet(IReadOnlyList<EvaluationModel> all, TimeProvider clock)
{
    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<EvaluationModel> All { get; } = all;

    /// <summary>The version in force today.</summary>
    public EvaluationModel Current => EvaluationModels.InForce(All, clock.Today());
}

/// <summary>A stored grade.</summary>
public sealed record StoredGrade(long SubjectId, GradeResult Result, DateTimeOffset GradedAt);

/// <summary>
/// Grades subjects and stores each grade with its model version and explanation. The facts are those measures use:
/// records in force (<see cref="Publication.InForceSql.ForMeasures"/>: active, published, within their disclosure period, not
/// exempted) and list entries in force (<see cref="ListStore.InForce"/>); so a corrected or revoked record, a listing, an
/// expiry and a repair change the grade the next time it is computed — at once when read through <see cref="Grade(long)"/>,
/// and for every changed subject by <see cref="RegradeChanged"/> (the record, event and list change feeds).
/// </summary>
public sealed class GradeStore(Database db, EvaluationModelSet models, TimeProvider clock)
{
    private const string WatermarkKey = "evaluation.graded-through";
    private const string ModelKey = "evaluation.model";

    private string RecordsSql(string where) =>
        $"SELECT r.subject_id, r.id, r.item, r.serious, r.decided_on, r.under_objection FROM records r WHERE {where} AND {db.In("r.item", "items")} AND {Publication.InForceSql.ForMeasures}";

    private const string ListsSql = "SELECT e.subject_id, e.id, e.list FROM list_entries e WHERE ";

    /// <summary>Grades one subject now under the model in force, stores the grade and returns it.</summary>
    public StoredGrade Grade(long subjectId)
    {
        using var c = db.Open();
        return Grade(c, null, subjectId);
    }

    private StoredGrade Grade(DbConnection c, IDbTransaction? tx, long subjectId)
    {
        var model = models.Current;
        var today = clock.Today();
        var records = c.Query<(long S, long Id, string Item, object Serious, object? Decided, object Objection)>(
                RecordsSql("r.subject_id = @subjectId"), new { subjectId, items = model.RecordItems, today }, tx)
            .Select(r => new GradeRecord(r.Id, r.Item, Bool(r.Serious), r.Decided is null or DBNull ? null : SqlTypeHandlers.ReadDate(r.Decided), Bool(r.Objection))).ToList();
        var lists = c.Query<(long S, long Id, string List)>(ListsSql + "e.subject_id = @subjectId AND " + ListStore.InForce, new { subjectId, today }, tx)
            .Select(e => new GradeListEntry(e.Id, e.List)).ToList();
        var result = Evaluator.Grade(model, today, records, lists);
        var now = clock.GetUtcNow();
        Save(c, tx, [(subjectId, result)], now);
        return new StoredGrade(subjectId, result, now);
    }

    /// <summary>The stored grade of a subject, or null when it was never graded.</summary>
    public StoredGrade? Stored(long subjectId)
    {
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<(string Grade, string Score, string Model, string Explanation, DateTimeOffset At)?>(
            "SELECT grade, score, model, explanation, graded_at FROM subject_grades WHERE subject_id = @subjectId", new { subjectId });
        if (row is not { } r) return null;
        var band = models.All.FirstOrDefault(m => m.Version == r.Model)?.Grades.FirstOrDefault(g => g.Code == r.Grade);
        var indicators = JsonSerializer.Deserialize<List<IndicatorResult>>(r.Explanation, Json) ?? [];
        return new StoredGrade(subjectId, new GradeResult(r.Grade, band?.Name ?? r.Grade, decimal.Parse(r.Score, CultureInfo.InvariantCulture), r.Model, indicators), r.At);
    }

    /// <summary>The model version the last full re-grade used, or null before the first one.</summary>
    public string? GradedModel()
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<string?>("SELECT value FROM settings WHERE key = @ModelKey", new { ModelKey });
    }

    /// <summary>The number of stored grades per grade under a model version.</summary>
    public IReadOnlyDictionary<string, long> Counts(string model)
    {
        using var c = db.Open();
        return c.Query<(string Grade, long N)>("SELECT grade, CAST(COUNT(*) AS BIGINT) FROM subject_grades WHERE model = @model GROUP BY grade", new { model })
            .ToDictionary(x => x.Grade, x => x.N);
    }

    /// <summary>
    /// Re-grades every subject under the model in force (a new model version, or a nightly pass for ageing records):
    /// one ordered pass over the records in force and the list entries in force, grades written in batches.
    /// </summary>
    /// <returns>The number of subjects graded.</returns>
    public long RegradeAll(int batch = 5000)
    {
        var model = models.Current;
        var today = clock.Today();
        var now = clock.GetUtcNow();
        using var read = db.Open();
        var lists = read.Query<(long S, long Id, string List)>(ListsSql + ListStore.InForce, new { today })
            .GroupBy(e => e.S).ToDictionary(g => g.Key, g => g.Select(e => new GradeListEntry(e.Id, e.List)).ToList());
        using var write = db.Open();
        var pending = new List<(long, GradeResult)>(batch);
        long n = 0;
        void Flush()
        {
            using var tx = write.BeginTransaction();
            Save(write, tx, pending, now);
            tx.Commit();
            n += pending.Count;
            pending.Clear();
        }

        var empty = new List<GradeRecord>();
        // Subjects in id order, merged with their records in force in subject order (the records_key index).
        using var subjects = read.ExecuteReader("SELECT id FROM subjects ORDER BY id");
        using var recConn = db.Open();
        using var recs = recConn.ExecuteReader(RecordsSql("1 = 1") + " ORDER BY r.subject_id", new { items = model.RecordItems, today });
        var hasRec = recs.Read();
        var current = new List<GradeRecord>();
        while (subjects.Read())
        {
            var id = subjects.GetInt64(0);
            current.Clear();
            while (hasRec && recs.GetInt64(0) < id) hasRec = recs.Read();
            while (hasRec && recs.GetInt64(0) == id)
            {
                current.Add(new GradeRecord(recs.GetInt64(1), recs.GetString(2), Bool(recs.GetValue(3)),
                    recs.IsDBNull(4) ? null : SqlTypeHandlers.ReadDate(recs.GetValue(4)), Bool(recs.GetValue(5))));
                hasRec = recs.Read();
            }
            pending.Add((id, Evaluator.Grade(model, today, current, lists.TryGetValue(id, out var l) ? l : [])));
            if (pending.Count >= batch) Flush();
        }
        if (pending.Count > 0) Flush();
        SetWatermark(write, now);   // before the model, so that a pass is complete once the model is recorded
        write.Execute("INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { k = ModelKey, v = model.Version });
        return n;
    }

    /// <summary>
    /// Re-grades the subjects whose facts changed since the last pass (a new, corrected or revoked record, a record event
    /// such as an objection mark, a repair or an exemption, a listing or its end), or everyone when the model in force is
    /// not the one the stored grades were computed under.
    /// </summary>
    /// <returns>The number of subjects re-graded.</returns>
    public long RegradeChanged()
    {
        var model = models.Current;
        var now = clock.GetUtcNow();
        List<long> ids;
        using (var c = db.Open())
        {
            var graded = c.QueryFirstOrDefault<string?>("SELECT value FROM settings WHERE key = @ModelKey", new { ModelKey });
            if (graded != model.Version) return RegradeAll();
            var since = DateTimeOffset.Parse(c.QueryFirstOrDefault<string?>("SELECT value FROM settings WHERE key = @WatermarkKey", new { WatermarkKey })
                                             ?? DateTimeOffset.MinValue.ToString("O"), CultureInfo.InvariantCulture);
            ids = c.Query<long>(
                """
                SELECT subject_id FROM records WHERE changed_at > @since
                UNION SELECT r.subject_id FROM record_events v JOIN records r ON r.id = v.record_id WHERE v.at > @since
                UNION SELECT subject_id FROM list_entries WHERE decided_at > @since OR ended_at > @since
                """, new { since }).ToList();
        }
        foreach (var id in ids) Grade(id);
        using (var c = db.Open()) SetWatermark(c, now);
        return ids.Count;
    }

    private static void SetWatermark(IDbConnection c, DateTimeOffset at) =>
        c.Execute("INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { k = WatermarkKey, v = at.ToString("O", CultureInfo.InvariantCulture) });

    private const string Upsert = """
        ON CONFLICT (subject_id) DO UPDATE SET grade = excluded.grade, score = excluded.score, model = excluded.model,
          explanation = excluded.explanation, graded_at = excluded.graded_at
        """;

    private void Save(IDbConnection c, IDbTransaction? tx, IReadOnlyList<(long Subject, GradeResult Result)> grades, DateTimeOffset now)
    {
        if (db.Dialect == Dialect.Postgres && grades.Count > 1)
        {
            // One statement per batch: a statement per row costs a round trip each (2.6 million of them in a full re-grade).
            c.Execute(
                "INSERT INTO subject_grades (subject_id, grade, score, model, explanation, graded_at) " +
                "SELECT s, g, sc, m, e, @now FROM unnest(@ids::bigint[], @grades::text[], @scores::text[], @models::text[], @explanations::text[]) AS x(s, g, sc, m, e) " + Upsert,
                new
                {
                    ids = grades.Select(g => g.Subject).ToArray(), grades = grades.Select(g => g.Result.Grade).ToArray(),
                    scores = grades.Select(g => g.Result.Score.ToString(CultureInfo.InvariantCulture)).ToArray(), models = grades.Select(g => g.Result.Model).ToArray(),
                    explanations = grades.Select(g => JsonSerializer.Serialize(g.Result.Indicators, Json)).ToArray(), now,
                }, tx);
            return;
        }
        c.Execute(
            """
            INSERT INTO subject_grades (subject_id, grade, score, model, explanation, graded_at) VALUES (@Subject, @Grade, @Score, @Model, @Explanation, @now)
            ON CONFLICT (subject_id) DO UPDATE SET grade = excluded.grade, score = excluded.score, model = excluded.model,
              explanation = excluded.explanation, graded_at = excluded.graded_at
            """,
            grades.Select(g => new
            {
                g.Subject, g.Result.Grade, Score = g.Result.Score.ToString(CultureInfo.InvariantCulture), g.Result.Model,
                Explanation = JsonSerializer.Serialize(g.Result.Indicators, Json), now,
            }), tx);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static bool Bool(object v) => v switch
    {
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0,
    };
}
