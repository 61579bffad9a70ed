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
        c.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=60000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=1000;");
        return c;
    }

    /// <summary>
    /// Opens a connection for a bulk load: on SQLite a larger page cache and fewer, larger checkpoints (the settings
    /// return to normal when the pooled connection is opened again).
    /// </summary>
    public DbConnection OpenForBulkLoad()
    {
        var c = Open();
        if (Dialect == Dialect.Sqlite) c.Execute("PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=50000;");
        return c;
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
