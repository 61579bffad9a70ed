namespace Xinyong.Audit;

/// <summary>One thing wrong with the audit chain or its checkpoints.</summary>
/// <param name="Code">A stable code for programs (<see cref="AuditCodes"/>).</param>
/// <param name="Seq">The entry concerned, when there is one.</param>
/// <param name="Reason">What is wrong, in Chinese, for people.</param>
public sealed record AuditProblem(string Code, long? Seq, string Reason);

/// <summary>The outcome of checking the chain (<see cref="AuditWalk"/>).</summary>
/// <param name="Valid">True when nothing is wrong.</param>
/// <param name="Entries">How many entries the chain holds.</param>
/// <param name="BrokenAt">The entry of the first problem, or null.</param>
/// <param name="Code">The first problem's code (<see cref="AuditCodes"/>), or null.</param>
/// <param name="Reason">The first problem in Chinese, or null.</param>
/// <param name="Problems">Every problem found, in the order found (at most 20 of one code; <paramref name="TotalProblems"/> counts all).</param>
/// <param name="TotalProblems">How many problems were found in all.</param>
/// <param name="HeadSeq">The newest entry's number, or null for an empty chain.</param>
/// <param name="HeadHash">The newest entry's hash, or null.</param>
/// <param name="Checkpoint">The latest checkpoint whose signature verifies, or null.</param>
/// <param name="Checkpoints">How many checkpoints with a valid signature the log holds.</param>
public sealed record AuditVerification(
    bool Valid, long Entries, long? BrokenAt, string? Code, string? Reason, IReadOnlyList<AuditProblem> Problems, int TotalProblems,
    long? HeadSeq, string? HeadHash, AuditCheckpoint? Checkpoint, int Checkpoints);

/// <summary>The stable codes of <see cref="AuditProblem"/>.</summary>
public static class AuditCodes
{
    /// <summary>An entry's hash does not match its content (changed, or re-hashed without the key).</summary>
    public const string EntryChanged = "entry-changed";
    /// <summary>An entry does not link to the one before it (an entry removed, inserted or reordered).</summary>
    public const string LinkBroken = "link-broken";
    /// <summary>An unkeyed entry after keyed entries began (a forged entry, or the chain rewritten in the old form).</summary>
    public const string EntryUnkeyed = "entry-unkeyed";
    /// <summary>An entry names a key that is not in the ring.</summary>
    public const string KeyUnknown = "key-unknown";
    /// <summary>The key changed without a rotation entry.</summary>
    public const string KeySwitched = "key-switched";
    /// <summary>The ring records no origin though the chain has keyed entries.</summary>
    public const string OriginMissing = "origin-missing";
    /// <summary>The entries before the first keyed one are not those the ring recorded.</summary>
    public const string OriginMismatch = "origin-mismatch";
    /// <summary>The chain ends before the latest signed checkpoint: the newest entries were deleted.</summary>
    public const string TailDropped = "tail-dropped";
    /// <summary>The chain is empty but a signed checkpoint says it held entries.</summary>
    public const string ChainEmptied = "chain-emptied";
    /// <summary>The entry a checkpoint names is gone or differs, or the count up to it differs.</summary>
    public const string CheckpointMismatch = "checkpoint-mismatch";
    /// <summary>A checkpoint's signature does not verify under the platform's checkpoint key.</summary>
    public const string CheckpointSignature = "checkpoint-signature";
    /// <summary>A line of the checkpoint log cannot be read.</summary>
    public const string CheckpointUnreadable = "checkpoint-unreadable";
    /// <summary>A line of the checkpoint log does not carry the hash of the line before it (a line removed, inserted or changed).</summary>
    public const string CheckpointLink = "checkpoint-link";
    /// <summary>A checkpoint names a shorter chain than one before it.</summary>
    public const string CheckpointOrder = "checkpoint-order";
}

/// <summary>Collects problems, keeping at most 20 of one code.</summary>
internal sealed class AuditFindings
{
    private const int PerCode = 20;
    private readonly List<AuditProblem> _list = [];
    private readonly Dictionary<string, int> _perCode = [];
    private int _total;

    public void Add(string code, long? seq, string reason)
    {
        _total++;
        var n = _perCode.GetValueOrDefault(code);
        _perCode[code] = n + 1;
        if (n < PerCode) _list.Add(new AuditProblem(code, seq, reason));
    }

    public void Clear()
    {
        _list.Clear();
        _perCode.Clear();
        _total = 0;
    }

    public AuditVerification Result(long entries, long? headSeq, string? headHash, AuditCheckpoint? checkpoint, int checkpoints)
    {
        var first = _list.FirstOrDefault();
        return new AuditVerification(_total == 0, entries, first?.Seq, first?.Code, first?.Reason, _list, _total, headSeq, headHash, checkpoint, checkpoints);
    }
}
