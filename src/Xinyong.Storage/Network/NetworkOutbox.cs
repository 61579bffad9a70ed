using System.Data.Common;
using Dapper;
using Xinyong.Calendar;

namespace Xinyong.Storage.Network;

/// <summary>
/// The sender's side of forwarding: the outbox rows waiting for a peer, in order, and what happens when the peer
/// confirmed them (deleted; a forward past its deadline is kept in <c>network_late</c>) or failed.
/// </summary>
public sealed class NetworkOutbox(Database db, WorkingCalendar calendar)
{
    /// <summary>The peer name of the parent node in the outbox.</summary>
    public const string Parent = "^";

    /// <summary>Working days within which a change is forwarded (Art. 21: 3 working days of collection).</summary>
    public const int DeadlineWorkingDays = 3;

    internal const string MessageSelect =
        """
        SELECT x.id AS Seq, x.record_id AS Record, x.item, x.doc_key AS DocKey, x.version, x.status, x.serious, x.decided_on AS DecidedOn,
          x.public_until AS PublicUntil, x.repair_from AS RepairFrom, x.withheld, x.under_objection AS UnderObjection, x.region, x.authority,
          x.fields, x.content_hash AS ContentHash, x.provider, x.channel, x.batch_id AS BatchId, x.received_at AS ReceivedAt, x.changed_at AS ChangedAt,
          s.id_key AS Key, s.ref, s.kind, s.id_type AS IdType, s.id_masked AS IdMasked, s.name, s.region, s.legal_rep AS LegalRep
        FROM network_outbox x JOIN subjects s ON s.id = x.subject_id
        """;

    /// <summary>The peers with messages waiting.</summary>
    public IReadOnlyList<string> PendingPeers()
    {
        using var c = db.Open();
        return c.Query<string>("SELECT DISTINCT peer FROM network_outbox").ToList();
    }

    /// <summary>The oldest <paramref name="limit"/> messages waiting for <paramref name="peer"/>, in sequence order.</summary>
    public IReadOnlyList<NetworkMessage> Pending(string peer, int limit)
    {
        using var c = db.Open();
        var messages = Read(c, null, $"{MessageSelect} WHERE x.peer = @peer ORDER BY x.id LIMIT @limit", new { peer, limit });
        return messages.Any(m => m.Item == NetworkMessage.ListEntryItem) ? WithEntries(c, peer, messages) : messages;
    }

    /// <summary>Fills the list entries of <paramref name="messages"/> as they stand now (a later change is sent again after).</summary>
    private static List<NetworkMessage> WithEntries(DbConnection c, string peer, List<NetworkMessage> messages)
    {
        var ids = messages.Where(m => m.Item == NetworkMessage.ListEntryItem).Select(m => m.Record).Distinct().ToArray();
        var entries = new Dictionary<long, NetworkListEntry>();
        foreach (var id in ids)
        {
            var e = c.QueryFirstOrDefault<Lists.ListEntry>($"SELECT {Lists.ListStore.Columns} FROM list_entries e WHERE e.id = @id", new { id });
            if (e is null) continue;
            // The supporting record as the receiver knows it: its own id when the record came from there.
            var theirs = e.RecordId is { } rid
                ? c.QueryFirstOrDefault<long?>("SELECT origin_record_id FROM network_origins WHERE record_id = @rid AND origin = @peer", new { rid, peer })
                : null;
            entries[id] = new NetworkListEntry(e) { Record = theirs ?? e.RecordId, RecordIsReceivers = theirs is not null };
        }
        return messages.Select(m => m.Item == NetworkMessage.ListEntryItem && entries.TryGetValue(m.Record, out var e) ? m with { Entry = e } : m).ToList();
    }

    internal static List<NetworkMessage> Read(DbConnection c, DbTransaction? tx, string sql, object args) =>
        c.Query<NetworkMessage, NetworkSubject, NetworkMessage>(sql, (m, s) => m with { Subject = s }, args, tx, splitOn: "Key").ToList();

    /// <summary>The forwarding deadline of a change made at <paramref name="changedAt"/>.</summary>
    public DateOnly DueOf(DateTimeOffset changedAt) => calendar.AddWorkingDays(ChinaTime.DateOf(changedAt), DeadlineWorkingDays).Due;

    /// <summary>The peer confirmed <paramref name="sent"/>: they leave the outbox; those past their deadline are kept as late.</summary>
    public void Confirmed(string peer, IReadOnlyList<NetworkMessage> sent, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var due = new Dictionary<DateOnly, DateOnly>();
        var late = new List<object>();
        foreach (var m in sent)
        {
            var day = ChinaTime.DateOf(m.ChangedAt);
            if (!due.TryGetValue(day, out var d)) due[day] = d = DueOf(m.ChangedAt);
            if (today > d && peer == Parent)
                late.Add(new { record = m.Record, version = m.Version, provider = m.Provider, changed = m.ChangedAt, due = d, now });
        }
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute($"DELETE FROM network_outbox WHERE {db.In("id", "ids")}", new { ids = sent.Select(m => m.Seq).ToArray() }, tx);
        if (late.Count > 0)
            c.Execute("INSERT INTO network_late (record_id, version, provider, changed_at, due_on, forwarded_at) VALUES (@record, @version, @provider, @changed, @due, @now)", late, tx);
        Peers.Touch(c, tx, db, peer);
        c.Execute("UPDATE network_peers SET last_success_at = @now, sent = sent + @n WHERE peer = @peer", new { peer, now, n = (long)sent.Count }, tx);
        tx.Commit();
    }

    /// <summary>Forwarding to <paramref name="peer"/> failed: the error is kept for the status page (the messages stay).</summary>
    public void Failed(string peer, string error, DateTimeOffset now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Peers.Touch(c, tx, db, peer);
        c.Execute("UPDATE network_peers SET last_failure_at = @now, last_error = @error WHERE peer = @peer", new { peer, now, error = error.Length > 500 ? error[..500] : error }, tx);
        tx.Commit();
    }

    /// <summary>When the node joined the network (its outbox capture was first installed), or null.</summary>
    public DateTimeOffset? JoinedAt()
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<DateTimeOffset?>("SELECT MIN(joined_at) FROM network_joined");
    }

    /// <summary>
    /// The back-fill: puts into the outbox for the parent each record collected before the node joined (or every record
    /// with <paramref name="all"/>) that a back-fill has not enqueued before, is not already waiting, and did not come
    /// from the parent itself; each as it stands now, in chunks of <paramref name="chunk"/> records, each chunk in one
    /// transaction. Its forwarding deadline counts from the back-fill. Running it again enqueues nothing twice.
    /// </summary>
    /// <returns>The records enqueued.</returns>
    public long Backfill(string? parentCode, bool all, DateTimeOffset now, int chunk = 10_000)
    {
        var joined = JoinedAt();
        if (joined is null && !all) return 0;
        using var c = db.Open();
        long last = 0, total = 0;
        while (true)
        {
            using var tx = c.BeginTransaction();
            var ids = c.Query<long>(
                """
                SELECT r.id FROM records r
                WHERE r.id > @last AND (@all OR r.received_at < @joined)
                  AND NOT EXISTS (SELECT 1 FROM network_backfilled b WHERE b.record_id = r.id)
                  AND NOT EXISTS (SELECT 1 FROM network_outbox x WHERE x.record_id = r.id AND x.peer = '^' AND x.item <> 'list-entry')
                  AND NOT EXISTS (SELECT 1 FROM network_origins g WHERE g.record_id = r.id AND g.origin = @parentCode)
                ORDER BY r.id LIMIT @chunk
                """, new { last, all, joined = joined ?? now, parentCode = parentCode ?? "", chunk }, tx).ToArray();
            if (ids.Length == 0) { tx.Commit(); return total; }
            var values = "r.id, r.item, r.subject_id, r.doc_key, r.version, r.status, r.serious, r.decided_on, r.public_until, r.repair_from, r.withheld, r.under_objection, " +
                         "r.region, r.authority, r.fields, r.content_hash, r.provider, r.channel, r.batch_id, r.received_at, @now";
            c.Execute($"INSERT INTO network_outbox ({NetworkSchema.Columns}) SELECT '^', {values} FROM records r WHERE {db.In("r.id", "ids")} ORDER BY r.id", new { ids, now }, tx);
            c.Execute($"INSERT INTO network_backfilled (record_id, version, at) SELECT id, version, @now FROM records WHERE {db.In("id", "ids")}", new { ids, now }, tx);
            tx.Commit();
            total += ids.Length;
            last = ids[^1];
        }
    }

    /// <summary>Takes up to <paramref name="limit"/> messages for the parent out of the outbox (the national file link:
    /// written to a signed batch file, then deleted here in the same step).</summary>
    public IReadOnlyList<NetworkMessage> Export(int limit, Action<IReadOnlyList<NetworkMessage>> write, DateTimeOffset now)
    {
        var batch = Pending(Parent, limit);
        if (batch.Count == 0) return batch;
        write(batch);
        Confirmed(Parent, batch, now);
        return batch;
    }
}

/// <summary>The <c>network_peers</c> rows.</summary>
public static class Peers
{
    public static void Touch(DbConnection c, DbTransaction tx, Database db, string peer) =>
        c.Execute(db.Dialect == Dialect.Postgres
            ? "INSERT INTO network_peers (peer) VALUES (@peer) ON CONFLICT DO NOTHING"
            : "INSERT OR IGNORE INTO network_peers (peer) VALUES (@peer)", new { peer }, tx);
}
