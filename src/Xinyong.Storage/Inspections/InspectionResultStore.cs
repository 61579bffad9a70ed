using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Inspections;

/// <summary>A published inspection result as stored: its items are the JSON the application wrote.</summary>
public sealed record StoredInspectionResult(string PlanCode, string Target, string Department, DateOnly InspectedOn, string Outcome, string Summary,
    string ItemsJson, string? PenaltyDecision, DateTimeOffset EnteredAt);

/// <summary>
/// Persistence of inspection results (一公开, <c>inspection_results</c>) and of the link to the credit records they are
/// written as: a record of a result comes in a batch of the publishing department whose key is fixed by plan, target
/// and item (<see cref="BatchKey"/>). The workflow (validation, publication, writing the records) is
/// <c>Application/Inspections</c>.
/// </summary>
public sealed class InspectionResultStore(Database db)
{
    /// <summary>The batch key of one record of a result.</summary>
    public static string BatchKey(string planCode, string target, string item) => $"inspection:{planCode}:{target}:{item}";

    /// <summary>Adds a result inside the caller's transaction; false (nothing written) when the target's result is in already.</summary>
    public bool Add(DbConnection c, DbTransaction tx, StoredInspectionResult r) =>
        c.Execute(
            """
            INSERT INTO inspection_results (plan_code, target, department, inspected_on, outcome, summary, items, penalty_decision, entered_at)
            VALUES (@PlanCode, @Target, @Department, @InspectedOn, @Outcome, @Summary, @ItemsJson, @PenaltyDecision, @EnteredAt) ON CONFLICT (plan_code, target) DO NOTHING
            """, r, tx) == 1;

    /// <summary>The results of a plan, by target.</summary>
    public IReadOnlyList<StoredInspectionResult> Of(string planCode)
    {
        using var c = db.Open();
        return c.Query<(string Target, string Department, DateOnly On, string Outcome, string Summary, string Items, string? Penalty, DateTimeOffset At)>(
                "SELECT target, department, inspected_on, outcome, summary, items, penalty_decision, entered_at FROM inspection_results WHERE plan_code = @planCode ORDER BY target",
                new { planCode })
            .Select(r => new StoredInspectionResult(planCode, r.Target, r.Department, r.On, r.Outcome, r.Summary, r.Items, r.Penalty, r.At)).ToList();
    }

    /// <summary>The record (and its subject) that <paramref name="provider"/>'s batch <paramref name="batchKey"/> wrote, or null.</summary>
    public (long Id, long SubjectId)? RecordOfBatch(string provider, string batchKey)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<(long Id, long SubjectId)?>(
            "SELECT r.id, r.subject_id FROM records r JOIN batches b ON b.id = r.batch_id WHERE b.provider = @provider AND b.batch_key = @batchKey",
            new { provider, batchKey });
    }

    /// <summary>The results (plan, target) whose record of <paramref name="resultItem"/> has not been written (no answered batch), oldest first.</summary>
    public IReadOnlyList<(string Plan, string Target)> WithoutRecord(string resultItem)
    {
        using var c = db.Open();
        // The key is BatchKey(plan, target, resultItem), built in SQL.
        return c.Query<(string, string)>(
            """
            SELECT i.plan_code, i.target FROM inspection_results i
            WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.provider = i.department AND b.batch_key = 'inspection:' || i.plan_code || ':' || i.target || ':' || @resultItem AND b.response IS NOT NULL)
            ORDER BY i.entered_at
            """, new { resultItem }).ToList();
    }
}
