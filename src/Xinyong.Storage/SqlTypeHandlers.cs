using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;

namespace Xinyong.Storage;

/// <summary>
/// How dates and instants cross into the stores. PostgreSQL keeps <c>date</c> and <c>timestamptz</c>; SQLite keeps
/// ISO 8601 text of fixed width (<c>yyyy-MM-dd</c>, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, always UTC), so text order is
/// time order and the same comparisons work on both.
/// </summary>
public static class SqlTypeHandlers
{
    private static int _registered;

    /// <summary>Registers the Dapper handlers once.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        // Dapper maps DateTimeOffset itself unless the built-in mapping is removed first.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new InstantHandler());
        // Statuses and kinds are stored as their codes (no data migration): one handler for every status type of Core.
        foreach (var type in Statuses.TypesOf())
            SqlMapper.AddTypeHandler(type, (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(StatusHandler<>).MakeGenericType(type))!);
    }

    /// <summary>A status type as its code; a stored code the type does not know is refused when read.</summary>
    private sealed class StatusHandler<T> : SqlMapper.TypeHandler<T> where T : struct, IStatusCode<T>
    {
        public override void SetValue(IDbDataParameter p, T v)
        {
            p.DbType = DbType.String;
            p.Value = v.Code;
        }

        public override T Parse(object v) => Statuses.Parse<T>(v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture)!);
    }

    /// <summary>The SQLite text form of an instant.</summary>
    public static string SqliteInstant(DateTimeOffset v) => v.UtcDateTime.ToString(SqliteInstantFormat, CultureInfo.InvariantCulture);

    /// <summary>The SQLite text form of a date.</summary>
    public static string SqliteDate(DateOnly d) => d.ToString(SqliteDateFormat, CultureInfo.InvariantCulture);

    /// <summary>The format of <see cref="SqliteInstant"/> (of the instant in UTC): fixed width, so that text order is time order.</summary>
    public const string SqliteInstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The format of <see cref="SqliteDate"/>.</summary>
    public const string SqliteDateFormat = "yyyy-MM-dd";

    /// <summary>Reads an instant stored by either store.</summary>
    public static DateTimeOffset ReadInstant(object v) => v switch
    {
        DateTimeOffset d => d,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"cannot read an instant from {v.GetType().Name}"),
    };

    /// <summary>Reads a date stored by either store.</summary>
    public static DateOnly ReadDate(object v) => v switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"cannot read a date from {v.GetType().Name}"),
    };

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter p, DateOnly v)
        {
            if (p is NpgsqlParameter np) { np.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date; np.Value = v; }
            else { p.DbType = DbType.String; p.Value = SqliteDate(v); }
        }

        public override DateOnly Parse(object v) => ReadDate(v);
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter p, DateTimeOffset v)
        {
            if (p is NpgsqlParameter np) { np.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz; np.Value = v.ToUniversalTime(); }
            else { p.DbType = DbType.String; p.Value = SqliteInstant(v); }
        }

        public override DateTimeOffset Parse(object v) => ReadInstant(v);
    }
}
