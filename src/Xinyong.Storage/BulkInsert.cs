using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;
using NpgsqlTypes;

namespace Xinyong.Storage;

/// <summary>The type of a bulk-loaded column, for PostgreSQL's binary COPY.</summary>
public enum ColumnType { Text, BigInt, Int, Bool, Date, Instant }

/// <summary>
/// Loads many rows into one table: PostgreSQL binary <c>COPY</c>, SQLite one prepared <c>INSERT</c> reused for every row.
/// Runs inside the caller's transaction.
/// </summary>
public static class BulkInsert
{
    /// <summary>Inserts <paramref name="rows"/>; each row's values follow <paramref name="columns"/>.</summary>
    public static long Rows(DbConnection c, DbTransaction tx, string table, IReadOnlyList<(string Name, ColumnType Type)> columns, IEnumerable<object?[]> rows)
    {
        return c switch
        {
            NpgsqlConnection pg => Copy(pg, table, columns, rows),
            SqliteConnection lite => Insert(lite, (SqliteTransaction)tx, table, columns, rows),
            _ => throw new NotSupportedException(c.GetType().Name),
        };
    }

    private static long Copy(NpgsqlConnection c, string table, IReadOnlyList<(string Name, ColumnType Type)> columns, IEnumerable<object?[]> rows)
    {
        var types = columns.Select(x => x.Type switch
        {
            ColumnType.Text => NpgsqlDbType.Text,
            ColumnType.BigInt => NpgsqlDbType.Bigint,
            ColumnType.Int => NpgsqlDbType.Integer,
            ColumnType.Bool => NpgsqlDbType.Boolean,
            ColumnType.Date => NpgsqlDbType.Date,
            ColumnType.Instant => NpgsqlDbType.TimestampTz,
            _ => throw new ArgumentOutOfRangeException(nameof(columns)),
        }).ToArray();
        using var w = c.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns.Select(x => x.Name))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            w.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                var v = row[i];
                if (v is null) { w.WriteNull(); continue; }
                switch (v)
                {
                    case string s: w.Write(s, types[i]); break;
                    case long l: w.Write(l, types[i]); break;
                    case int n: w.Write(n, types[i]); break;
                    case bool b: w.Write(b, types[i]); break;
                    case DateOnly d: w.Write(d, types[i]); break;
                    case DateTimeOffset t: w.Write(t.ToUniversalTime(), types[i]); break;
                    default: throw new NotSupportedException($"{table}.{columns[i].Name}: {v.GetType().Name}");
                }
            }
        }
        return (long)w.Complete();
    }

    private static long Insert(SqliteConnection c, SqliteTransaction tx, string table, IReadOnlyList<(string Name, ColumnType Type)> columns, IEnumerable<object?[]> rows)
    {
        using var insert = new SqliteInsertIfAbsent(c, tx, table, columns.Select(x => x.Name).ToArray(), conflictColumns: null);
        long n = 0;
        foreach (var row in rows) if (insert.Run(row)) n++;
        return n;
    }
}

/// <summary>
/// One prepared SQLite <c>INSERT</c> reused for many rows; with conflict columns it skips rows whose key exists
/// (<c>ON CONFLICT … DO NOTHING</c>) and says whether each row went in.
/// </summary>
public sealed class SqliteInsertIfAbsent : IDisposable
{
    private readonly SqliteStatement _stmt;

    /// <summary>Prepares the statement; <paramref name="tx"/> must be the connection's open transaction.</summary>
    public SqliteInsertIfAbsent(SqliteConnection c, SqliteTransaction tx, string table, string[] columns, string? conflictColumns) =>
        _stmt = new SqliteStatement(c, tx,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})" +
            (conflictColumns is null ? "" : $" ON CONFLICT ({conflictColumns}) DO NOTHING"));

    /// <summary>Inserts one row; false when a row with the same key was already there.</summary>
    public bool Run(object?[] row) => _stmt.Execute(row) > 0;

    /// <summary>The id of the row the last <see cref="Run"/> inserted (meaningful only when it returned true).</summary>
    public long LastId => _stmt.LastId;

    /// <inheritdoc />
    public void Dispose() => _stmt.Dispose();
}

/// <summary>
/// A prepared SQLite statement driven directly on the connection's handle (bind by position, step, reset), inside the
/// connection's current transaction: the bulk-load hot path, without the per-execution work of a command (parameter
/// lookup by name, a data reader per execution). Values are bound as the store's type handlers write them: booleans
/// 0/1, dates and instants as fixed-width ISO text.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    /// <summary>Prepares <paramref name="sql"/> (parameters <c>?1</c>, <c>?2</c> …); <paramref name="tx"/> must be the connection's open transaction.</summary>
    public SqliteStatement(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        if (tx.Connection != c) throw new ArgumentException("the transaction belongs to another connection", nameof(tx));
        _db = c.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt), sql);
    }

    /// <summary>Runs a statement that returns no row with <paramref name="args"/>; returns the number of rows it changed.</summary>
    public int Execute(params object?[] args)
    {
        Bind(args);
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) Check(rc, "step");
        return raw.sqlite3_changes(_db);
    }

    /// <summary>The rowid of the connection's last successful insert.</summary>
    public long LastId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Runs an <c>INSERT</c> and returns the new row's id.</summary>
    public long Insert(params object?[] args)
    {
        Execute(args);
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Runs a query for one row: its first column as an integer and its second as text, or null when there is no row.</summary>
    public (long Id, string Text)? First(params object?[] args)
    {
        Bind(args);
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_DONE) return null;
            if (rc != raw.SQLITE_ROW) Check(rc, "step");
            return (raw.sqlite3_column_int64(_stmt, 0), raw.sqlite3_column_text(_stmt, 1).utf8_to_string());
        }
        finally { raw.sqlite3_reset(_stmt); }
    }

    private void Bind(object?[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var rc = args[i] switch
            {
                null => raw.sqlite3_bind_null(_stmt, i + 1),
                // Text as UTF-16 straight from the string or a stack buffer (SQLite converts while it copies): the bulk
                // load's hot path, without a UTF-8 copy on the managed heap for each value. (An empty span has no address,
                // which SQLite would bind as NULL.)
                "" => raw.sqlite3_bind_text(_stmt, i + 1, ""),
                string s => raw.sqlite3_bind_text16(_stmt, i + 1, s.AsSpan()),
                long l => raw.sqlite3_bind_int64(_stmt, i + 1, l),
                int n => raw.sqlite3_bind_int64(_stmt, i + 1, n),
                bool b => raw.sqlite3_bind_int64(_stmt, i + 1, b ? 1 : 0),
                DateOnly d => BindFormatted(i + 1, d, SqlTypeHandlers.SqliteDateFormat),
                DateTimeOffset t => BindFormatted(i + 1, t.UtcDateTime, SqlTypeHandlers.SqliteInstantFormat),
                var v => throw new NotSupportedException($"parameter {i + 1}: {v.GetType().Name}"),
            };
            Check(rc, "bind");
        }
    }

    /// <summary>Binds a date or an instant in the store's fixed-width text form, formatted on the stack.</summary>
    private int BindFormatted<T>(int index, T value, string format) where T : ISpanFormattable
    {
        Span<char> text = stackalloc char[32];
        if (!value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture)) throw new FormatException(format);
        return raw.sqlite3_bind_text16(_stmt, index, text[..length]);
    }

    private void Check(int rc, string what)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException($"SQLite error {rc} ({what}): {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    /// <inheritdoc />
    public void Dispose() => _stmt.Dispose();
}
