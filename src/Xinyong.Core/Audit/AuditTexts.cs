using System.Globalization;
using Xinyong.Calendar;

namespace Xinyong.Audit;

/// <summary>
/// What people read about the audit chain (Art. 17): the detail of a key rotation entry and, for each problem the
/// chain's verification finds, the sentence naming the entry or checkpoint line and what was done to it. The
/// verification itself only finds the problem and its numbers; the words are here.
/// </summary>
public static class AuditTexts
{
    /// <summary>A moment as people read it: Beijing time.</summary>
    public static string Time(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The detail of the entry that rotates the audit key.</summary>
    public static string KeyRotated(string oldKeyId, string newKeyId) => $"审计密钥轮换：{oldKeyId} → {newKeyId}";

    /// <summary>Why a checkpoint line cannot be read: it carries no hash.</summary>
    public const string CheckpointWithoutHash = "缺少哈希值";

    /// <summary>Why a checkpoint line cannot be read: it is not JSON.</summary>
    public const string CheckpointNotJson = "不是有效的JSON";

    /// <summary>A checkpoint line cannot be read.</summary>
    public static string CheckpointUnreadable(int line, string? why) => $"检查点文件第{line}行无法读取（{why}）：检查点文件被改动";

    /// <summary>A checkpoint's signature does not verify.</summary>
    public static string CheckpointSignature(int line, DateTimeOffset at, long seq) => $"检查点文件第{line}行（{Time(at)}，第{seq}条记录）的签名无效：该检查点被伪造或改动";

    /// <summary>A checkpoint line does not carry the hash of the line before it.</summary>
    public static string CheckpointLink(int line) => $"检查点文件第{line}行与前一行不衔接：检查点文件中的行被删除、插入或改写";

    /// <summary>A checkpoint names a shorter chain than one before it.</summary>
    public static string CheckpointOrder(int line) => $"检查点文件第{line}行记载的审计链比之前的检查点还短：检查点文件被改动";

    /// <summary>An entry does not link to the one before it.</summary>
    public static string LinkBroken(long seq) => $"第{seq}条记录与前一条记录不衔接：其间的记录被删除、插入或改写";

    /// <summary>The entry a checkpoint names is gone.</summary>
    public static string CheckpointEntryGone(DateTimeOffset at, long seq) => $"{Time(at)}签名的检查点记载的第{seq}条记录已不存在：该记录被删除";

    /// <summary>An entry's hash differs from the one its checkpoint signed.</summary>
    public static string CheckpointHashDiffers(long seq, DateTimeOffset at) => $"第{seq}条记录与{Time(at)}签名的检查点不符（哈希值不同）：审计链在该处或之前被改写";

    /// <summary>The count of entries up to a checkpoint's entry differs from the one it signed.</summary>
    public static string CheckpointCountDiffers(long seq, long signed, long found, DateTimeOffset at) =>
        $"到第{seq}条记录为止应有{signed}条记录（{Time(at)}签名的检查点），现有{found}条：其间的记录被删除或插入";

    /// <summary>An unkeyed entry after keyed entries began.</summary>
    public static string EntryUnkeyed(long seq) => $"第{seq}条记录没有审计密钥的认证，却在密钥认证开始之后：该记录被伪造或改写";

    /// <summary>An unkeyed entry's SHA-256 does not match its content.</summary>
    public static string EntryChanged(long seq) => $"第{seq}条记录写入后被改动（哈希值不符）";

    /// <summary>A keyed entry's authentication code does not match its content.</summary>
    public static string EntryMacChanged(long seq) => $"第{seq}条记录写入后被改动或重新计算过哈希值（消息认证码不符）";

    /// <summary>The key ring records no origin though the chain has keyed entries.</summary>
    public const string OriginMissing = "密钥库中没有审计链起点的记载：密钥文件不完整或被替换";

    /// <summary>The entries before the first keyed one are not those the ring recorded.</summary>
    public static string OriginMismatch(long recorded, long found) => $"密钥认证开始之前应有{recorded}条旧记录，现有{found}条或其哈希值不同：旧记录被增删或改写";

    /// <summary>Fewer unkeyed entries than the ring recorded, and no keyed ones.</summary>
    public static string OriginShort(long recorded, long found) => $"密钥认证开始之前应有{recorded}条旧记录，现有{found}条：旧记录被删除";

    /// <summary>An entry names a key that is not in the ring.</summary>
    public static string KeyUnknown(long seq, string keyId) => $"第{seq}条记录所用的审计密钥 {keyId} 不在密钥库中：该记录被伪造，或密钥文件缺失";

    /// <summary>The key changed without a rotation entry.</summary>
    public static string KeySwitched(long seq, string keyId, string expected) => $"第{seq}条记录换用了审计密钥 {keyId}，但此前没有轮换记录（应为 {expected}）";

    /// <summary>The chain is empty but a signed checkpoint says it held entries.</summary>
    public static string ChainEmptied(DateTimeOffset at, long entries, long seq) => $"审计链是空的，但{Time(at)}签名的检查点记载了{entries}条记录（到第{seq}条）：审计记录被全部删除";

    /// <summary>The chain ends before the latest signed checkpoint.</summary>
    public static string TailDropped(long lastSeq, long n, DateTimeOffset at, long seq, long entries) =>
        $"审计链只到第{lastSeq}条（共{n}条），但{Time(at)}签名的检查点记载到第{seq}条（共{entries}条）：最新的{Math.Max(1, entries - n)}条记录被删除";
}
