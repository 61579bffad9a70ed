using System.CommandLine;
using Xinyong.Storage;
using Xinyong.Storage.Backup;

namespace Xinyong.Cli;

/// <summary>
/// <c>xinyong backup -o FILE [--keys-out KEYS.tar.gz]</c>: a consistent backup of the store while the platform runs
/// (SQLite online backup; PostgreSQL <c>pg_dump -Fc</c> in an exported snapshot), with its manifest beside it.
/// <c>xinyong restore FILE --db NEW [--keys-from KEYS.tar.gz]</c>: restores it into a new store, migrates and verifies it
/// (row counts against the manifest, the audit chain and its anchor); exit 1 when it does not verify.
/// </summary>
internal static class BackupCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var pgBin = new Option<string?>("--pg-bin") { Description = "folder of pg_dump/pg_restore (default: PATH, then the newest /usr/lib/postgresql/*/bin)" };

        var output = new Option<string>("--output", "-o") { Required = true, Description = "the backup file to write (never overwritten); FILE.manifest.json is written beside it" };
        var keysOut = new Option<string?>("--keys-out") { Description = "also write the keys folder into this archive (tar.gz, mode 0600): keep it apart from the backup" };
        var backup = new Command("backup", "Back the store up while the platform runs; prints the manifest (counts, audit anchor, SHA-256)") { output, keysOut, pgBin };
        PlatformCommands.Common(backup);
        backup.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            var db = Database.FromArgument(o.Db);
            try
            {
                var m = StoreBackup.Backup(db, pr.GetValue(output)!, ctx.Clock, pr.GetValue(pgBin));
                string? keys = null;
                var secrets = PlatformServices.SecretsOf(o);
                if (pr.GetValue(keysOut) is { } k)
                {
                    StoreBackup.ArchiveKeys(secrets.Directory, k);
                    keys = Path.GetFullPath(k);
                }
                else
                    ctx.Err.WriteLine($"xinyong: the keys folder {secrets.Directory} is not in this backup: back it up apart (--keys-out); without personal-id.key a restored store cannot match persons, without report-signing.pem its reports cannot be checked");
                ctx.Out.WriteLine(Json.Line(new { file = Path.GetFullPath(pr.GetValue(output)!), manifest = StoreBackup.ManifestOf(Path.GetFullPath(pr.GetValue(output)!)), m.Store, m.TakenAt, m.Sha256, m.Counts, m.AuditSeq, m.AuditHash, m.Tool, keys }));
                return 0;
            }
            catch (BackupException ex) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        root.Subcommands.Add(backup);

        var file = new Argument<string>("FILE") { Description = "the backup file (its manifest beside it is checked when present)" };
        var keysFrom = new Option<string?>("--keys-from") { Description = "restore the keys archive into the keys folder (--keys, or keys/ beside the new SQLite file); existing keys must be identical" };
        var restore = new Command("restore", "Restore a backup into a new store (--db: a new SQLite file, or an empty or missing PostgreSQL database), migrate and verify it") { file, keysFrom, pgBin };
        PlatformCommands.Common(restore);
        restore.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            var db = Database.FromArgument(o.Db);
            try
            {
                var restoredKeys = 0;
                if (pr.GetValue(keysFrom) is { } archive) restoredKeys = StoreBackup.RestoreKeys(archive, PlatformServices.SecretsOf(o).Directory);
                var secrets = PlatformServices.SecretsOf(o);
                var v = StoreBackup.Restore(pr.GetValue(file)!, db, d => Xinyong.Application.Audit.AuditServices.ChainOf(d, secrets, TimeProvider.System), pr.GetValue(pgBin));
                ctx.Out.WriteLine(Json.Line(new
                {
                    valid = v.Valid, store = db.Display, counts = v.Counts,
                    audit = new { valid = v.Audit.Valid, entries = v.Audit.Entries, brokenAt = v.Audit.BrokenAt },
                    keys = restoredKeys, problems = v.Problems,
                }));
                foreach (var p in v.Problems) ctx.Err.WriteLine($"xinyong: {p}");
                return v.Valid ? 0 : 1;
            }
            catch (BackupException ex) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        root.Subcommands.Add(restore);
    }
}
