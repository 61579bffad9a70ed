using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
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

    /// <summary>A value as SQLite stores it (instants and dates as fixed-width ISO text, booleans as 0/1).</summary>
    public static object ToSqlite(object? v) => v switch
    {
        null => DBNull.Value,
        DateTimeOffset t => SqlTypeHandlers.SqliteInstant(t),
        DateOnly d => SqlTypeHandlers.SqliteDate(d),
        bool b => b ? 1L : 0L,
        _ => v,
    };
}

/// <summary>
/// One prepared SQLite <c>INSERT</c> reused for many rows; with conflict columns it skips rows whose key exists
/// (<c>ON CONFLICT … DO NOTHING</c>) and says whether each row went in.
/// </summary>
public sealed class SqliteInsertIfAbsent : IDisposable
{
    private readonly SqliteCommand _cmd;
    private readonly SqliteParameter[] _ps;

    /// <summary>Prepares the statement inside <paramref name="tx"/>.</summary>
    public SqliteInsertIfAbsent(SqliteConnection c, SqliteTransaction tx, string table, string[] columns, string? conflictColumns)
    {
        _cmd = c.CreateCommand();
        _cmd.Transaction = tx;
        _cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})" +
                           (conflictColumns is null ? "" : $" ON CONFLICT ({conflictColumns}) DO NOTHING");
        _ps = new SqliteParameter[columns.Length];
        for (var i = 0; i < _ps.Length; i++) _ps[i] = _cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
        _cmd.Prepare();
    }

    /// <summary>Inserts one row; false when a row with the same key was already there.</summary>
    public bool Run(object?[] row)
    {
        for (var i = 0; i < _ps.Length; i++) _ps[i].Value = BulkInsert.ToSqlite(row[i]);
        return _cmd.ExecuteNonQuery() > 0;
    }

    /// <inheritdoc />
    public void Dispose() => _cmd.Dispose();
}
