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

    private const string Columns =
        "peer, record_id, item, subject_id, doc_key, version, status, serious, decided_on, public_until, repair_from, withheld, under_objection, region, authority, fields, content_hash, provider, channel, batch_id, received_at, changed_at";

    private static string Values(string row) =>
        $"{row}.id, {row}.item, {row}.subject_id, {row}.doc_key, {row}.version, {row}.status, {row}.serious, {row}.decided_on, {row}.public_until, {row}.repair_from, {row}.withheld, {row}.under_objection, {row}.region, {row}.authority, {row}.fields, {row}.content_hash, {row}.provider, {row}.channel, {row}.batch_id, {row}.received_at, {row}.changed_at";

    /// <summary>What counts as a change to send: a new version, or a change of status, publication or the objection mark.</summary>
    private static string Changed(string o, string n, string isNot) =>
        $"{n}.version {isNot} {o}.version OR {n}.status {isNot} {o}.status OR {n}.withheld {isNot} {o}.withheld OR {n}.under_objection {isNot} {o}.under_objection OR {n}.public_until {isNot} {o}.public_until";

    /// <summary>Installs (or removes) the capture triggers for a node with or without a parent and children.</summary>
    public static void Install(Database db, bool up, bool down)
    {
        using var c = db.Open();
        // Nothing to do when the store already has exactly these triggers (no DDL, no lock on records).
        var present = c.Query<string>(db.Dialect == Dialect.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'network_%'"
            : "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'network_%' AND NOT tgisinternal").Order(StringComparer.Ordinal).ToList();
        var wanted = (up ? new[] { "network_up_insert", "network_up_update" } : []).Concat(down ? ["network_down_update"] : Array.Empty<string>())
            .Order(StringComparer.Ordinal).ToList();
        if (present.SequenceEqual(wanted)) return;
        using var tx = c.BeginTransaction();
        if (db.Dialect == Dialect.Sqlite)
        {
            c.Execute("DROP TRIGGER IF EXISTS network_up_insert; DROP TRIGGER IF EXISTS network_up_update; DROP TRIGGER IF EXISTS network_down_update;", transaction: tx);
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
                    CREATE TRIGGER network_down_update AFTER UPDATE ON records WHEN ({Changed("OLD", "NEW", "IS NOT")}) AND EXISTS (SELECT 1 FROM network_origins g WHERE g.record_id = NEW.id) BEGIN
                      INSERT INTO network_outbox ({Columns}) SELECT g.origin, {Values("NEW")} FROM network_origins g WHERE g.record_id = NEW.id;
                    END;
                    """, transaction: tx);
        }
        else
        {
            c.Execute("DROP TRIGGER IF EXISTS network_up_insert ON records; DROP TRIGGER IF EXISTS network_up_update ON records; DROP TRIGGER IF EXISTS network_down_update ON records;", transaction: tx);
            c.Execute($"""
                CREATE OR REPLACE FUNCTION network_capture() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE skip text := COALESCE(current_setting('{SuppressSetting}', true), '');
                BEGIN
                  IF TG_ARGV[0] = 'up-insert' AND skip <> '^' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT '^', {Values("n")} FROM n ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'up-update' AND skip <> '^' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT '^', {Values("n")} FROM n JOIN o ON o.id = n.id
                    WHERE {Changed("o", "n", "IS DISTINCT FROM")} ORDER BY n.id;
                  ELSIF TG_ARGV[0] = 'down-update' THEN
                    INSERT INTO network_outbox ({Columns}) SELECT g.origin, {Values("n")} FROM n JOIN o ON o.id = n.id JOIN network_origins g ON g.record_id = n.id
                    WHERE ({Changed("o", "n", "IS DISTINCT FROM")}) AND g.origin <> skip ORDER BY n.id;
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
                c.Execute("CREATE TRIGGER network_down_update AFTER UPDATE ON records REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION network_capture('down-update');",
                    transaction: tx);
        }
        tx.Commit();
    }
}
