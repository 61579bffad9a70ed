using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Xinyong.Storage.Audit;

/// <summary>One entry of the audit chain.</summary>
public sealed record AuditEntry
{
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string Target { get; init; } = "";
    public string? Detail { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";
}

/// <summary>The outcome of checking the chain.</summary>
/// <param name="Valid">True when every entry's hash is right and links to the one before.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="BrokenAt">The first entry that does not verify, or null.</param>
/// <param name="Reason">Why it does not verify.</param>
public sealed record AuditVerification(bool Valid, long Entries, long? BrokenAt, string? Reason);

/// <summary>
/// The tamper-evident audit chain (SPEC section 18): every significant act (a decision, a list entry, a credential, a
/// revocation) is appended with a SHA-256 hash over its content and the previous entry's hash, so changing or deleting
/// any entry breaks every hash after it. Appends are serialized.
/// </summary>
public sealed class AuditChain(Database db, TimeProvider clock)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends an entry in its own transaction.</summary>
    public void Append(string actor, string action, string target, string? detail = null)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Append(c, tx, actor, action, target, detail);
        tx.Commit();
    }

    /// <summary>Appends an entry inside the caller's transaction (so the act and its audit commit together).</summary>
    public void Append(DbConnection c, DbTransaction tx, string actor, string action, string target, string? detail = null)
    {
        Gate.Wait();
        try
        {
            if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(4712)", transaction: tx);
            var prev = c.QueryFirstOrDefault<string>("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx) ?? Genesis;
            var at = Truncate(clock.GetUtcNow());
            var hash = Compute(prev, at, actor, action, target, detail);
            c.Execute("INSERT INTO audit_log (at, actor, action, target, detail, prev_hash, hash) VALUES (@at, @actor, @action, @target, @detail, @prev, @hash)",
                new { at, actor, action, target, detail, prev, hash }, tx);
        }
        finally { Gate.Release(); }
    }

    /// <summary>Entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit = 100, string? target = null)
    {
        using var c = db.Open();
        var sql = "SELECT seq, at, actor, action, target, detail, prev_hash AS PrevHash, hash FROM audit_log" +
                  (target is null ? "" : " WHERE target = @target") + " ORDER BY seq DESC LIMIT @limit";
        return c.Query<AuditEntry>(sql, new { limit, target }).ToList();
    }

    /// <summary>Recomputes every hash in order.</summary>
    public AuditVerification Verify()
    {
        using var c = db.Open();
        var prev = Genesis;
        long n = 0;
        foreach (var e in c.Query<AuditEntry>("SELECT seq, at, actor, action, target, detail, prev_hash AS PrevHash, hash FROM audit_log ORDER BY seq", buffered: false))
        {
            n++;
            if (e.PrevHash != prev) return new AuditVerification(false, n, e.Seq, $"entry {e.Seq} does not link to the entry before it (an entry was removed or reordered)");
            if (Compute(e.PrevHash, e.At, e.Actor, e.Action, e.Target, e.Detail) != e.Hash)
                return new AuditVerification(false, n, e.Seq, $"entry {e.Seq} was changed after it was written");
            prev = e.Hash;
        }
        return new AuditVerification(true, n, null, null);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero); // microseconds: both stores keep them

    private static string Compute(string prev, DateTimeOffset at, string actor, string action, string target, string? detail)
    {
        var s = string.Join('\u001f', prev, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture), actor, action, target, detail ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
    }
}
