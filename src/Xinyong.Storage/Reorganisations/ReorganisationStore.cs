using System.Data.Common;
using Dapper;
using Xinyong.Reorganisations;

namespace Xinyong.Storage.Reorganisations;

/// <summary>How a stored reorganisation is read (<see cref="Reorganisation"/>).</summary>
internal static class ReorganisationSql
{
    internal const string Columns =
        "g.id, k.number, g.subject_id AS SubjectId, s.ref AS SubjectRef, s.name AS SubjectName, g.kind, g.court, g.ruling_no AS RulingNo, " +
        "g.ruling_date AS RulingDate, g.plan_from AS PlanFrom, g.plan_to AS PlanTo, g.status, g.ended_on AS EndedOn, g.created_at AS CreatedAt";

    internal const string From = "reorganisations g JOIN cases k ON k.id = g.id JOIN subjects s ON s.id = g.subject_id";
}

/// <summary>The kinds of ruling.</summary>
public static class ReorganisationKinds
{
    public const string Plan = "plan";
    public const string Settlement = "settlement";
}

/// <summary>The states of a reorganisation.</summary>
public static class ReorganisationStatuses
{
    public const string InForce = "in-force";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>
/// The reorganisations table (persistence only; every write takes the caller's connection and transaction, so it commits
/// with the case action that makes it) and the dishonesty a ruling covers: what was decided on or before the ruling.
/// </summary>
public sealed class ReorganisationStore(Database db)
{
    /// <summary>Adds the row of a new reorganisation case.</summary>
    public void Insert(DbConnection c, DbTransaction tx, Reorganisation r) => c.Execute(
        """
        INSERT INTO reorganisations (id, subject_id, kind, court, ruling_no, ruling_date, plan_from, plan_to, status, created_at)
        VALUES (@Id, @SubjectId, @Kind, @Court, @RulingNo, @RulingDate, @PlanFrom, @PlanTo, 'in-force', @CreatedAt)
        """, r, tx);

    /// <summary>Ends a plan in force (completed or failed); false when it is no longer in force.</summary>
    public bool End(DbConnection c, DbTransaction tx, long id, string status, DateOnly on) =>
        c.Execute("UPDATE reorganisations SET status = @status, ended_on = @on WHERE id = @id AND status = 'in-force'", new { id, status, on }, tx) == 1;

    /// <summary>The plan in force for a subject, if any (inside a transaction).</summary>
    public Reorganisation? InForceFor(DbConnection c, DbTransaction? tx, long subjectId) =>
        c.QueryFirstOrDefault<Reorganisation>($"SELECT {ReorganisationSql.Columns} FROM {ReorganisationSql.From} WHERE g.subject_id = @subjectId AND g.status = 'in-force' ORDER BY g.ruling_date DESC LIMIT 1",
            new { subjectId }, tx);

    /// <summary>One reorganisation, or null.</summary>
    public Reorganisation? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Reorganisation>($"SELECT {ReorganisationSql.Columns} FROM {ReorganisationSql.From} WHERE g.id = @id", new { id });
    }

    /// <summary>All reorganisations, those in force first, newest first.</summary>
    public IReadOnlyList<Reorganisation> All(int limit = 500)
    {
        using var c = db.Open();
        return c.Query<Reorganisation>(
            $"SELECT {ReorganisationSql.Columns} FROM {ReorganisationSql.From} ORDER BY CASE WHEN g.status = 'in-force' THEN 0 ELSE 1 END, g.ruling_date DESC, g.id DESC LIMIT @limit",
            new { limit }).ToList();
    }

    /// <summary>
    /// The subject's records a ruling covers and that are still in force: negative records (of <paramref name="items"/>)
    /// decided on or before the ruling, active and not withheld.
    /// </summary>
    public IReadOnlyList<long> CoveredRecords(DbConnection c, DbTransaction tx, long subjectId, DateOnly rulingDate, IReadOnlyCollection<string> items) =>
        c.Query<long>($"SELECT r.id FROM records r WHERE r.subject_id = @subjectId AND {Publication.InForceSql.Standing} AND (r.decided_on IS NULL OR r.decided_on <= @rulingDate) AND {db.In("r.item", "items")} ORDER BY r.id",
            new { subjectId, rulingDate, items = items.ToArray() }, tx).ToList();

    /// <summary>The subject's serious-dishonesty list entries a ruling covers: active, started on or before the ruling.</summary>
    public IReadOnlyList<long> CoveredEntries(DbConnection c, DbTransaction tx, long subjectId, DateOnly rulingDate) =>
        c.Query<long>("SELECT id FROM list_entries WHERE subject_id = @subjectId AND list = 'dishonesty' AND status = 'active' AND starts_on <= @rulingDate ORDER BY id",
            new { subjectId, rulingDate }, tx).ToList();
}
