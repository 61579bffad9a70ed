using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Xinyong.Storage.Cases;

/// <summary>
/// A unique index refusing a row, alike on both stores: PostgreSQL's <c>unique_violation</c> (23505; a second
/// transaction inserting the same key waits for the first and is refused once it commits) and SQLite's
/// <c>SQLITE_CONSTRAINT_UNIQUE</c> (2067). The stores whose partial unique indexes keep one open case per subject matter
/// (one open objection per record or list entry, one pending repair per record) turn it into a false answer, and the
/// desk refuses with its own message: the race of two filings is answered like the filing that finds the other open.
/// </summary>
internal static class UniqueIndexes
{
    /// <summary>Whether <paramref name="e"/> is a unique index refusing a row.</summary>
    public static bool Refused(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e is SqliteException { SqliteExtendedErrorCode: 2067 };
}
