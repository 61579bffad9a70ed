using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Network;

/// <summary>A record as the receiver holds it, for deciding what a message changes.</summary>
public sealed record HeldRecord(long Id, int Version, string Status, bool Withheld, bool UnderObjection);

/// <summary>
/// The receiver's persistence (<c>Application/Network/NetworkReceiver</c> decides what a message changes): the nonces
/// seen, the (origin, seq) pairs applied, the records, list entries and their provenance a peer's messages write, and
/// the echo suppression that keeps a change from going straight back. Every write takes the caller's transaction.
/// </summary>
public sealed class NetworkInbox(Database db)
{
    /// <summary>Forgets nonces seen before <paramref name="old"/> and records <paramref name="nonce"/>; false when it was seen.</summary>
    public bool FreshNonce(string node, string nonce, DateTimeOffset now, DateTimeOffset old)
    {
        using var c = db.Open();
        c.Execute("DELETE FROM network_nonces WHERE at < @old", new { old });
        var n = c.Execute(db.Dialect == Dialect.Postgres
            ? "INSERT INTO network_nonces (node, nonce, at) VALUES (@node, @nonce, @now) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO network_nonces (node, nonce, at) VALUES (@node, @nonce, @now)", new { node, nonce, now });
        return n == 1;
    }

    /// <summary>Begins the transaction of a batch: on SQLite an immediate one (it writes from the first statement).</summary>
    public static DbTransaction Begin(DbConnection c) =>
        c is Microsoft.Data.Sqlite.SqliteConnection lite ? lite.BeginTransaction(deferred: false) : c.BeginTransaction();

    /// <summary>
    /// Keeps the batch's changes from being queued back to <paramref name="back"/>: on PostgreSQL the capture trigger
    /// skips that peer for this transaction; on SQLite (one writer at a time) the outbox's last id is returned, and
    /// <see cref="DropEcho"/> removes what the batch queued for that peer.
    /// </summary>
    public long SuppressEcho(DbConnection c, DbTransaction tx, string back)
    {
        if (db.Dialect == Dialect.Postgres)
        {
            c.Execute($"SELECT set_config('{NetworkSchema.SuppressSetting}', @back, true)", new { back }, tx);
            return 0;
        }
        return c.ExecuteScalar<long?>("SELECT MAX(id) FROM network_outbox", transaction: tx) ?? 0;
    }

    /// <summary>On SQLite, deletes the outbox rows for <paramref name="back"/> queued after <paramref name="before"/> (see <see cref="SuppressEcho"/>).</summary>
    public void DropEcho(DbConnection c, DbTransaction tx, long before, string back)
    {
        if (db.Dialect == Dialect.Sqlite) c.Execute("DELETE FROM network_outbox WHERE id > @before AND peer = @back", new { before, back }, tx);
    }

    /// <summary>Records that message <paramref name="m"/> of <paramref name="from"/> is applied; false when it was already.</summary>
    public bool MarkReceived(DbConnection c, DbTransaction tx, string from, NetworkMessage m, DateTimeOffset now) =>
        c.Execute(db.Dialect == Dialect.Postgres
            ? "INSERT INTO network_received (origin, seq, item, subject_key, doc_key, version, received_at) VALUES (@from, @seq, @item, @key, @doc, @version, @now) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO network_received (origin, seq, item, subject_key, doc_key, version, received_at) VALUES (@from, @seq, @item, @key, @doc, @version, @now)",
            new { from, seq = m.Seq, item = m.Item, key = m.Subject.Key, doc = m.DocKey, version = m.Version, now }, tx) == 1;

    /// <summary>Adds a batch's figures to the peer's counters.</summary>
    public void Count(DbConnection c, DbTransaction tx, string from, int applied, int resent)
    {
        Peers.Touch(c, tx, db, from);
        c.Execute("UPDATE network_peers SET received = received + @applied, resent = resent + @resent WHERE peer = @from",
            new { from, applied = (long)applied, resent = (long)resent }, tx);
    }

    /// <summary>The subject of a lookup key, or null.</summary>
    public long? SubjectOf(DbConnection c, DbTransaction tx, string key) =>
        c.QueryFirstOrDefault<long?>("SELECT id FROM subjects WHERE id_key = @key", new { key }, tx);

    /// <summary>
    /// Adds a subject this node does not know yet, with its name first seen under <paramref name="source"/>; when another
    /// transaction added it meanwhile, its row is taken. Returns the subject's id.
    /// </summary>
    public long AddSubject(DbConnection c, DbTransaction tx, NetworkSubject s, string source, DateTimeOffset now)
    {
        // Two children may bring the same subject at once: the second waits for the first and takes its row.
        var id = c.QueryFirstOrDefault<long?>(
            "INSERT INTO subjects (ref, kind, id_type, id_key, id_masked, name, region, legal_rep, created_at, updated_at) VALUES (@Ref, @Kind, @IdType, @Key, @IdMasked, @Name, @Region, @LegalRep, @now, @now) ON CONFLICT (id_key) DO NOTHING RETURNING id",
            new { s.Ref, s.Kind, s.IdType, s.Key, s.IdMasked, s.Name, s.Region, s.LegalRep, now }, tx)
            ?? c.QueryFirst<long>("SELECT id FROM subjects WHERE id_key = @key", new { key = s.Key }, tx);
        c.Execute(db.Dialect == Dialect.Postgres
            ? "INSERT INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source)",
            new { id, name = s.Name, now, source }, tx);
        return id;
    }

    /// <summary>The record of a subject, item and document the receiver holds, or null.</summary>
    public HeldRecord? Held(DbConnection c, DbTransaction tx, long subjectId, string item, string docKey) =>
        c.QueryFirstOrDefault<(long Id, int Version, string Status, bool Withheld, bool UnderObjection)?>(
            "SELECT id, version, status, withheld, under_objection FROM records WHERE subject_id = @subjectId AND item = @item AND doc_key = @docKey",
            new { subjectId, item, docKey }, tx) is { } r ? new HeldRecord(r.Id, r.Version, r.Status, r.Withheld, r.UnderObjection) : null;

    private static object Values(NetworkMessage m, long subjectId, DateTimeOffset now) => new
    {
        item = m.Item, subjectId, doc = m.DocKey, version = m.Version, status = m.Status, serious = m.Serious, decided = m.DecidedOn, until = m.PublicUntil,
        repairFrom = m.RepairFrom, withheld = m.Withheld, objection = m.UnderObjection, region = m.Region, authority = m.Authority, fields = m.Fields,
        hash = m.ContentHash, provider = m.Provider, channel = "network", received = m.ReceivedAt, changed = now,
    };

    /// <summary>Adds the record a message brings (channel <c>network</c>) with its provenance at <paramref name="from"/>; returns its id.</summary>
    public long AddRecord(DbConnection c, DbTransaction tx, string from, NetworkMessage m, long subjectId, DateTimeOffset now)
    {
        var id = c.QueryFirst<long>(
            """
            INSERT INTO records (item, subject_id, doc_key, version, status, serious, decided_on, public_until, repair_from, withheld, under_objection,
              region, authority, fields, content_hash, provider, channel, batch_id, received_at, changed_at)
            VALUES (@item, @subjectId, @doc, @version, @status, @serious, @decided, @until, @repairFrom, @withheld, @objection,
              @region, @authority, @fields, @hash, @provider, @channel, NULL, @received, @changed) RETURNING id
            """, Values(m, subjectId, now), tx);
        c.Execute("INSERT INTO network_origins (record_id, origin, origin_record_id, origin_channel, origin_batch_id) VALUES (@id, @from, @rec, @ch, @batch)",
            new { id, from, rec = m.Record, ch = m.Channel, batch = m.BatchId }, tx);
        return id;
    }

    /// <summary>Replaces a held record by the newer version a message brings; the current one is kept in the history with <paramref name="reason"/>.</summary>
    public void NewVersion(DbConnection c, DbTransaction tx, long recordId, NetworkMessage m, DateTimeOffset now, string reason)
    {
        c.Execute(
            """
            INSERT INTO record_versions (record_id, version, status, fields, content_hash, provider, channel, batch_id, received_at, superseded_at, reason)
            SELECT id, version, status, fields, content_hash, provider, channel, batch_id, received_at, @now, @reason FROM records WHERE id = @recordId
            """, new { recordId, now, reason }, tx);
        c.Execute(
            """
            UPDATE records SET version = @version, status = @status, serious = @serious, decided_on = @decided, public_until = @until, repair_from = @repairFrom,
              withheld = @withheld, under_objection = @objection, region = @region, authority = @authority, fields = @fields, content_hash = @hash,
              provider = @provider, received_at = @received, changed_at = @changed
            WHERE id = @id
            """, new
            {
                version = m.Version, status = m.Status, serious = m.Serious, decided = m.DecidedOn, until = m.PublicUntil, repairFrom = m.RepairFrom,
                withheld = m.Withheld, objection = m.UnderObjection, region = m.Region, authority = m.Authority, fields = m.Fields, hash = m.ContentHash,
                provider = m.Provider, received = m.ReceivedAt, changed = now, id = recordId,
            }, tx);
    }

    /// <summary>Sets the state (status, publication, objection mark, period) a message brings for the same version.</summary>
    public void SetState(DbConnection c, DbTransaction tx, long recordId, NetworkMessage m, DateTimeOffset now) =>
        c.Execute("UPDATE records SET status = @status, withheld = @withheld, under_objection = @objection, public_until = @until, changed_at = @changed WHERE id = @id",
            new { status = m.Status, withheld = m.Withheld, objection = m.UnderObjection, until = m.PublicUntil, changed = now, id = recordId }, tx);

    /// <summary>Adds an event to a record's history.</summary>
    public void Event(DbConnection c, DbTransaction tx, long recordId, DateTimeOffset at, string kind, string actor, string detail) =>
        c.Execute("INSERT INTO record_events (record_id, at, kind, actor, detail) VALUES (@recordId, @at, @kind, @actor, @detail)",
            new { recordId, at, kind, actor, detail }, tx);

    /// <summary>The receiver's record supporting a list entry: its own id when it came from here, else the copy of <paramref name="from"/>'s record.</summary>
    public long? SupportingRecord(DbConnection c, DbTransaction tx, string from, NetworkListEntry e) =>
        e.Record is not { } r ? null
        : e.RecordIsReceivers ? c.QueryFirstOrDefault<long?>("SELECT id FROM records WHERE id = @r", new { r }, tx)
        : c.QueryFirstOrDefault<long?>("SELECT record_id FROM network_origins WHERE origin = @from AND origin_record_id = @r", new { from, r }, tx);

    /// <summary>The receiver's list entry copied from <paramref name="from"/>'s entry <paramref name="originEntry"/>, or null.</summary>
    public long? LocalEntry(DbConnection c, DbTransaction tx, string from, long originEntry) =>
        c.QueryFirstOrDefault<long?>("SELECT entry_id FROM network_list_origins WHERE origin = @from AND origin_entry_id = @originEntry", new { from, originEntry }, tx);

    /// <summary>Adds a list entry decided at <paramref name="from"/>, with its supporting record and its provenance; returns its id.</summary>
    public long AddEntry(DbConnection c, DbTransaction tx, string from, long originEntry, NetworkListEntry e, long subjectId, long? record, string decidedBy)
    {
        var id = c.QueryFirst<long>(
            """
            INSERT INTO list_entries (list, subject_id, status, deciding_unit, decision_no, grounds, reasons, basis, record_id, starts_on, ends_on,
              removal_conditions, remedy, published, under_objection, decided_at, decided_by, ended_at, end_reason, end_note)
            VALUES (@list, @subjectId, @status, @unit, @no, @grounds, @reasons, @basis, @record, @starts, @ends,
              @removal, @remedy, @published, @objection, @decidedAt, @by, @endedAt, @endReason, @endNote)
            RETURNING id
            """, new
            {
                list = e.List, subjectId, status = e.Status, unit = e.DecidingUnit, no = e.DecisionNo, grounds = e.Grounds, reasons = e.Reasons, basis = e.Basis, record,
                starts = e.StartsOn, ends = e.EndsOn, removal = e.RemovalConditions, remedy = e.Remedy, published = e.Published, objection = e.UnderObjection,
                decidedAt = e.DecidedAt, by = decidedBy, endedAt = e.EndedAt, endReason = e.EndReason, endNote = e.EndNote,
            }, tx);
        if (record is { } rid) c.Execute("INSERT INTO list_entry_records (entry_id, record_id) VALUES (@id, @rid)", new { id, rid }, tx);
        c.Execute("INSERT INTO network_list_origins (entry_id, origin, origin_entry_id) VALUES (@id, @from, @originEntry)", new { id, from, originEntry }, tx);
        return id;
    }

    /// <summary>Sets the state of a copied list entry as decided at its origin (its supporting record is kept once set).</summary>
    public void UpdateEntry(DbConnection c, DbTransaction tx, long id, NetworkListEntry e, long? record) =>
        c.Execute(
            """
            UPDATE list_entries SET status = @status, ends_on = @ends, published = @published, under_objection = @objection, ended_at = @endedAt,
              end_reason = @endReason, end_note = @endNote, record_id = COALESCE(record_id, @record)
            WHERE id = @id
            """, new { status = e.Status, ends = e.EndsOn, published = e.Published, objection = e.UnderObjection, endedAt = e.EndedAt, endReason = e.EndReason, endNote = e.EndNote, record, id }, tx);
}
