using System.Data.Common;
using Dapper;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Lists;

/// <summary>The two credit lists.</summary>
public static class CreditLists
{
    /// <summary>严重失信主体名单 (Art. 28-29).</summary>
    public const string Dishonesty = "dishonesty";
    /// <summary>守信激励主体名单 (Art. 25).</summary>
    public const string Incentive = "incentive";
}

/// <summary>One entry of a credit list: a written decision (Art. 28) with its period.</summary>
public sealed record ListEntry
{
    public long Id { get; init; }
    public string List { get; init; } = "";
    public long SubjectId { get; init; }
    public string Status { get; init; } = "";
    public string DecidingUnit { get; init; } = "";
    public string DecisionNo { get; init; } = "";
    public string Grounds { get; init; } = "";
    public string Reasons { get; init; } = "";
    public string Basis { get; init; } = "";
    public long? RecordId { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? RemovalConditions { get; init; }
    public string? Remedy { get; init; }
    public bool Published { get; init; }
    public bool UnderObjection { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public string DecidedBy { get; init; } = "";
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
}

/// <summary>
/// The credit lists: entries are added by written decision and end by expiry, repair, upheld objection or lifting,
/// never by deletion. Every change enters the audit chain. Features that act on lists (checks, repairs, objections)
/// go through this store.
/// </summary>
public sealed class ListStore(Database db, AuditChain audit, TimeProvider clock)
{
    /// <summary>The columns of <see cref="ListEntry"/> over <c>list_entries e</c>.</summary>
    public const string Columns =
        "e.id, e.list, e.subject_id AS SubjectId, e.status, e.deciding_unit AS DecidingUnit, e.decision_no AS DecisionNo, e.grounds, e.reasons, e.basis, " +
        "e.record_id AS RecordId, e.starts_on AS StartsOn, e.ends_on AS EndsOn, e.removal_conditions AS RemovalConditions, e.remedy, e.published, " +
        "e.under_objection AS UnderObjection, e.decided_at AS DecidedAt, e.decided_by AS DecidedBy, e.ended_at AS EndedAt, e.end_reason AS EndReason";

    /// <summary>Adds an entry (status active) and returns its id.</summary>
    public long Add(ListEntry e)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var id = Add(c, tx, e);
        tx.Commit();
        return id;
    }

    /// <summary>Adds an entry inside the caller's transaction.</summary>
    public long Add(DbConnection c, DbTransaction tx, ListEntry e)
    {
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO list_entries (list, subject_id, status, deciding_unit, decision_no, grounds, reasons, basis, record_id, starts_on, ends_on,
              removal_conditions, remedy, published, under_objection, decided_at, decided_by)
            VALUES (@List, @SubjectId, 'active', @DecidingUnit, @DecisionNo, @Grounds, @Reasons, @Basis, @RecordId, @StartsOn, @EndsOn,
              @RemovalConditions, @Remedy, @Published, FALSE, @DecidedAt, @DecidedBy)
            RETURNING id
            """, e, tx);
        audit.Append(c, tx, e.DecidedBy, $"list.{e.List}.add", $"list-entry:{id}", $"{e.DecisionNo} subject:{e.SubjectId} {e.Grounds}");
        return id;
    }

    /// <summary>Ends an active entry now. Returns false when it was not active.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="reason">expired, repaired, objection-upheld, lifted or court-removed.</param>
    /// <param name="actor">Who ended it.</param>
    public bool End(long id, string reason, string actor)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var ended = End(c, tx, id, reason, actor);
        tx.Commit();
        return ended;
    }

    /// <summary>Ends an active entry inside the caller's transaction.</summary>
    public bool End(DbConnection c, DbTransaction tx, long id, string reason, string actor)
    {
        var n = c.Execute("UPDATE list_entries SET status = 'ended', ended_at = @now, end_reason = @reason WHERE id = @id AND status = 'active'",
            new { id, reason, now = clock.GetUtcNow() }, tx);
        if (n > 0) audit.Append(c, tx, actor, "list.end", $"list-entry:{id}", reason);
        return n > 0;
    }

    /// <summary>Ends every active entry that a record supports (e.g. when that record is repaired). Returns the ids ended.</summary>
    public IReadOnlyList<long> EndForRecord(long recordId, string reason, string actor)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var ids = c.Query<long>("SELECT id FROM list_entries WHERE record_id = @recordId AND status = 'active'", new { recordId }, tx).ToList();
        foreach (var id in ids) End(c, tx, id, reason, actor);
        tx.Commit();
        return ids;
    }

    /// <summary>Sets or clears the objection mark on an entry.</summary>
    public void MarkObjection(long id, bool underObjection)
    {
        using var c = db.Open();
        c.Execute("UPDATE list_entries SET under_objection = @underObjection WHERE id = @id", new { id, underObjection });
    }

    /// <summary>One entry, or null.</summary>
    public ListEntry? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<ListEntry>($"SELECT {Columns} FROM list_entries e WHERE e.id = @id", new { id });
    }

    /// <summary>Every entry of a subject, active first, newest first.</summary>
    public IReadOnlyList<ListEntry> OfSubject(long subjectId)
    {
        using var c = db.Open();
        return c.Query<ListEntry>($"SELECT {Columns} FROM list_entries e WHERE e.subject_id = @subjectId ORDER BY CASE WHEN e.status = 'active' THEN 0 ELSE 1 END, e.decided_at DESC", new { subjectId }).ToList();
    }
}
