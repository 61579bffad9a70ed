using System.Data.Common;
using Dapper;
using Xinyong.Network;

using Xinyong.Storage;
using Xinyong.Storage.Network;

namespace Xinyong.Application.Network;

/// <summary>
/// The receiver's side: applies a peer's messages in order, each (origin, seq) once. A message from a child node brings a
/// record (new, a newer version, or a new state of the same version) with its provenance; a message from the parent
/// brings the state decided there (objection mark, publication, revocation, a newer version) for a record that came from
/// here. Applying never echoes the change back to the peer it came from.
/// </summary>
public sealed class NetworkReceiver(Database db, Storage.Audit.AuditChain audit)
{
    /// <summary>Records a message's nonce; false when it was seen (a replay). Nonces older than twice the window are forgotten.</summary>
    public bool FreshNonce(string node, string nonce, DateTimeOffset now)
    {
        using var c = db.Open();
        c.Execute("DELETE FROM network_nonces WHERE at < @old", new { old = now - 2 * MessageSignature.Window });
        var n = c.Execute(db.Dialect == Dialect.Postgres
            ? "INSERT INTO network_nonces (node, nonce, at) VALUES (@node, @nonce, @now) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO network_nonces (node, nonce, at) VALUES (@node, @nonce, @now)", new { node, nonce, now });
        return n == 1;
    }

    /// <summary>Applies a batch from <paramref name="from"/> in one transaction.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="fromParent">True when the sender is this node's parent (state coming down), false for a child.</param>
    /// <param name="messages">The messages, in the sender's order.</param>
    /// <param name="now">The moment of receipt.</param>
    public NetworkReceipt Apply(string from, bool fromParent, IReadOnlyList<NetworkMessage> messages, DateTimeOffset now)
    {
        // The outbox peer that would carry the change straight back: the parent ('^') for state from the parent, the child otherwise.
        var back = fromParent ? NetworkOutbox.Parent : from;
        using var c = db.Open();
        using var tx = c is Microsoft.Data.Sqlite.SqliteConnection lite ? lite.BeginTransaction(deferred: false) : c.BeginTransaction();
        long before = 0;
        if (db.Dialect == Dialect.Postgres) c.Execute($"SELECT set_config('{NetworkSchema.SuppressSetting}', @back, true)", new { back }, tx);
        else before = c.ExecuteScalar<long?>("SELECT MAX(id) FROM network_outbox", transaction: tx) ?? 0;

        int applied = 0, resent = 0;
        foreach (var m in messages.OrderBy(m => m.Seq))
        {
            var fresh = c.Execute(db.Dialect == Dialect.Postgres
                ? "INSERT INTO network_received (origin, seq, item, subject_key, doc_key, version, received_at) VALUES (@from, @seq, @item, @key, @doc, @version, @now) ON CONFLICT DO NOTHING"
                : "INSERT OR IGNORE INTO network_received (origin, seq, item, subject_key, doc_key, version, received_at) VALUES (@from, @seq, @item, @key, @doc, @version, @now)",
                new { from, seq = m.Seq, item = m.Item, key = m.Subject.Key, doc = m.DocKey, version = m.Version, now }, tx);
            if (fresh == 0) { resent++; continue; }
            ApplyOne(c, tx, from, fromParent, m, now);
            applied++;
        }
        // SQLite writes one transaction at a time: what the outbox gained since this one began is this batch's echo.
        if (db.Dialect == Dialect.Sqlite) c.Execute("DELETE FROM network_outbox WHERE id > @before AND peer = @back", new { before, back }, tx);
        Peers.Touch(c, tx, db, from);
        c.Execute("UPDATE network_peers SET received = received + @applied, resent = resent + @resent WHERE peer = @from", new { from, applied = (long)applied, resent = (long)resent }, tx);
        tx.Commit();
        return new NetworkReceipt(applied, resent);
    }

    private void ApplyOne(DbConnection c, DbTransaction tx, string from, bool fromParent, NetworkMessage m, DateTimeOffset now)
    {
        var subjectId = c.QueryFirstOrDefault<long?>("SELECT id FROM subjects WHERE id_key = @key", new { key = m.Subject.Key }, tx);
        if (subjectId is null)
        {
            // A subject this node does not know yet: from a child with its record; from the parent with a record or a
            // list entry about one of this node's subjects (sideways from another city, or decided at the province).
            var s = m.Subject;
            // Two children may bring the same subject at once: the second waits for the first and takes its row.
            subjectId = c.QueryFirstOrDefault<long?>(
                "INSERT INTO subjects (ref, kind, id_type, id_key, id_masked, name, region, legal_rep, created_at, updated_at) VALUES (@Ref, @Kind, @IdType, @Key, @IdMasked, @Name, @Region, @LegalRep, @now, @now) ON CONFLICT (id_key) DO NOTHING RETURNING id",
                new { s.Ref, s.Kind, s.IdType, s.Key, s.IdMasked, s.Name, s.Region, s.LegalRep, now }, tx)
                ?? c.QueryFirst<long>("SELECT id FROM subjects WHERE id_key = @key", new { key = m.Subject.Key }, tx);
            c.Execute(db.Dialect == Dialect.Postgres
                ? "INSERT INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source) ON CONFLICT DO NOTHING"
                : "INSERT OR IGNORE INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source)",
                new { id = subjectId, name = s.Name, now, source = m.Item }, tx);
        }
        if (m.Item == NetworkMessage.ListEntryItem)
        {
            if (fromParent && m.Entry is not null) ApplyEntry(c, tx, from, m.Record, m.Entry, subjectId.Value, now);
            return;
        }
        var cur = c.QueryFirstOrDefault<(long Id, int Version, string Status, bool Withheld, bool UnderObjection)?>(
            "SELECT id, version, status, withheld, under_objection FROM records WHERE subject_id = @subjectId AND item = @item AND doc_key = @doc",
            new { subjectId, item = m.Item, doc = m.DocKey }, tx);
        var p = new
        {
            item = m.Item, subjectId, doc = m.DocKey, version = m.Version, status = m.Status, serious = m.Serious, decided = m.DecidedOn, until = m.PublicUntil,
            repairFrom = m.RepairFrom, withheld = m.Withheld, objection = m.UnderObjection, region = m.Region, authority = m.Authority, fields = m.Fields,
            hash = m.ContentHash, provider = m.Provider, channel = "network", received = m.ReceivedAt, changed = now,
        };
        if (cur is null)
        {
            var id = c.QueryFirst<long>(
                """
                INSERT INTO records (item, subject_id, doc_key, version, status, serious, decided_on, public_until, repair_from, withheld, under_objection,
                  region, authority, fields, content_hash, provider, channel, batch_id, received_at, changed_at)
                VALUES (@item, @subjectId, @doc, @version, @status, @serious, @decided, @until, @repairFrom, @withheld, @objection,
                  @region, @authority, @fields, @hash, @provider, @channel, NULL, @received, @changed) RETURNING id
                """, p, tx);
            c.Execute("INSERT INTO network_origins (record_id, origin, origin_record_id, origin_channel, origin_batch_id) VALUES (@id, @from, @rec, @ch, @batch)",
                new { id, from, rec = m.Record, ch = m.Channel, batch = m.BatchId }, tx);
            return;
        }
        var (recordId, version, status, withheld, underObjection) = cur.Value;
        if (m.Version > version)
        {
            // A newer version: the current one is kept in the history, nothing is lost.
            c.Execute(
                """
                INSERT INTO record_versions (record_id, version, status, fields, content_hash, provider, channel, batch_id, received_at, superseded_at, reason)
                SELECT id, version, status, fields, content_hash, provider, channel, batch_id, received_at, @now, @reason FROM records WHERE id = @recordId
                """, new { recordId, now, reason = $"节点{from}转来第{m.Version}版" }, tx);
            c.Execute(
                """
                UPDATE records SET version = @version, status = @status, serious = @serious, decided_on = @decided, public_until = @until, repair_from = @repairFrom,
                  withheld = @withheld, under_objection = @objection, region = @region, authority = @authority, fields = @fields, content_hash = @hash,
                  provider = @provider, received_at = @received, changed_at = @changed
                WHERE id = @id
                """, new { p.version, p.status, p.serious, p.decided, p.until, p.repairFrom, p.withheld, p.objection, p.region, p.authority, p.fields, p.hash, p.provider, p.received, p.changed, id = recordId }, tx);
            if (fromParent) Event(c, tx, recordId, now, "network-version", from, $"上级节点{from}决定的第{m.Version}版");
        }
        else if (m.Version == version && (m.Status != status || m.Withheld != withheld || m.UnderObjection != underObjection))
        {
            c.Execute("UPDATE records SET status = @status, withheld = @withheld, under_objection = @objection, public_until = @until, changed_at = @changed WHERE id = @id",
                new { p.status, p.withheld, p.objection, p.until, p.changed, id = recordId }, tx);
            if (fromParent)
            {
                if (m.UnderObjection != underObjection) Event(c, tx, recordId, now, m.UnderObjection ? "objection-marked" : "objection-mark-removed", from, $"上级节点{from}的决定");
                if (m.Withheld != withheld) Event(c, tx, recordId, now, m.Withheld ? "withheld" : "restored", from, $"上级节点{from}的决定");
                if (m.Status != status) Event(c, tx, recordId, now, m.Status, from, $"上级节点{from}的决定");
            }
        }
        // An older version than the one held arrives only after a newer one was applied: the history already has it.
    }

    /// <summary>A list entry decided at the parent about a subject of this node: added the first time, its state updated after.</summary>
    private void ApplyEntry(DbConnection c, DbTransaction tx, string from, long originEntry, NetworkListEntry e, long subjectId, DateTimeOffset now)
    {
        long? record = e.Record is not { } r ? null
            : e.RecordIsReceivers ? c.QueryFirstOrDefault<long?>("SELECT id FROM records WHERE id = @r", new { r }, tx)
            : c.QueryFirstOrDefault<long?>("SELECT record_id FROM network_origins WHERE origin = @from AND origin_record_id = @r", new { from, r }, tx);
        var local = c.QueryFirstOrDefault<long?>("SELECT entry_id FROM network_list_origins WHERE origin = @from AND origin_entry_id = @originEntry", new { from, originEntry }, tx);
        var p = new
        {
            list = e.List, subjectId, status = e.Status, unit = e.DecidingUnit, no = e.DecisionNo, grounds = e.Grounds, reasons = e.Reasons, basis = e.Basis, record,
            starts = e.StartsOn, ends = e.EndsOn, removal = e.RemovalConditions, remedy = e.Remedy, published = e.Published, objection = e.UnderObjection,
            decidedAt = e.DecidedAt, by = "node:" + from, endedAt = e.EndedAt, endReason = e.EndReason, endNote = e.EndNote,
        };
        if (local is null)
        {
            var id = c.QueryFirst<long>(
                """
                INSERT INTO list_entries (list, subject_id, status, deciding_unit, decision_no, grounds, reasons, basis, record_id, starts_on, ends_on,
                  removal_conditions, remedy, published, under_objection, decided_at, decided_by, ended_at, end_reason, end_note)
                VALUES (@list, @subjectId, @status, @unit, @no, @grounds, @reasons, @basis, @record, @starts, @ends,
                  @removal, @remedy, @published, @objection, @decidedAt, @by, @endedAt, @endReason, @endNote)
                RETURNING id
                """, p, tx);
            if (record is { } rid) c.Execute("INSERT INTO list_entry_records (entry_id, record_id) VALUES (@id, @rid)", new { id, rid }, tx);
            c.Execute("INSERT INTO network_list_origins (entry_id, origin, origin_entry_id) VALUES (@id, @from, @originEntry)", new { id, from, originEntry }, tx);
            audit.Append(c, tx, p.by, $"list.{e.List}.add", $"list-entry:{id}", $"{e.DecisionNo} subject:{subjectId} 上级节点{from}的名单决定");
            return;
        }
        c.Execute(
            """
            UPDATE list_entries SET status = @status, ends_on = @ends, published = @published, under_objection = @objection, ended_at = @endedAt,
              end_reason = @endReason, end_note = @endNote, record_id = COALESCE(record_id, @record)
            WHERE id = @id
            """, new { p.status, p.ends, p.published, p.objection, p.endedAt, p.endReason, p.endNote, p.record, id = local.Value }, tx);
        audit.Append(c, tx, p.by, $"list.{e.List}.change", $"list-entry:{local.Value}", $"{e.DecisionNo} {e.Status} {e.EndReason} 上级节点{from}的名单决定");
    }

    private static void Event(DbConnection c, DbTransaction tx, long recordId, DateTimeOffset at, string kind, string node, string detail) =>
        c.Execute("INSERT INTO record_events (record_id, at, kind, actor, detail) VALUES (@recordId, @at, @kind, @actor, @detail)",
            new { recordId, at, kind, actor = "node:" + node, detail }, tx);
}
