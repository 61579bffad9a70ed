using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Xinyong.Calendar;

namespace Xinyong.Audit;

/// <summary>The keys a walk checks entries with (the ring kept outside the database) and the chain's origin.</summary>
public interface IAuditKeys
{
    /// <summary>The key with this id, or null when it is nowhere.</summary>
    AuditKey? Find(string id);

    /// <summary>Where keyed entries begin, or null before the first keyed entry.</summary>
    AuditOrigin? Origin { get; }
}

/// <summary>
/// The audit chain's rules (Art. 17), over entries as the store streams them: how an entry's hash is computed (HMAC-SHA256
/// under a key kept outside the database, or SHA-256 for an entry of an earlier version), and the verification walk —
/// every entry's hash, every link, the key only changing at a rotation entry, the unkeyed entries only before the keyed
/// ones and as many as the ring's origin says, every checkpoint's signature and link, the entry each checkpoint names
/// still there with the same hash and count, and none missing after the chain's end. Which problem applies and its
/// words (<see cref="AuditTexts"/>) are decided here; the store only streams entries and checkpoints. Pure: no I/O.
/// </summary>
public sealed class AuditWalk
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The action of a key rotation entry; its target is <c>audit-key:NEW-ID</c>.</summary>
    public const string RotateAction = "audit.key.rotate";

    /// <summary>The target of the rotation entry that moves the chain to <paramref name="newKeyId"/>.</summary>
    public static string RotationTarget(string newKeyId) => "audit-key:" + newKeyId;

    /// <summary>The key a rotation entry moves the chain to, or null when its target names none.</summary>
    public static string? RotatedTo(AuditEntry e) => e.Target.StartsWith("audit-key:", StringComparison.Ordinal) ? e.Target["audit-key:".Length..] : null;

    private static string Text(string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        string.Join('\u001f', prev, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), actor, action, target, detail ?? string.Empty);

    /// <summary>The hash of an entry of an earlier version: SHA-256, no key.</summary>
    public static string Sha(string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(prev, at, actor, action, target, detail))));

    /// <summary>The hash of a keyed entry: HMAC-SHA256 under the key, over the same fields and the key id.</summary>
    public static string Mac(AuditKey key, string prev, DateTimeOffset at, string actor, string action, string target, string? detail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(Text(prev, at, actor, action, target, detail) + '\u001f' + key.Id)));

    /// <summary>
    /// Whether a new checkpoint is to be signed over a verified head: when the head moved since the latest checkpoint,
    /// when the latest is of an earlier Beijing day (one is published each day), or when forced.
    /// </summary>
    public static bool CheckpointDue(AuditCheckpoint? latest, long headSeq, string? headHash, DateTimeOffset now, bool force) =>
        force || latest is null || latest.Seq != headSeq || latest.Hash != headHash || ChinaTime.DateOf(latest.At) != ChinaTime.DateOf(now);

    /// <summary>
    /// Whether the check before signing may start from the latest checkpoint (only what was appended since): within the
    /// day of the latest checkpoint and not forced; the first checkpoint of a day (the one published) and a forced one
    /// stand on the whole chain.
    /// </summary>
    public static bool MayCheckSince(AuditCheckpoint? latest, DateTimeOffset now, bool force) =>
        !force && latest is not null && ChinaTime.DateOf(latest.At) == ChinaTime.DateOf(now);

    /// <summary>Verifies a whole chain: <paramref name="entries"/> in order, against the keys and the checkpoint log's lines.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, IAuditKeys keys, IReadOnlyList<AuditCheckpointLine> lines, Func<AuditCheckpoint, bool> signed)
    {
        var w = new AuditWalk(keys, lines, signed);
        foreach (var e in entries) w.Step(e);
        return w.Finish();
    }

    /// <summary>
    /// Verifies what came after a checkpoint whose entry <paramref name="at"/> still carries its hash (the caller checked
    /// it and the count up to it): <paramref name="after"/> are the entries after it, in order.
    /// </summary>
    public static AuditVerification VerifySince(AuditCheckpoint cp, AuditEntry at, IEnumerable<AuditEntry> after, IAuditKeys keys)
    {
        var w = new AuditWalk(keys, cp, at);
        foreach (var e in after) w.Step(e);
        return w.Finish();
    }

    private readonly IAuditKeys _keys;
    private readonly AuditFindings _found = new();
    private readonly List<AuditCheckpoint> _cps = [];
    private readonly Dictionary<string, AuditKey?> _keyCache = [];
    private int _cp;
    private string _prev = Genesis;
    private string? _expect;
    private bool _keyed;
    private long _n, _legacy, _lastSeq;
    private string? _lastHash;

    /// <summary>A walk from the chain's start, with the checkpoint log's lines (<paramref name="signed"/> checks a signature).</summary>
    public AuditWalk(IAuditKeys keys, IReadOnlyList<AuditCheckpointLine> lines, Func<AuditCheckpoint, bool> signed)
    {
        _keys = keys;
        if (!ReadCheckpoints(lines, signed, everySignature: false))
        {
            // Something in the log is wrong: check each line on its own to name it.
            _found.Clear();
            _cps.Clear();
            ReadCheckpoints(lines, signed, everySignature: true);
        }
    }

    /// <summary>A walk that starts after <paramref name="at"/>, the entry a verified checkpoint names.</summary>
    public AuditWalk(IAuditKeys keys, AuditCheckpoint cp, AuditEntry at)
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
    private bool ReadCheckpoints(IReadOnlyList<AuditCheckpointLine> lines, Func<AuditCheckpoint, bool> signed, bool everySignature)
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
                var why = line.Unreadable == AuditCheckpointLine.WithoutHash ? AuditTexts.CheckpointWithoutHash : AuditTexts.CheckpointNotJson;
                _found.Add(AuditCodes.CheckpointUnreadable, null, AuditTexts.CheckpointUnreadable(line.Line, why));
                ok = false;
                continue;
            }
            var dayLast = i == lines.Count - 1 || lines[i + 1].Checkpoint is not { } after || ChinaTime.DateOf(after.At) != ChinaTime.DateOf(cp.At);
            if ((everySignature || dayLast) && !signed(cp))
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

    /// <summary>Takes the next entry of the chain.</summary>
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
        if (Sha(e.PrevHash, e.At, e.Actor, e.Action, e.Target, e.Detail) != e.Hash)
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
        var ok = Mac(key, e.PrevHash, e.At, e.Actor, e.Action, e.Target, e.Detail) == e.Hash;
        if (!ok) _found.Add(AuditCodes.EntryChanged, e.Seq, AuditTexts.EntryMacChanged(e.Seq));
        if (_expect is not null && id != _expect)
            _found.Add(AuditCodes.KeySwitched, e.Seq, AuditTexts.KeySwitched(e.Seq, id, _expect));
        _keyed = true;
        _expect = ok && e.Action == RotateAction && RotatedTo(e) is { } next ? next : id;
    }

    /// <summary>The outcome, after the last entry.</summary>
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
