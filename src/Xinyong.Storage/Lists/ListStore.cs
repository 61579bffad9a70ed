using System.Data.Common;
using Dapper;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Text;

namespace Xinyong.Storage.Lists;

/// <summary>One entry of a credit list: a written decision (Art. 28) with its period.</summary>
public sealed record ListEntry : ListDecision
{
    public long Id { get; init; }
    public long SubjectId { get; init; }
    public long? RecordId { get; init; }
    public string DecidedBy { get; init; } = "";
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
        "e.under_objection AS UnderObjection, e.decided_at AS DecidedAt, e.decided_by AS DecidedBy, e.ended_at AS EndedAt, e.end_reason AS EndReason, e.end_note AS EndNote";

    /// <summary>
    /// The one rule of an entry in force on <c>@today</c>, over <c>list_entries e</c>: active, its period begun and not
    /// ended, and its supporting record neither revoked nor withheld (a revoked basis or a repair ends the listing at
    /// once, before any job marks the entry ended).
    /// </summary>
    public const string InForce =
        "e.status = 'active' AND e.starts_on <= @today AND (e.ends_on IS NULL OR e.ends_on >= @today) " +
        "AND (e.record_id IS NULL OR NOT EXISTS (SELECT 1 FROM records r WHERE r.id = e.record_id AND " + Publication.InForceSql.EndsListing + "))";

    /// <summary>Adds an entry (status active) and returns its id.</summary>
    public long Add(ListEntry e)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var id = Add(c, tx, e);
        tx.Commit();
        return id;
    }

    /// <summary>Adds an entry inside the caller's transaction; its record, when given, is its first supporting record.</summary>
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
        if (e.RecordId is { } recordId)
            c.Execute("INSERT INTO list_entry_records (entry_id, record_id) VALUES (@id, @recordId)", new { id, recordId }, tx);
        audit.Append(c, tx, e.DecidedBy, $"list.{e.List}.add", $"list-entry:{id}", $"{e.DecisionNo} subject:{e.SubjectId} {e.Grounds}");
        return id;
    }

    /// <summary>The case kind of the notice a subject gets when it is listed (sent by <c>Application/Lists/Listing</c>).</summary>
    public const string NoticeKind = "list-entry";

    /// <summary>
    /// Ends one active entry inside the caller's transaction (the row and its audit entry); false when it was not active.
    /// The entries derived from it are the application's to end (<c>Application/Lists/ListEnding</c>, Art. 33).
    /// </summary>
    /// <param name="c">The caller's connection.</param>
    /// <param name="tx">The caller's transaction.</param>
    /// <param name="id">The entry.</param>
    /// <param name="reason">expired, repaired, objection-upheld, lifted, court-removed or record-revoked.</param>
    /// <param name="actor">Who ends it (the audit entry's actor).</param>
    /// <param name="note">The written reason, when there is one (lifting, court removal).</param>
    public bool EndOne(DbConnection c, DbTransaction tx, long id, string reason, string actor, string? note)
    {
        var now = clock.GetUtcNow();
        var n = c.Execute("UPDATE list_entries SET status = 'ended', ended_at = @now, end_reason = @reason, end_note = @note WHERE id = @id AND status = 'active'",
            new { id, reason, note, now }, tx);
        if (n == 0) return false;
        audit.Append(c, tx, actor, "list.end", $"list-entry:{id}", note is null ? reason : $"{reason}: {note}");
        return true;
    }

    /// <summary>The active entries derived from an entry (Art. 33: the persons linked to a listed market entity), with their
    /// supporting record.</summary>
    public IReadOnlyList<(long Entry, long? Record)> ActiveLinked(DbConnection c, DbTransaction tx, long id) =>
        c.Query<(long, long?)>(
            "SELECT e.id, e.record_id FROM list_entry_links k JOIN list_entries e ON e.id = k.entry_id WHERE k.parent_id = @id AND e.status = 'active'", new { id }, tx).ToList();

    /// <summary>Stops publishing a record because the entry it supported ended, with the record's event.</summary>
    public void Withhold(DbConnection c, DbTransaction tx, long recordId, string actor, string detail)
    {
        var now = clock.GetUtcNow();
        c.Execute("UPDATE records SET withheld = TRUE, changed_at = @now WHERE id = @recordId", new { recordId, now }, tx);
        RecordVersions.Event(c, tx, recordId, now, "list-ended", actor, detail);
    }

    /// <summary>The active entries a record supports: entries whose first supporting record it is, and entries that list it
    /// among their supporting records.</summary>
    public IReadOnlyList<long> ActiveSupportedBy(DbConnection c, DbTransaction tx, long recordId) =>
        c.Query<long>(
            """
            SELECT id FROM list_entries WHERE record_id = @recordId AND status = 'active'
            UNION
            SELECT e.id FROM list_entry_records x JOIN list_entries e ON e.id = x.entry_id WHERE x.record_id = @recordId AND e.status = 'active'
            """, new { recordId }, tx).ToList();

    /// <summary>
    /// The active entries no longer in force on <paramref name="today"/>: those whose period ended, and those whose
    /// supporting record was revoked. Checks and pages already treat them as ended (<see cref="InForce"/>).
    /// </summary>
    public (IReadOnlyList<long> Expired, IReadOnlyList<long> RecordRevoked) Lapsed(DbConnection c, DbTransaction tx, DateOnly today) =>
        (c.Query<long>("SELECT id FROM list_entries WHERE status = 'active' AND ends_on < @today ORDER BY id", new { today }, tx).ToList(),
         c.Query<long>("SELECT e.id FROM list_entries e JOIN records r ON r.id = e.record_id WHERE e.status = 'active' AND r.status = 'revoked' ORDER BY e.id", transaction: tx).ToList());

    /// <summary>Sets or clears the objection mark on an entry.</summary>
    public void MarkObjection(long id, bool underObjection)
    {
        using var c = db.Open();
        c.Execute("UPDATE list_entries SET under_objection = @underObjection WHERE id = @id", new { id, underObjection });
    }

    /// <summary>Sets or clears the objection mark on an entry inside the caller's transaction.</summary>
    public static void MarkObjection(DbConnection c, DbTransaction tx, long id, bool underObjection) =>
        c.Execute("UPDATE list_entries SET under_objection = @underObjection WHERE id = @id", new { id, underObjection }, tx);

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
