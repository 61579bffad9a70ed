using Dapper;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Publication;

/// <summary>A subject's authorization of an institution's query of its conditionally open records (Art. 23(2), 24).</summary>
public sealed record Authorization
{
    public long Id { get; init; }
    public long SubjectId { get; init; }
    /// <summary>The institution's account code.</summary>
    public string Grantee { get; init; } = "";
    public string Purpose { get; init; } = "";
    /// <summary>The catalog items covered, comma-separated.</summary>
    public string Items { get; init; } = "";
    public DateTimeOffset GrantedAt { get; init; }
    public string GrantedBy { get; init; } = "";
    /// <summary>The last day the authorization is valid (Beijing).</summary>
    public DateOnly ExpiresOn { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }

    /// <summary>The catalog items covered.</summary>
    public IReadOnlySet<string> ItemSet => Items.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Valid on <paramref name="today"/>: not revoked and not expired.</summary>
    public bool IsValidOn(DateOnly today) => RevokedAt is null && today <= ExpiresOn;
}

/// <summary>Authorizations: granted and revoked by the subject, each change in the audit chain; never deleted.</summary>
public sealed class Authorizations(Database db, AuditChain audit, TimeProvider clock)
{
    private const string Columns =
        "id, subject_id AS SubjectId, grantee, purpose, items, granted_at AS GrantedAt, granted_by AS GrantedBy, expires_on AS ExpiresOn, revoked_at AS RevokedAt, revoked_by AS RevokedBy";

    /// <summary>Records a checked authorization (see <see cref="Xinyong.Publication.AuthorizationRules.Check"/>) and returns it.</summary>
    public Authorization Grant(long subjectId, string grantee, string purpose, IEnumerable<string> items, DateOnly expiresOn, string grantedBy)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var list = string.Join(',', items.Distinct().Order(StringComparer.Ordinal));
        var id = c.ExecuteScalar<long>(
            "INSERT INTO authorizations (subject_id, grantee, purpose, items, granted_at, granted_by, expires_on) VALUES (@subjectId, @grantee, @purpose, @list, @now, @grantedBy, @expiresOn) RETURNING id",
            new { subjectId, grantee, purpose = purpose.Trim(), list, now = clock.GetUtcNow(), grantedBy, expiresOn }, tx);
        audit.Append(c, tx, grantedBy, "authorization.grant", $"authorization:{id}", $"subject:{subjectId} grantee:{grantee} items:{list} until:{expiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}");
        tx.Commit();
        return Get(id)!;
    }

    /// <summary>Revokes an authorization of the subject. Returns false when it is not the subject's or already revoked.</summary>
    public bool Revoke(long id, long subjectId, string revokedBy)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("UPDATE authorizations SET revoked_at = @now, revoked_by = @revokedBy WHERE id = @id AND subject_id = @subjectId AND revoked_at IS NULL",
            new { id, subjectId, revokedBy, now = clock.GetUtcNow() }, tx);
        if (n > 0) audit.Append(c, tx, revokedBy, "authorization.revoke", $"authorization:{id}");
        tx.Commit();
        return n > 0;
    }

    /// <summary>One authorization, or null.</summary>
    public Authorization? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Authorization>($"SELECT {Columns} FROM authorizations WHERE id = @id", new { id });
    }

    /// <summary>Every authorization a subject granted, newest first.</summary>
    public IReadOnlyList<Authorization> OfSubject(long subjectId)
    {
        using var c = db.Open();
        return c.Query<Authorization>($"SELECT {Columns} FROM authorizations WHERE subject_id = @subjectId ORDER BY granted_at DESC, id DESC", new { subjectId }).ToList();
    }

    /// <summary>The authorizations granted to an institution that are valid today, newest first.</summary>
    public IReadOnlyList<Authorization> ValidOfGrantee(string grantee, DateOnly today)
    {
        using var c = db.Open();
        return c.Query<Authorization>($"SELECT {Columns} FROM authorizations WHERE grantee = @grantee AND revoked_at IS NULL AND expires_on >= @today ORDER BY granted_at DESC, id DESC",
            new { grantee, today }).ToList();
    }

    /// <summary>
    /// The authorization an institution reads a subject under: the one named (when valid and its own), else the newest
    /// valid one; null when it has none.
    /// </summary>
    public Authorization? ValidFor(string grantee, long subjectId, DateOnly today, long? id = null)
    {
        using var c = db.Open();
        var all = c.Query<Authorization>($"SELECT {Columns} FROM authorizations WHERE grantee = @grantee AND subject_id = @subjectId ORDER BY granted_at DESC, id DESC",
            new { grantee, subjectId }).Where(a => a.IsValidOn(today));
        return id is { } wanted ? all.FirstOrDefault(a => a.Id == wanted) : all.FirstOrDefault();
    }
}
