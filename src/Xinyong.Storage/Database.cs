using System.Runtime.CompilerServices;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Xinyong.Storage;

/// <summary>The two stores: SQLite (embedded default) and PostgreSQL (production).</summary>
public enum Dialect { Sqlite, Postgres }

/// <summary>
/// A configured database: opens connections, knows its dialect. The same SQL runs on both stores; where they differ
/// (bulk load, identity columns, a few functions) the dialect decides, in the store that needs it.
/// </summary>
public sealed class Database
{
    static Database() => SqlTypeHandlers.Register();

    private Database(Dialect dialect, string connectionString, string display)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        Display = display;
    }

    /// <summary>Which store.</summary>
    public Dialect Dialect { get; }

    /// <summary>The ADO.NET connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A description safe to print (no password).</summary>
    public string Display { get; }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqliteFile { get; private init; }

    /// <summary>
    /// From the <c>--db</c> argument: a PostgreSQL connection string (<c>Host=…</c>) or URL (<c>postgres://…</c>),
    /// otherwise the path of a SQLite file (its folder is created).
    /// </summary>
    public static Database FromArgument(string db)
    {
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return Postgres(FromUrl(db));
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return Postgres(db);
        return Sqlite(db);
    }

    /// <summary>A SQLite database file.</summary>
    public static Database Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var cs = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 60 }.ToString();
        return new Database(Dialect.Sqlite, cs, $"SQLite {full}") { SqliteFile = full };
    }

    /// <summary>A PostgreSQL database.</summary>
    public static Database Postgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var display = $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        return new Database(Dialect.Postgres, b.ConnectionString, display);
    }

    /// <summary>"<paramref name="column"/> is one of the list parameter <paramref name="param"/>" in this store's SQL.</summary>
    public string In(string column, string param) => Dialect == Dialect.Postgres ? $"{column} = ANY(@{param})" : $"{column} IN @{param}";

    /// <summary>Opens a connection, configured for the platform's workload.</summary>
    public DbConnection Open()
    {
        if (Dialect == Dialect.Postgres)
        {
            var pg = new NpgsqlConnection(ConnectionString);
            pg.Open();
            return pg;
        }
        var c = new SqliteConnection(ConnectionString);
        c.Open();
        Configure(c, SqliteSettings.Normal);
        return c;
    }

    /// <summary>What a pooled SQLite connection was last set up for.</summary>
    private enum SqliteSettings { Normal, BulkLoad }

    /// <summary>
    /// The settings of each physical SQLite connection (the pool hands the same one out again and again), keyed by its
    /// handle: the PRAGMAs run when a connection is new or was last set up otherwise, not on every open (seven statements
    /// an open, most of the statements of a short request).
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<SqliteSettings?>> Configured = new();

    private static void Configure(SqliteConnection c, SqliteSettings wanted)
    {
        var box = Configured.GetValue(c.Handle!, _ => new StrongBox<SqliteSettings?>());
        if (box.Value == wanted) return;
        var (cacheKiB, checkpointPages) = wanted == SqliteSettings.BulkLoad ? (32768, 50000) : (65536, 1000);
        c.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=60000; PRAGMA temp_store=MEMORY; " +
                  $"PRAGMA cache_size=-{cacheKiB}; PRAGMA wal_autocheckpoint={checkpointPages};");
        box.Value = wanted;
    }

    /// <summary>
    /// Opens a connection for a bulk load: on SQLite a smaller page cache (the load's writes are not read again) and fewer,
    /// larger checkpoints; the settings return to normal when the pooled connection is next opened by <see cref="Open"/>.
    /// </summary>
    public DbConnection OpenForBulkLoad()
    {
        if (Dialect == Dialect.Postgres) return Open();
        var c = new SqliteConnection(ConnectionString);
        c.Open();
        Configure(c, SqliteSettings.BulkLoad);
        return c;
    }

    /// <summary>
    /// The read replica (a PostgreSQL hot standby of this store, fed by streaming replication) for reads that may be a
    /// little stale, or null: see <see cref="OpenStale"/>.
    /// </summary>
    public Database? ReadReplica { get; private init; }

    /// <summary>Called with the reason whenever a stale read falls back to this store because the replica cannot be
    /// reached (the platform logs it); set once at start.</summary>
    public Action<Exception>? ReplicaUnavailable { get; set; }

    /// <summary>How many stale reads fell back to this store because the replica could not be reached.</summary>
    public long ReplicaFallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>How long the replica is left alone after it failed, before stale reads try it again.</summary>
    public static readonly TimeSpan ReplicaRetry = TimeSpan.FromSeconds(10);

    private long _fallbacks;
    private long _replicaDownUntil;   // Environment.TickCount64 before which stale reads go to this store

    /// <summary>This store with <paramref name="replica"/> (a PostgreSQL connection string or URL) as its read replica; itself when null or empty.</summary>
    /// <exception cref="ArgumentException">This store is not PostgreSQL, or the replica is not a PostgreSQL connection string.</exception>
    public Database WithReadReplica(string? replica)
    {
        if (string.IsNullOrWhiteSpace(replica)) return this;
        if (Dialect != Dialect.Postgres) throw new ArgumentException("a read replica needs a PostgreSQL store", nameof(replica));
        var r = FromArgument(replica);
        if (r.Dialect != Dialect.Postgres) throw new ArgumentException("the read replica must be a PostgreSQL connection string", nameof(replica));
        return new Database(Dialect, ConnectionString, Display) { ReadReplica = r };
    }

    /// <summary>
    /// Opens a connection for a read that may be a little stale (public search, public subject pages, 双公示 listings,
    /// open data): on the read replica when there is one and it answers, else on this store. When the replica cannot
    /// be reached the read falls back to this store, <see cref="ReplicaUnavailable"/> is told, and the replica is left
    /// alone for <see cref="ReplicaRetry"/>. What a user has just written and every workflow decision read
    /// <see cref="Open"/>, never this.
    /// </summary>
    public DbConnection OpenStale()
    {
        if (ReadReplica is not { } replica || Environment.TickCount64 < Interlocked.Read(ref _replicaDownUntil)) return Open();
        var c = new NpgsqlConnection(replica.ConnectionString);
        try
        {
            c.Open();
            // A pooled connection may have been cut by a standby that stopped or restarted since: ask it once.
            using var ping = new NpgsqlCommand("SELECT 1", c);
            ping.ExecuteScalar();
            return c;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException or InvalidOperationException)
        {
            NpgsqlConnection.ClearPool(c);
            c.Dispose();
            Interlocked.Exchange(ref _replicaDownUntil, Environment.TickCount64 + (long)ReplicaRetry.TotalMilliseconds);
            Interlocked.Increment(ref _fallbacks);
            ReplicaUnavailable?.Invoke(ex);
            return Open();
        }
    }

    /// <summary>Opens a connection asynchronously.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (Dialect == Dialect.Sqlite) return Open();
        var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync(ct);
        return pg;
    }

    private static string FromUrl(string url)
    {
        var u = new Uri(url);
        var b = new NpgsqlConnectionStringBuilder { Host = u.Host, Port = u.Port > 0 ? u.Port : 5432, Database = u.AbsolutePath.Trim('/') };
        if (!string.IsNullOrEmpty(u.UserInfo))
        {
            var parts = u.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ConnectionString;
    }
}
