using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Audit;

/// <summary>One read of a subject's conditional or personal information (Art. 35).</summary>
public sealed record AccessEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public long SubjectId { get; init; }
    public string ActorKind { get; init; } = "";
    public string Actor { get; init; } = "";
    public string Purpose { get; init; } = "";
    public long? AuthorizationId { get; init; }
    public string What { get; init; } = "";
    public string Channel { get; init; } = "";
}

/// <summary>
/// The access log (信息查询使用登记): every read of a subject's conditional or personal information, with who, when, for
/// what purpose and under which authorization. The subject reads it in its self-query (Art. 35).
/// </summary>
public sealed class AccessLog(Database db, TimeProvider clock)
{
    /// <summary>Records one read.</summary>
    public void Record(long subjectId, string actorKind, string actor, string purpose, string what, string channel, long? authorizationId = null)
    {
        using var c = db.Open();
        c.Execute("INSERT INTO access_log (at, subject_id, actor_kind, actor, purpose, authorization_id, what, channel) VALUES (@at, @subjectId, @actorKind, @actor, @purpose, @authorizationId, @what, @channel)",
            new { at = clock.GetUtcNow(), subjectId, actorKind, actor, purpose, authorizationId, what, channel });
    }

    /// <summary>Records many reads inside the caller's transaction (e.g. a batch of checks, Art. 43-44).</summary>
    public static void Record(DbConnection c, DbTransaction tx, IEnumerable<AccessEntry> entries) =>
        BulkInsert.Rows(c, tx, "access_log", Columns,
            entries.Select(e => new object?[] { e.At, e.SubjectId, e.ActorKind, e.Actor, e.Purpose, e.AuthorizationId, e.What, e.Channel }));

    private static readonly (string, ColumnType)[] Columns =
    [
        ("at", ColumnType.Instant), ("subject_id", ColumnType.BigInt), ("actor_kind", ColumnType.Text), ("actor", ColumnType.Text),
        ("purpose", ColumnType.Text), ("authorization_id", ColumnType.BigInt), ("what", ColumnType.Text), ("channel", ColumnType.Text),
    ];

    /// <summary>The reads of one subject's information, newest first.</summary>
    public IReadOnlyList<AccessEntry> ForSubject(long subjectId, int limit = 500)
    {
        using var c = db.Open();
        return c.Query<AccessEntry>(
            "SELECT id, at, subject_id AS SubjectId, actor_kind AS ActorKind, actor, purpose, authorization_id AS AuthorizationId, what, channel FROM access_log WHERE subject_id = @subjectId ORDER BY at DESC, id DESC LIMIT @limit",
            new { subjectId, limit }).ToList();
    }
}
