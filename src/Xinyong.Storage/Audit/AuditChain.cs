using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Xinyong.Audit;
using Xinyong.Calendar;

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
    /// <summary>The audit key whose HMAC-SHA256 <see cref="Hash"/> is; null for an entry of an earlier version (plain SHA-256).</summary>
    public string? KeyId { get; init; }
}

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

    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The action of a key rotation entry; its target is <c>audit-key:NEW-ID</c>.</summary>
    public const string RotateAction = "audit.key.rotate";

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
    /// rotation itself is appended under the old key, naming the new key's id; the entries after it use the new key.
    /// </summary>
    /// <returns>The old and the new key's ids.</returns>
    public (string OldKeyId, string NewKeyId) RotateKey(string actor)
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
            Insert(c, tx, last, old, actor, RotateAction, "audit-key:" + created.Id, AuditTexts.KeyRotated(old.Id, created.Id));
            tx.Commit();
            return (old.Id, created.Id);
        }
        finally { Gate.Release(); }
    }

    private void Lock(DbConnection c, DbTransaction tx)
    {
        if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(4712)", transaction: tx);
    }

    private static AuditEntry? Last(DbConnection c, DbTransaction tx) =>
        c.QueryFirstOrDefault<AuditEntry>($"SELECT {Columns} FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: tx);

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
        if (last.Action == RotateAction && RotatedTo(last) is { } next && keys.Find(next) is { } k) return k;
        return keys.Find(last.KeyId) ?? keys.Current;
    }

    private void Insert(DbConnection c, DbTransaction tx, AuditEntry? last, AuditKey key, string actor, string action, string target, string? detail)
    {
        var prev = last?.Hash ?? Genesis;
        var at = Truncate(clock.GetUtcNow());
        var hash = Mac(key, prev, at, actor, action, target, detail);
        c.Execute("INSERT INTO audit_log (at, actor, action, target, detail, prev_hash, hash, key_id) VALUES (@at, @actor, @action, @target, @detail, @prev, @hash, @keyId)",
            new { at, actor, action, target, detail, prev, hash, keyId = key.Id }, tx);
        Interlocked.Increment(ref _appended);
    }

    private static string? RotatedTo(AuditEntry e) => e.Target.StartsWith("audit-key:", StringComparison.Ordinal) ? e.Target["audit-key:".Length..] : null;

    /// <summary>Entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit = 100, string? target = null)
    {
        using var c = db.Open();
        var sql = $"SELECT {Columns} FROM audit_log" + (target is null ? "" : " WHERE target = @target") + " ORDER BY seq DESC LIMIT @limit";
        return c.Query<AuditEntry>(sql, new { limit, target }).ToList();
    }

    /// <summary>
    /// Checks the whole chain against its keys and its signed checkpoints: every entry's hash (HMAC under its key, or
    /// SHA-256 for an entry of an earlier version), every link, the key only changing at a rotation entry, the unkeyed
    /// entries only before the keyed ones and as many as the ring's origin says, every checkpoint's signature, the entry
    /// each checkpoint names still there with the same hash and count, and none missing after the chain's end.
    /// </summary>
    public AuditVerification Verify()
    {
        keys.Reload();
        var w = new Walker(keys, checkpoints.Read(), checkpoints);
        using (var c = db.Open())
            foreach (var e in c.Query<AuditEntry>($"SELECT {Columns} FROM audit_log ORDER BY seq", buffered: false))
                w.Step(e);
        return w.Finish();
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
        // Within a day, only what came after the day's latest checkpoint is checked; the first checkpoint of a day (the one
        // published) and a forced one stand on the whole chain.
        var v = (!force && since is not null && ChinaTime.DateOf(since.At) == ChinaTime.DateOf(now) ? VerifySince(since) : null) ?? Verify();
        if (!v.Valid || v.HeadSeq is not { } seq) return new AuditCheckpointWrite(false, v.Checkpoint, v);
        var latest = v.Checkpoint;
        if (!force && latest is not null && latest.Seq == seq && latest.Hash == v.HeadHash && ChinaTime.DateOf(latest.At) == ChinaTime.DateOf(now))
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
    private AuditVerification? VerifySince(AuditCheckpoint? cp)
    {
        if (cp is null) return null;
        keys.Reload();
        using var c = db.Open();
        var at = c.QueryFirstOrDefault<AuditEntry>($"SELECT {Columns} FROM audit_log WHERE seq = @seq", new { seq = cp.Seq });
        if (at is null || at.Hash != cp.Hash || c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE seq <= @seq", new { seq = cp.Seq }) != cp.Entries) return null;
        var w = new Walker(keys, cp, at);
        foreach (var e in c.Query<AuditEntry>($"SELECT {Columns} FROM audit_log WHERE seq > @seq ORDER BY seq", new { seq = cp.Seq }, buffered: false))
            w.Step(e);
        var v = w.Finish();
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

    private static string Text(string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        string.Join('\u001f', prev, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture), actor, action, target, detail ?? string.Empty);

    /// <summary>The hash of an entry of an earlier version: SHA-256, no key.</summary>
    internal static string Sha(string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(prev, at, actor, action, target, detail))));

    /// <summary>The hash of a keyed entry: HMAC-SHA256 under the key, over the same fields and the key id.</summary>
    internal static string Mac(AuditKey key, string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(Text(prev, at, actor, action, target, detail) + '\u001f' + key.Id)));

    /// <summary>Walks the chain in order, and the signed checkpoints beside it, collecting what is wrong.</summary>
    private sealed class Walker
    {
        private readonly AuditKeyRing _keys;
        private readonly AuditFindings _found = new();
        private readonly List<AuditCheckpoint> _cps = [];
        private readonly Dictionary<string, AuditKey?> _keyCache = [];
        private int _cp;
        private string _prev = Genesis;
        private string? _expect;
        private bool _keyed;
        private long _n, _legacy, _lastSeq;
        private string? _lastHash;

        public Walker(AuditKeyRing keys, IReadOnlyList<AuditCheckpointLine> lines, AuditCheckpointLog log)
        {
            _keys = keys;
            if (!ReadCheckpoints(lines, log, everySignature: false))
            {
                // Something in the log is wrong: check each line on its own to name it.
                _found.Clear();
                _cps.Clear();
                ReadCheckpoints(lines, log, everySignature: true);
            }
        }

        /// <summary>A walker that starts after <paramref name="at"/>, the entry a verified checkpoint names.</summary>
        public Walker(AuditKeyRing keys, AuditCheckpoint cp, AuditEntry at)
        {
            _keys = keys;
            _n = cp.Entries;
            _legacy = at.KeyId is null ? cp.Entries : 0;
            _keyed = at.KeyId is not null;
            _expect = at.KeyId is null ? null : at.Action == RotateAction && RotatedTo(at) is { } next ? next : at.KeyId;
            _prev = at.Hash;
            _lastHash = at.Hash;
            _lastSeq = at.Seq;
        }

        /// <summary>
        /// Reads the checkpoint log. Each line carries the SHA-256 of the line before it and is signed over it, so the
        /// lines form a chain: checking every link and the signature of the last line (and of each day's last line, the
        /// published ones) proves every line. With <paramref name="everySignature"/> every line's signature is checked.
        /// Returns false when anything is wrong.
        /// </summary>
        private bool ReadCheckpoints(IReadOnlyList<AuditCheckpointLine> lines, AuditCheckpointLog log, bool everySignature)
        {
            var ok = true;
            string? before = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var expected = AuditCheckpoint.PrevOf(before);
                before = line.Raw;
                if (line.Checkpoint is not { } cp)
                {
                    _found.Add(AuditCodes.CheckpointUnreadable, null, AuditTexts.CheckpointUnreadable(line.Line, line.Unreadable));
                    ok = false;
                    continue;
                }
                var dayLast = i == lines.Count - 1 || lines[i + 1].Checkpoint is not { } after || ChinaTime.DateOf(after.At) != ChinaTime.DateOf(cp.At);
                if ((everySignature || dayLast) && !log.Verify(cp))
                {
                    _found.Add(AuditCodes.CheckpointSignature, cp.Seq, AuditTexts.CheckpointSignature(line.Line, cp.At, cp.Seq));
                    ok = false;
                    continue;
                }
                if (cp.Prev != expected)
                {
                    _found.Add(AuditCodes.CheckpointLink, cp.Seq, AuditTexts.CheckpointLink(line.Line));
                    ok = false;
                }
                if (_cps.Count > 0 && (cp.Seq < _cps[^1].Seq || cp.Entries < _cps[^1].Entries))
                {
                    _found.Add(AuditCodes.CheckpointOrder, cp.Seq, AuditTexts.CheckpointOrder(line.Line));
                    ok = false;
                    continue;
                }
                _cps.Add(cp);
            }
            return ok;
        }

        public void Step(AuditEntry e)
        {
            _n++;
            if (e.PrevHash != _prev)
                _found.Add(AuditCodes.LinkBroken, e.Seq, AuditTexts.LinkBroken(e.Seq));
            if (e.KeyId is null) Unkeyed(e);
            else Keyed(e);
            while (_cp < _cps.Count && _cps[_cp].Seq < e.Seq)
            {
                var cp = _cps[_cp];
                _found.Add(AuditCodes.CheckpointMismatch, cp.Seq, AuditTexts.CheckpointEntryGone(cp.At, cp.Seq));
                while (_cp < _cps.Count && _cps[_cp].Seq == cp.Seq) _cp++;
            }
            var mismatched = false;
            while (_cp < _cps.Count && _cps[_cp].Seq == e.Seq)
            {
                var cp = _cps[_cp++];
                if (!mismatched && (cp.Hash != e.Hash || cp.Entries != _n))
                {
                    mismatched = true;
                    _found.Add(AuditCodes.CheckpointMismatch, e.Seq, cp.Hash != e.Hash
                        ? AuditTexts.CheckpointHashDiffers(e.Seq, cp.At)
                        : AuditTexts.CheckpointCountDiffers(e.Seq, cp.Entries, _n, cp.At));
                }
            }
            _prev = e.Hash;
            _lastSeq = e.Seq;
            _lastHash = e.Hash;
        }

        private void Unkeyed(AuditEntry e)
        {
            var origin = _keys.Origin;
            if (_keyed || (origin is not null && _legacy >= origin.Entries))
                _found.Add(AuditCodes.EntryUnkeyed, e.Seq, AuditTexts.EntryUnkeyed(e.Seq));
            _legacy++;
            if (AuditChain.Sha(e.PrevHash, e.At, e.Actor, e.Action, e.Target, e.Detail) != e.Hash)
                _found.Add(AuditCodes.EntryChanged, e.Seq, AuditTexts.EntryChanged(e.Seq));
        }

        private void Keyed(AuditEntry e)
        {
            var id = e.KeyId!;
            if (!_keyCache.TryGetValue(id, out var key)) _keyCache[id] = key = _keys.Find(id);
            if (!_keyed)
            {
                var origin = _keys.Origin;
                if (origin is null)
                    _found.Add(AuditCodes.OriginMissing, e.Seq, AuditTexts.OriginMissing);
                else if (origin.Entries != _legacy || origin.Hash != e.PrevHash)
                    _found.Add(AuditCodes.OriginMismatch, e.Seq, AuditTexts.OriginMismatch(origin.Entries, _legacy));
            }
            if (key is null)
            {
                _found.Add(AuditCodes.KeyUnknown, e.Seq, AuditTexts.KeyUnknown(e.Seq, id));
                _keyed = true;
                return;
            }
            var ok = AuditChain.Mac(key, e.PrevHash, e.At, e.Actor, e.Action, e.Target, e.Detail) == e.Hash;
            if (!ok) _found.Add(AuditCodes.EntryChanged, e.Seq, AuditTexts.EntryMacChanged(e.Seq));
            if (_expect is not null && id != _expect)
                _found.Add(AuditCodes.KeySwitched, e.Seq, AuditTexts.KeySwitched(e.Seq, id, _expect));
            _keyed = true;
            _expect = ok && e.Action == RotateAction && RotatedTo(e) is { } next ? next : id;
        }

        public AuditVerification Finish()
        {
            var origin = _keys.Origin;
            if (!_keyed && origin is not null && _n < origin.Entries)
                _found.Add(AuditCodes.OriginMismatch, null, AuditTexts.OriginShort(origin.Entries, _n));
            if (_cp < _cps.Count)
            {
                var cp = _cps[^1];
                if (_n == 0)
                    _found.Add(AuditCodes.ChainEmptied, cp.Seq, AuditTexts.ChainEmptied(cp.At, cp.Entries, cp.Seq));
                else
                    _found.Add(AuditCodes.TailDropped, cp.Seq, AuditTexts.TailDropped(_lastSeq, _n, cp.At, cp.Seq, cp.Entries));
            }
            var latest = _cps.Count > 0 ? _cps[^1] : null;
            return _found.Result(_n, _n == 0 ? null : _lastSeq, _lastHash, latest, _cps.Count);
        }
    }
}
