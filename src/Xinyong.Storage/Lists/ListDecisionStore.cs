using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Lists;

/// <summary>
/// Persistence of list decisions (Art. 28-33) beyond the entry itself (<see cref="ListStore"/>): the further records an
/// entry rests on, the links of persons' entries to their market entity's (Art. 33), whether an entry is published, and
/// the look-ups the decisions rest on. Every method takes the caller's connection and transaction.
/// </summary>
public static class ListDecisionStore
{
    /// <summary>Adds a further record the entry rests on.</summary>
    public static void AddSupportingRecord(DbConnection c, DbTransaction tx, long entryId, long recordId) =>
        c.Execute("INSERT INTO list_entry_records (entry_id, record_id) VALUES (@entryId, @recordId)", new { entryId, recordId }, tx);

    /// <summary>Links a person's entry to the market entity's entry it derives from (Art. 33), in the person's role.</summary>
    public static void Link(DbConnection c, DbTransaction tx, long personEntryId, long parentEntryId, string role) =>
        c.Execute("INSERT INTO list_entry_links (entry_id, parent_id, role) VALUES (@personEntryId, @parentEntryId, @role)", new { personEntryId, parentEntryId, role }, tx);

    /// <summary>Publishes an entry or withholds it from publication.</summary>
    public static void SetPublished(DbConnection c, DbTransaction tx, long entryId, bool published) =>
        c.Execute("UPDATE list_entries SET published = @published WHERE id = @entryId", new { entryId, published }, tx);

    /// <summary>Whether the subject has an active entry of this list under this decision number.</summary>
    public static bool HasActive(DbConnection c, DbTransaction tx, string list, long subjectId, string decisionNo) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM list_entries WHERE list = @list AND subject_id = @subjectId AND decision_no = @decisionNo AND status = 'active'",
            new { list, subjectId, decisionNo }, tx) > 0;

    /// <summary>Whether the subject holds a record of this item under this document key.</summary>
    public static bool HasRecord(DbConnection c, DbTransaction tx, string item, string docKey, long subjectId) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE item = @item AND doc_key = @docKey AND subject_id = @subjectId",
            new { item, docKey, subjectId }, tx) > 0;

    /// <summary>Whether an entry of this list in force today rests on the record (as its first or a further record).</summary>
    public static bool RestsOnRecord(DbConnection c, DbTransaction tx, string list, long recordId, DateOnly today) =>
        c.ExecuteScalar<long>(
            $"""
            SELECT COUNT(*) FROM list_entries e
            WHERE e.list = @list AND {ListStore.InForce}
              AND (e.record_id = @recordId OR EXISTS (SELECT 1 FROM list_entry_records x WHERE x.entry_id = e.id AND x.record_id = @recordId))
            """, new { list, recordId, today }, tx) > 0;
}

/// <summary>A record of a court's batch as the court listing reads it.</summary>
public readonly record struct CourtRecord(long Id, long SubjectId, string Status, DateOnly? DecidedOn, DateOnly? PublicUntil, string? Authority, string Fields, string Provider);

/// <summary>
/// Persistence of the court listing (Art. 28 (3)): the records of a court's batch, the entry a record supports and the
/// move of its period. Every method takes the caller's connection and transaction.
/// </summary>
public static class CourtListingStore
{
    /// <summary>Serializes court listings on PostgreSQL for the rest of the transaction (SQLite writes one at a time anyway).</summary>
    public static void Lock(Database db, DbConnection c, DbTransaction tx)
    {
        if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(hashtext('court-listing'))", transaction: tx);
    }

    /// <summary>The records of a batch of an item, in order.</summary>
    public static IReadOnlyList<CourtRecord> BatchRecords(DbConnection c, DbTransaction tx, long batchId, string item) =>
        c.Query<(long Id, long SubjectId, string Status, DateOnly? DecidedOn, DateOnly? PublicUntil, string? Authority, string Fields, string Provider)>(
            "SELECT id, subject_id, status, decided_on, public_until, authority, fields, provider FROM records WHERE batch_id = @batchId AND item = @item ORDER BY id",
            new { batchId, item }, tx)
            .Select(r => new CourtRecord(r.Id, r.SubjectId, r.Status, r.DecidedOn, r.PublicUntil, r.Authority, r.Fields, r.Provider)).ToList();

    /// <summary>The active entry of a list whose first record this is, with its period, or null.</summary>
    public static (long Id, DateOnly StartsOn, DateOnly? EndsOn)? ActiveEntryOf(DbConnection c, DbTransaction tx, long recordId, string list) =>
        c.QueryFirstOrDefault<(long Id, DateOnly StartsOn, DateOnly? EndsOn)?>(
            "SELECT id, starts_on, ends_on FROM list_entries WHERE record_id = @recordId AND list = @list AND status = 'active'", new { recordId, list }, tx);

    /// <summary>Whether any entry of a list (active or ended) has this record as its first.</summary>
    public static bool EverListed(DbConnection c, DbTransaction tx, long recordId, string list) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM list_entries WHERE record_id = @recordId AND list = @list", new { recordId, list }, tx) > 0;

    /// <summary>Moves an entry's period.</summary>
    public static void MovePeriod(DbConnection c, DbTransaction tx, long entryId, DateOnly starts, DateOnly? until) =>
        c.Execute("UPDATE list_entries SET starts_on = @starts, ends_on = @until WHERE id = @entryId", new { entryId, starts, until }, tx);
}
