using System.Data.Common;
using Dapper;
using Xinyong.Audit;

namespace Xinyong.Storage.Audit;

/// <summary>What a checkpoint write did.</summary>
/// <param name="Written">A new checkpoint was signed and appended to the log.</param>
/// <param name="Checkpoint">The checkpoint written, or the latest one when none was needed; null when none exists.</param>
/// <param name="Verification">The verification the write stood on: nothing is signed over a chain that does not verify.</param>
public sealed record AuditCheckpointWrite(bool Written, AuditCheckpoint? Checkpoint, AuditVerification Verification);

/// <summary>
/// The tamper-evident audit chain (Art. 17): every significant act (a decision, a list entry, a credential, a revocation)
/// is appended with a hash over its content and the previous entry's hash, so changing or deleting any entry breaks
/// every link after it. The hash is an HMAC-SHA256 under a key kept outside the database (<see cref="AuditKeyRing"/>,
/// its id stored on the entry), so one who can write to the database cannot re-hash a changed chain; signed heads kept
/// outside the database (<see cref="AuditCheckpointLog"/>) show a dropped tail or an emptied table. Entries of earlier
/// versions (plain SHA-256, no key id) stay verifiable: the first keyed entry links to the last of them, and the ring
/// records how many there were (<see cref="AuditOrigin"/>). Appends are serialized.
/// </summary>
public sealed class AuditChain(Database db, TimeProvider clock, AuditKeyRing keys, AuditCheckpointLog checkpoints) : IDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The hash before the first entry (<see cref="AuditWalk.Genesis"/>).</summary>
    public const string Genesis = AuditWalk.Genesis;

    /// <summary>The action of a key rotation entry (<see cref="AuditWalk.RotateAction"/>).</summary>
    public const string RotateAction = AuditWalk.RotateAction;

    private const string Columns = "seq, at, actor, action, target, detail, prev_hash AS PrevHash, hash, key_id AS KeyId";
    private long _appended;
    private long _checkpointed;

    /// <summary>The key ring.</summary>
    public AuditKeyRing Keys => keys;

    /// <summary>The checkpoint log.</summary>
    public AuditCheckpointLog Checkpoints => checkpoints;

    /// <summary>True when entries were appended through this instance since its last checkpoint write.</summary>
    public bool HasUncheckpointedAppends => Interlocked.Read(ref _appended) != Interlocked.Read(ref _checkpointed);

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
            Lock(c, tx);
            var last = Last(c, tx);
            Insert(c, tx, last, KeyFor(c, tx, last), actor, action, target, detail);
        }
        finally { Gate.Release(); }
    }

    /// <summary>
    /// Rotates the audit key: a new key is generated and saved in the ring (the old ones stay for verification), and the
    /// rotation itself is appended under the old key, naming the new key's id, with the detail the caller words from the
    /// old and the new id (<see cref="AuditTexts.KeyRotated"/>); the entries after it use the new key.
    /// </summary>
    /// <returns>The old and the new key's ids.</returns>
    public (string OldKeyId, string NewKeyId) RotateKey(string actor, Func<string, string, string> detail)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Gate.Wait();
        try
        {
            Lock(c, tx);
            var last = Last(c, tx);
            var old = KeyFor(c, tx, last);
            var created = keys.AddKey();
            Insert(c, tx, last, old, actor, RotateAction, AuditWalk.RotationTarget(created.Id), detail(old.Id, created.Id));
            tx.Commit();
            return (old.Id, created.Id);
        }
        finally { Gate.Release(); }
    }

    private void Lock(DbConnection c, DbTransaction tx)
    {
        if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(4712)", transaction: tx);
    }

    /// <summary>The chain's head as the next entry needs it: its hash, key and (for a rotation) target; not its text.</summary>
    private static AuditEntry? Last(DbConnection c, DbTransaction tx) =>
        c.QueryFirstOrDefault<AuditEntry>("SELECT seq, action, target, hash, key_id AS KeyId FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx);

    /// <summary>The key the next entry is written with: the one the chain is at (the new key after a rotation entry); the
    /// ring's newest for a chain without keyed entries yet, whose origin is then recorded in the ring.</summary>
    private AuditKey KeyFor(DbConnection c, DbTransaction tx, AuditEntry? last)
    {
        if (last?.KeyId is null)
        {
            if (keys.Origin is null)
            {
                var legacy = c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE key_id IS NULL", transaction: tx);
                keys.RecordOrigin(new AuditOrigin(legacy, last?.Hash ?? Genesis));
            }
            return keys.Current;
        }
        if (last.Action == RotateAction && AuditWalk.RotatedTo(last) is { } next && keys.Find(next) is { } k) return k;
        return keys.Find(last.KeyId) ?? keys.Current;
    }

    private void Insert(DbConnection c, DbTransaction tx, AuditEntry? last, AuditKey key, string actor, string action, string target, string? detail)
    {
        var prev = last?.Hash ?? Genesis;
        var at = Truncate(clock.GetUtcNow());
        var hash = AuditWalk.Mac(key, prev, at, actor, action, target, detail);
        c.Execute("INSERT INTO audit_log (at, actor, action, target, detail, prev_hash, hash, key_id) VALUES (@at, @actor, @action, @target, @detail, @prev, @hash, @keyId)",
            new { at, actor, action, target, detail, prev, hash, keyId = key.Id }, tx);
        Interlocked.Increment(ref _appended);
    }

    /// <summary>Entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit = 100, string? target = null)
    {
        using var c = db.Open();
        var sql = $"SELECT {Columns} FROM audit_log" + (target is null ? "" : " WHERE target = @target") + " ORDER BY seq DESC LIMIT @limit";
        return c.Query<AuditEntry>(sql, new { limit, target }).ToList();
    }

    /// <summary>
    /// Checks the whole chain against its keys and its signed checkpoints: the store streams the entries in order and
    /// the checkpoint log's lines to the domain's walk (<see cref="AuditWalk"/>), which decides every finding.
    /// </summary>
    public AuditVerification Verify()
    {
        keys.Reload();
        using var c = db.Open();
        return AuditWalk.Verify(c.Query<AuditEntry>($"SELECT {Columns} FROM audit_log ORDER BY seq", buffered: false), keys, checkpoints.Read(), checkpoints.Verify);
    }

    /// <summary>
    /// Signs the chain's head into the checkpoint log when the chain verifies and its head moved since the latest
    /// checkpoint, or the latest checkpoint is of an earlier Beijing day (one is published each day), or when
    /// <paramref name="force"/>. Nothing is signed over a chain that does not verify: the first checkpoint of each day
    /// and a forced one check the whole chain; the others check what was appended since the day's latest checkpoint
    /// (a change further back stays visible to <see cref="Verify"/>: it breaks its entry's authentication code).
    /// </summary>
    public AuditCheckpointWrite WriteCheckpoint(bool force = false)
    {
        var appended = Interlocked.Read(ref _appended);
        var now = clock.GetUtcNow();
        var since = checkpoints.Latest();
        // Within a day, only what came after the day's latest checkpoint is checked (AuditWalk.MayCheckSince).
        var v = (AuditWalk.MayCheckSince(since, now, force) ? VerifySince(since!) : null) ?? Verify();
        if (!v.Valid || v.HeadSeq is not { } seq) return new AuditCheckpointWrite(false, v.Checkpoint, v);
        var latest = v.Checkpoint;
        if (!AuditWalk.CheckpointDue(latest, seq, v.HeadHash, now, force))
        {
            Interlocked.Exchange(ref _checkpointed, appended);
            return new AuditCheckpointWrite(false, latest, v);
        }
        var cp = checkpoints.Append(seq, v.Entries, v.HeadHash!, now);
        Interlocked.Exchange(ref _checkpointed, appended);
        return new AuditCheckpointWrite(true, cp, v);
    }

    /// <summary>
    /// Checks only what came after a verified checkpoint (the entry it names still there with its hash, as many entries
    /// up to it, then every later entry as <see cref="Verify"/> does), so signing the head costs what was appended since.
    /// Null when there is no such checkpoint or its entry no longer matches: the full <see cref="Verify"/> then names why.
    /// </summary>
    private AuditVerification? VerifySince(AuditCheckpoint cp)
    {
        keys.Reload();
        using var c = db.Open();
        var at = c.QueryFirstOrDefault<AuditEntry>($"SELECT {Columns} FROM audit_log WHERE seq = @seq", new { seq = cp.Seq });
        if (at is null || at.Hash != cp.Hash || c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE seq <= @seq", new { seq = cp.Seq }) != cp.Entries) return null;
        var v = AuditWalk.VerifySince(cp, at, c.Query<AuditEntry>($"SELECT {Columns} FROM audit_log WHERE seq > @seq ORDER BY seq", new { seq = cp.Seq }, buffered: false), keys);
        return v.Valid ? v with { Checkpoint = cp } : null;
    }

    /// <summary>Before the process ends, signs what this instance appended (a command that wrote to the chain leaves a checkpoint).</summary>
    public void Dispose()
    {
        if (!HasUncheckpointedAppends) return;
        try { WriteCheckpoint(); }
        catch (Exception) { /* disposal never throws: the store or folder may be gone; the next start signs the head */ }
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero); // microseconds: both stores keep them
}
