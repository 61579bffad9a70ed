using System.Data.Common;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xinyong.Audit;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Backup;

/// <summary>What a backup holds: its store kind, when it was taken, the row counts of the main tables and the last
/// entry of the audit chain at that moment (its anchor). Written beside the backup as <c>FILE.manifest.json</c>.</summary>
public sealed record BackupManifest(string Store, DateTimeOffset TakenAt, string File, string Sha256, IReadOnlyDictionary<string, long> Counts,
    long AuditSeq, string? AuditHash, string Tool);

/// <summary>What a restored (or any) store looks like on verification.</summary>
/// <param name="Valid">True when every check passed.</param>
/// <param name="Counts">Row counts of the main tables.</param>
/// <param name="Audit">The audit chain's verification.</param>
/// <param name="Problems">Each failed check, in words.</param>
public sealed record StoreVerification(bool Valid, IReadOnlyDictionary<string, long> Counts, AuditVerification Audit, IReadOnlyList<string> Problems);

/// <summary>A backup or restore that could not be done; the message says why.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backups that restore. SQLite: the online backup API copies a consistent snapshot while the platform keeps writing.
/// PostgreSQL: <c>pg_dump -Fc</c> inside an exported snapshot (so the manifest's counts are those of the dump), and
/// <c>pg_restore</c> into a new, empty database. Each backup has a manifest (counts, audit anchor, SHA-256); a restore
/// is migrated to the current schema and verified against it. The keys folder is a separate archive (owner-only), since
/// the store is useless without the personal-identifier key and reports cannot be verified without the signing key.
/// </summary>
public static class StoreBackup
{
    /// <summary>The tables whose rows a manifest counts.</summary>
    public static readonly string[] CountedTables =
    [
        "subjects", "subject_names", "records", "record_versions", "record_events", "batches", "accounts", "credentials",
        "access_log", "audit_log", "list_entries", "issued_reports", "checks", "objections", "repairs", "case_deadlines",
        "case_steps", "notifications",
    ];

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The manifest's path beside a backup file.</summary>
    public static string ManifestOf(string file) => file + ".manifest.json";

    /// <summary>Backs a store up into <paramref name="file"/> (which must not exist) and writes its manifest.</summary>
    public static BackupManifest Backup(Database db, string file, TimeProvider clock, string? pgBin = null)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file)) throw new BackupException($"{file} exists: a backup never overwrites a file");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var (counts, seq, hash, tool) = db.Dialect == Dialect.Sqlite ? BackupSqlite(db, file) : BackupPostgres(db, file, pgBin);
        var manifest = new BackupManifest(db.Dialect == Dialect.Sqlite ? "sqlite" : "postgres", clock.GetUtcNow(), Path.GetFileName(file), Sha256Of(file), counts, seq, hash, tool);
        OwnerOnly(ManifestOf(file));
        File.WriteAllText(ManifestOf(file), JsonSerializer.Serialize(manifest, ManifestJson));
        return manifest;
    }

    /// <summary>Reads the manifest beside a backup file, or null when there is none.</summary>
    public static BackupManifest? ReadManifest(string file) =>
        File.Exists(ManifestOf(file)) ? JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(ManifestOf(file)), ManifestJson) : null;

    /// <summary>
    /// Restores a backup into <paramref name="target"/>: a SQLite file that does not exist yet, or a PostgreSQL database
    /// that is empty (created when missing). The restored store is migrated to the current schema and verified.
    /// </summary>
    /// <param name="file">The backup file.</param>
    /// <param name="target">The new store.</param>
    /// <param name="chainOf">The audit chain of the restored store, under the keys restored beside it (its key ring and
    /// checkpoint log are outside the database).</param>
    /// <param name="pgBin">The folder of <c>pg_restore</c>, when not Debian's newest.</param>
    public static StoreVerification Restore(string file, Database target, Func<Database, AuditChain> chainOf, string? pgBin = null)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new BackupException($"backup not found: {file}");
        var manifest = ReadManifest(file);
        if (manifest is not null && manifest.Sha256 != Sha256Of(file))
            throw new BackupException($"{file} does not match its manifest (SHA-256 differs): the file was changed or damaged");
        var isSqlite = IsSqliteFile(file);
        if (isSqlite != (target.Dialect == Dialect.Sqlite))
            throw new BackupException(isSqlite ? "a SQLite backup restores into a SQLite file (--db PATH)" : "a PostgreSQL backup restores into a PostgreSQL database (--db \"Host=…;Database=…\")");
        if (isSqlite) RestoreSqlite(file, target);
        else RestorePostgres(file, target, pgBin);
        Migrator.Migrate(target);
        using var chain = chainOf(target);
        return Verify(target, chain, manifest, exact: true);
    }

    /// <summary>
    /// Verifies a store: the audit chain recomputes, and (with a manifest) it still holds the manifest's anchor entry and
    /// the manifest's rows (exactly, right after a restore; at least, later); SQLite's integrity and foreign keys hold.
    /// </summary>
    public static StoreVerification Verify(Database db, AuditChain chain, BackupManifest? manifest = null, bool exact = false)
    {
        var problems = new List<string>();
        var audit = chain.Verify();
        if (!audit.Valid) problems.Add($"audit chain: {audit.Reason}");
        using var c = db.Open();
        var counts = Counts(c, null);
        if (manifest is not null)
        {
            foreach (var (table, n) in manifest.Counts)
                if (counts.TryGetValue(table, out var now) && (exact ? now != n : now < n)) problems.Add($"{table}: {now} rows, the backup had {n}");
            if (manifest.AuditHash is not null)
            {
                var hash = c.QueryFirstOrDefault<string>("SELECT hash FROM audit_log WHERE seq = @seq", new { seq = manifest.AuditSeq });
                if (hash != manifest.AuditHash) problems.Add($"audit anchor: entry {manifest.AuditSeq} is {(hash is null ? "missing" : "not the one backed up")}");
            }
        }
        if (db.Dialect == Dialect.Sqlite)
        {
            var integrity = c.ExecuteScalar<string>("PRAGMA integrity_check");
            if (integrity != "ok") problems.Add($"SQLite integrity: {integrity}");
            var orphans = c.Query("PRAGMA foreign_key_check").Count();
            if (orphans > 0) problems.Add($"{orphans} rows refer to rows that are missing");
        }
        return new StoreVerification(problems.Count == 0, counts, audit, problems);
    }

    /// <summary>Writes the keys folder into a gzip'd tar readable by its owner only (0600); returns the files archived.</summary>
    public static int ArchiveKeys(string keysDirectory, string archive)
    {
        if (!Directory.Exists(keysDirectory)) throw new BackupException($"keys folder not found: {keysDirectory}");
        archive = Path.GetFullPath(archive);
        if (File.Exists(archive)) throw new BackupException($"{archive} exists: a backup never overwrites a file");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(archive, options);
        using var gz = new GZipStream(stream, CompressionLevel.Optimal);
        TarFile.CreateFromDirectory(keysDirectory, gz, includeBaseDirectory: false);
        return Directory.GetFiles(keysDirectory, "*", SearchOption.AllDirectories).Length;
    }

    /// <summary>
    /// Restores a keys archive into a keys folder (owner only). A key already there must be identical: a restore never
    /// replaces a different key (that would orphan the store it belongs to). Returns the files written.
    /// </summary>
    public static int RestoreKeys(string archive, string keysDirectory)
    {
        if (!File.Exists(archive)) throw new BackupException($"keys archive not found: {archive}");
        var temp = Directory.CreateTempSubdirectory("xinyong-keys-").FullName;
        try
        {
            using (var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gz, temp, overwriteFiles: false);
            Directory.CreateDirectory(keysDirectory);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var written = 0;
            foreach (var f in Directory.GetFiles(temp, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(keysDirectory, Path.GetRelativePath(temp, f));
                if (File.Exists(to))
                {
                    if (!File.ReadAllBytes(to).AsSpan().SequenceEqual(File.ReadAllBytes(f)))
                        throw new BackupException($"{to} exists and differs from the archived key: move it aside first (a restore never replaces a key)");
                    continue;
                }
                var folder = Path.GetDirectoryName(to)!;
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                File.Copy(f, to);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                written++;
            }
            return written;
        }
        finally { Directory.Delete(temp, true); }
    }

    /// <summary>Creates an empty file readable by its owner only (a backup holds personal information), replacing a leftover.</summary>
    private static void OwnerOnly(string path)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (new FileStream(path, options)) { }
    }

    private static (IReadOnlyDictionary<string, long>, long, string?, string) BackupSqlite(Database db, string file)
    {
        var temp = file + ".partial";
        OwnerOnly(temp);
        using (var source = (SqliteConnection)db.Open())
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
        {
            target.Open();
            source.BackupDatabase(target);   // one step: a consistent snapshot, writers go on (WAL)
            target.Execute("PRAGMA journal_mode=DELETE");
            var integrity = target.ExecuteScalar<string>("PRAGMA integrity_check");
            if (integrity != "ok") throw new BackupException($"the backup failed its integrity check: {integrity}");
        }
        File.Move(temp, file);
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        var (seq, hash) = Anchor(c, null);
        return (Counts(c, null), seq, hash, $"SQLite {c.ServerVersion} online backup");
    }

    private static void RestoreSqlite(string file, Database target)
    {
        var to = target.SqliteFile!;
        if (File.Exists(to)) throw new BackupException($"{to} exists: restore into a new file (move the old store aside first)");
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        source.Open();
        var integrity = source.ExecuteScalar<string>("PRAGMA integrity_check");
        if (integrity != "ok") throw new BackupException($"{file} failed its integrity check: {integrity}");
        using var dest = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = to, Pooling = false }.ToString());
        dest.Open();
        source.BackupDatabase(dest);
    }

    private static (IReadOnlyDictionary<string, long>, long, string?, string) BackupPostgres(Database db, string file, string? pgBin)
    {
        var pgDump = Tool("pg_dump", pgBin);
        // The dump and the manifest's counts read the same snapshot: exported by a transaction held open meanwhile.
        using var c = (NpgsqlConnection)db.Open();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var snapshot = c.ExecuteScalar<string>("SELECT pg_export_snapshot()", transaction: tx)!;
        var counts = Counts(c, tx);
        var (seq, hash) = Anchor(c, tx);
        var temp = file + ".partial";
        OwnerOnly(temp);
        Run(pgDump, db, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", "--file", temp]);
        tx.Commit();
        File.Move(temp, file);
        return (counts, seq, hash, Version(pgDump));
    }

    private static void RestorePostgres(string file, Database target, string? pgBin)
    {
        var pgRestore = Tool("pg_restore", pgBin);
        var b = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        EnsureDatabase(b);
        using (var c = target.Open())
        {
            var tables = c.ExecuteScalar<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'");
            if (tables > 0) throw new BackupException($"database {b.Database} is not empty ({tables} tables): restore into a new database");
        }
        NpgsqlConnection.ClearAllPools();
        Run(pgRestore, target, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={b.Database}", file]);
    }

    private static void EnsureDatabase(NpgsqlConnectionStringBuilder b)
    {
        var admin = new NpgsqlConnectionStringBuilder(b.ConnectionString) { Database = "postgres", Pooling = false };
        using var c = new NpgsqlConnection(admin.ConnectionString);
        c.Open();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_database WHERE datname = @name", new { name = b.Database }) > 0) return;
        var quoted = "\"" + b.Database!.Replace("\"", "\"\"") + "\"";
        c.Execute($"CREATE DATABASE {quoted}");
    }

    /// <summary>A PostgreSQL client tool: in <paramref name="pgBin"/>, else on the PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static string Tool(string name, string? pgBin)
    {
        if (pgBin is not null)
        {
            var p = Path.Combine(pgBin, name);
            return File.Exists(p) ? p : throw new BackupException($"{name} not found in {pgBin}");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Major: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", name))).OrderByDescending(d => d.Major).FirstOrDefault();
            if (newest.Dir is not null) return Path.Combine(newest.Dir, "bin", name);
        }
        throw new BackupException($"{name} not found: install postgresql-client (apt-get install postgresql-client) or give --pg-bin");
    }

    private static void Run(string tool, Database db, IEnumerable<string> args)
    {
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The connection travels in the environment, never on the command line (where `ps` shows it).
        if (b.Host is { } host) psi.Environment["PGHOST"] = host;
        psi.Environment["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (b.Username is { } user) psi.Environment["PGUSER"] = user;
        if (b.Password is { } pw) psi.Environment["PGPASSWORD"] = pw;
        if (b.Database is { } name) psi.Environment["PGDATABASE"] = name;
        using var p = Process.Start(psi) ?? throw new BackupException($"{tool} could not be started");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new BackupException($"{Path.GetFileName(tool)} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
    }

    private static string Version(string tool)
    {
        var psi = new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return v;
    }

    private static Dictionary<string, long> Counts(DbConnection c, DbTransaction? tx)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in CountedTables) counts[t] = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t}", transaction: tx);
        return counts;
    }

    private static (long Seq, string? Hash) Anchor(DbConnection c, DbTransaction? tx)
    {
        var last = c.QueryFirstOrDefault<(long Seq, string Hash)?>("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx);
        return last is { } l ? (l.Seq, l.Hash) : (0, null);
    }

    private static bool IsSqliteFile(string file)
    {
        Span<byte> head = stackalloc byte[16];
        using var s = File.OpenRead(file);
        return s.Read(head) == 16 && System.Text.Encoding.ASCII.GetString(head) == "SQLite format 3\0";
    }

    private static string Sha256Of(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
