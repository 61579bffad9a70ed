using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Network;

/// <summary>
/// The triggers that write a record's change into the network outbox inside the change's own transaction, whatever code
/// made it (the collection pipeline's loads, corrections, revocations, objection marks, repairs, archiving): nothing that
/// commits can be missed, and nothing rolled back is sent. Installed when the instance is configured as a node: the
/// upward capture when it has a parent, the downward capture (state changes of records that came from a child) when it
/// has children. A stand-alone instance has none and pays nothing.
/// </summary>
public static class NetworkSchema
{
    /// <summary>The PostgreSQL setting by which a transaction applying a peer's messages keeps them from echoing back.</summary>
    public const string SuppressSetting = "xinyong.network_suppress";

    internal const string Columns =
        "peer, record_id, item, subject_id, doc_key, version, status, serious, decided_on, public_until, repair_from, withheld, under_objection, region, authority, fields, content_hash, provider, channel, batch_id, received_at, changed_at";

    private static string Values(string row) =>
        $"{row}.id, {row}.item, {row}.subject_id, {row}.doc_key, {row}.version, {row}.status, {row}.serious, {row}.decided_on, {row}.public_until, {row}.repair_from, {row}.withheld, {row}.under_objection, {row}.region, {row}.authority, {row}.fields, {row}.content_hash, {row}.provider, {row}.channel, {row}.batch_id, {row}.received_at, {row}.changed_at";

    /// <summary>What counts as a change to send: a new version, or a change of status, publication or the objection mark.</summary>
    private static string Changed(string o, string n, string isNot) =>
        $"{n}.version {isNot} {o}.version OR {n}.status {isNot} {o}.status OR {n}.withheld {isNot} {o}.withheld OR {n}.under_objection {isNot} {o}.under_objection OR {n}.public_until {isNot} {o}.public_until";

    /// <summary>The peers a record's change goes down to (over a row <paramref name="row"/> of records): the child it came
    /// from, and the child whose division holds the record's subject (a record of city A about a subject of city B
    /// reaches B through the province; one collected at the province about a city's subject reaches that city).</summary>
    private static string RecordTargets(string row) =>
        $"SELECT g.origin AS peer FROM network_origins g JOIN network_children ch ON ch.code = g.origin WHERE g.record_id = {row}.id " +
        $"UNION SELECT ch.code FROM subjects s JOIN network_children ch ON substr(s.region, 1, length(ch.division)) = ch.division WHERE s.id = {row}.subject_id";

    /// <summary>The peers a list entry goes down to: the child its subject belongs to, and the child its supporting record came from.</summary>
    private static string ListTargets(string row) =>
        $"SELECT g.origin AS peer FROM network_origins g JOIN network_children ch ON ch.code = g.origin WHERE g.record_id = {row}.record_id " +
        $"UNION SELECT ch.code FROM subjects s JOIN network_children ch ON substr(s.region, 1, length(ch.division)) = ch.division WHERE s.id = {row}.subject_id";

    /// <summary>A list entry as an outbox row (item <see cref="NetworkMessage.ListEntryItem"/>; its content is read when it is sent).</summary>
    private static string ListValues(string e) =>
        $"{e}.id, '{NetworkMessage.ListEntryItem}', {e}.subject_id, {e}.decision_no, 1, {e}.status, FALSE, {e}.starts_on, {e}.ends_on, NULL, NOT {e}.published, {e}.under_objection, " +
        $"NULL, {e}.deciding_unit, '{{}}', '', {e}.decided_by, 'list', NULL, {e}.decided_at, COALESCE({e}.ended_at, {e}.decided_at)";

    private static string ListChanged(string o, string n, string isNot) =>
        $"{n}.status {isNot} {o}.status OR {n}.published {isNot} {o}.published OR {n}.ends_on {isNot} {o}.ends_on OR {n}.under_objection {isNot} {o}.under_objection";

    /// <summary>
    /// SQLite gives a new row the largest id in the table plus one, so once the outbox was emptied its next message would
    /// take a sequence number the receiver already holds (and count it as sent again: lost). The outbox is therefore
    /// rebuilt once with AUTOINCREMENT (ids never reused), its sequence starting above any number used before (the
    /// current Unix milliseconds). PostgreSQL's identity never reuses a number.
    /// </summary>
    private static void MonotonicOutbox(DbConnection c, DateTimeOffset now)
    {
        var sql = c.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'network_outbox'") ?? "";
        if (sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)) return;
        using var tx = c.BeginTransaction();
        // The capture triggers name the table; they are dropped here and installed again after.
        foreach (var t in c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'network_%'", transaction: tx).ToList())
            c.Execute($"DROP TRIGGER {t}", transaction: tx);
        var columns = string.Join(", ", c.Query<string>("SELECT name FROM pragma_table_info('network_outbox') WHERE name <> 'id' ORDER BY cid", transaction: tx));
        var definition = sql[(sql.IndexOf('(') + 1)..];
        definition = definition[(definition.IndexOf(',') + 1)..];   // everything after the id column
        c.Execute("ALTER TABLE network_outbox RENAME TO network_outbox_reused_ids", transaction: tx);
        c.Execute($"CREATE TABLE network_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,{definition}", transaction: tx);
        c.Execute($"INSERT INTO network_outbox (id, {columns}) SELECT id, {columns} FROM network_outbox_reused_ids ORDER BY id", transaction: tx);
        c.Execute("DROP TABLE network_outbox_reused_ids", transaction: tx);
        c.Execute("CREATE INDEX network_outbox_peer ON network_outbox (peer, id)", transaction: tx);
        var start = Math.Max(now.ToUnixTimeMilliseconds(), c.ExecuteScalar<long?>("SELECT MAX(id) FROM network_outbox", transaction: tx) ?? 0);
        c.Execute("DELETE FROM sqlite_sequence WHERE name = 'network_outbox'", transaction: tx);
        c.Execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('network_outbox', @start)", new { start }, tx);
        tx.Commit();
    }

    /// <summary>The division prefix a child serves: its code without the trailing pairs of zeros (230100 → 2301).</summary>
    public static string Prefix(string division)
    {
        var d = division.Trim();
        while (d.Length > 2 && d.EndsWith("00", StringComparison.Ordinal)) d = d[..^2];
        return d;
    }

    /// <summary>Installs (or removes) the capture triggers for a node with or without a parent and children.</summary>
    /// <param name="db">The store.</param>
    /// <param name="node">This node's code (null: not a node).</param>
    /// <param name="up">The node has a parent: every change of a record goes up.</param>
    /// <param name="children">The node's children and the divisions they serve: changes of records and list entries that concern them go down.</param>
    /// <param name="now">The moment, kept as the node's joining time when the capture is first installed.</param>
    public static void Install(Database db, string? node, bool up, IReadOnlyDictionary<string, string> children, DateTimeOffset now)
    {
        var down = children.Count > 0;
        using var c = db.Open();
        var wantedChildren = children.Select(x => (Code: x.Key, Division: Prefix(x.Value))).OrderBy(x => x.Code, StringComparer.Ordinal).ToList();
        var presentChildren = c.Query<(string Code, string Division)>("SELECT code, division FROM network_children ORDER BY code").ToList();
        if (!presentChildren.OrderBy(x => x.Code, StringComparer.Ordinal).SequenceEqual(wantedChildren))
        {
            using var ctx = c.BeginTransaction();
            c.Execute("DELETE FROM network_children", transaction: ctx);
            c.Execute("INSERT INTO network_children (code, division) VALUES (@Code, @Division)", wantedChildren.Select(x => new { x.Code, x.Division }), ctx);
            ctx.Commit();
        }
        if (node is not null && (up || down))
            c.Execute(db.Dialect == Dialect.Postgres
                ? "INSERT INTO network_joined (node, joined_at) VALUES (@node, @now) ON CONFLICT DO NOTHING"
                : "INSERT OR IGNORE INTO network_joined (node, joined_at) VALUES (@node, @now)", new { node, now });

        if (db.Dialect == Dialect.Sqlite && (up || down)) MonotonicOutbox(c, now);

        // Nothing to do when the store already has exactly these triggers (no DDL, no lock on records).
        var present = c.Query<string>(db.Dialect == Dialect.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'network_%'"
            : "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'network_%' AND NOT tgisinternal").Order(StringComparer.Ordinal).ToList();
        var wanted = (up ? new[] { "network_up_insert", "network_up_update" } : [])
            .Concat(down ? ["network_down_insert", "network_down_update", "network_list_insert", "network_list_update"] : Array.Empty<string>())
            .Order(StringComparer.Ordinal).ToList();
        if (present.SequenceEqual(wanted)) return;
        using var tx = c.BeginTransaction();
        const string drop = "network_up_insert network_up_update network_down_insert network_down_update network_list_insert network_list_update";
        if (db.Dialect == Dialect.Sqlite)
        {
            foreach (var t in drop.Split(' ')) c.Execute($"DROP TRIGGER IF EXISTS {t}", transaction: tx);
            if (up)
                c.Execute($"""
                    CREATE TRIGGER network_up_insert AFTER INSERT ON records BEGIN
                      INSERT INTO network_outbox ({Columns}) VALUES ('^', {Values("NEW")});
                    END;
                    CREATE TRIGGER network_up_update AFTER UPDATE ON records WHEN {Changed("OLD", "NEW", "IS NOT")} BEGIN
                      INSERT INTO network_outbox ({Columns}) VALUES ('^', {Values("NEW")});
                    END;
                    """, transaction: tx);
            if (down)
                c.Execute($"""
                    CREATE TRIGGER network_down_insert AFTER INSERT ON records BEGIN
                      INSERT INTO network_outbox ({Columns}) SELECT t.peer, {Values("NEW")} FROM ({RecordTargets("NEW")}) t;
                    END;
                    CREATE TRIGGER network_down_update AFTER UPDATE ON records WHEN {Changed("OLD", "NEW", "IS NOT")} BEGIN
                      INSERT INTO network_outbox ({Columns}) SELECT t.peer, {Values("NEW")} FROM ({RecordTargets("NEW")}) t;
                    END;
                    CREATE TRIGGER network_list_insert AFTER INSERT ON list_entries BEGIN
                      INSERT INTO network_outbox ({Columns}) SELECT t.peer, {ListValues("NEW")} FROM ({ListTargets("NEW")}) t;
                    END;
                    CREATE TRIGGER network_list_update AFTER UPDATE ON list_entries WHEN {ListChanged("OLD", "NEW", "IS NOT")} BEGIN
                      INSERT INTO network_outbox ({Columns}) SELECT t.peer, {ListValues("NEW")} FROM ({ListTargets("NEW")}) t;
                    END;
                    """, transaction: tx);
        }
        else
        {
            foreach (var t in drop.Split(' ')) c.Execute($"DROP TRIGGER IF EXISTS {t} ON {(t.StartsWith("network_list", StringComparison.Ordinal) ? "list_entries" : "records")}", transaction: tx);
            c.Execute($"""
                CREATE OR REPLACE FUNCTION network_capture() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE skip text := COALESCE(current_setting('{SuppressSetting}', true), '');
                BEGIN
                  IF TG_ARGV[0] = 'up-insert' AND skip <> '^' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT '^', {Values("n")} FROM n ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'up-update' AND skip <> '^' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT '^', {Values("n")} FROM n JOIN o ON o.id = n.id
                    WHERE {Changed("o", "n", "IS DISTINCT FROM")} ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'down-insert' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT t.peer, {Values("n")} FROM n JOIN LATERAL ({RecordTargets("n")}) t ON TRUE
                    WHERE t.peer <> skip ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'down-update' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT t.peer, {Values("n")} FROM n JOIN o ON o.id = n.id JOIN LATERAL ({RecordTargets("n")}) t ON TRUE
                    WHERE ({Changed("o", "n", "IS DISTINCT FROM")}) AND t.peer <> skip ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'list-insert' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT t.peer, {ListValues("n")} FROM n JOIN LATERAL ({ListTargets("n")}) t ON TRUE
                    WHERE t.peer <> skip ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'list-update' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT t.peer, {ListValues("n")} FROM n JOIN o ON o.id = n.id JOIN LATERAL ({ListTargets("n")}) t ON TRUE
                    WHERE ({ListChanged("o", "n", "IS DISTINCT FROM")}) AND t.peer <> skip ORDER BY n.id;
                  END IF;
                  RETURN NULL;
                END $$;
                """, transaction: tx);
            if (up)
                c.Execute("""
                    CREATE TRIGGER network_up_insert AFTER INSERT ON records REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('up-insert');
                    CREATE TRIGGER network_up_update AFTER UPDATE ON records REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('up-update');
                    """, transaction: tx);
            if (down)
                c.Execute("""
                    CREATE TRIGGER network_down_insert AFTER INSERT ON records REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('down-insert');
                    CREATE TRIGGER network_down_update AFTER UPDATE ON records REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('down-update');
                    CREATE TRIGGER network_list_insert AFTER INSERT ON list_entries REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('list-insert');
                    CREATE TRIGGER network_list_update AFTER UPDATE ON list_entries REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('list-update');
                    """, transaction: tx);
        }
        tx.Commit();
    }
}
