using System.Data.Common;
using Xinyong.Cases;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>A file given with an application (a scan of the paper application, evidence of correction).</summary>
/// <param name="FileName">Its name as uploaded.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
public sealed record NewAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The files of cases: what an application may carry; the store (<see cref="CaseAttachmentStore"/>) keeps them.</summary>
public sealed class CaseAttachments(CaseAttachmentStore store)
{
    /// <summary>The largest file accepted.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The most files one application carries.</summary>
    public const int MaxCount = 10;

    /// <summary>Refuses empty, oversized or too many files, naming the field and the reason.</summary>
    public static void Validate(IReadOnlyCollection<NewAttachment> files)
    {
        if (files.Count > MaxCount)
            throw Refusal.Invalid("case.invalid-attachments", $"每份申请最多{MaxCount}个附件");
        foreach (var f in files)
        {
            if (string.IsNullOrWhiteSpace(f.FileName) || f.FileName.Length > 200)
                throw Refusal.Invalid("case.invalid-attachments", "附件须有文件名（不超过200个字符）");
            if (f.Content.Length == 0)
                throw Refusal.Invalid("case.invalid-attachments", $"附件“{f.FileName}”为空");
            if (f.Content.Length > MaxBytes)
                throw Refusal.Invalid("case.invalid-attachments", $"附件“{f.FileName}”超过5MB");
        }
    }

    /// <summary>Stores a file of a case inside the caller's transaction; returns its id.</summary>
    public long Add(DbConnection c, DbTransaction tx, string caseKind, long caseId, NewAttachment f, string by, DateTimeOffset at) =>
        store.Add(c, tx, caseKind, caseId, Path.GetFileName(f.FileName.Trim()), string.IsNullOrWhiteSpace(f.ContentType) ? "application/octet-stream" : f.ContentType,
            f.Content, by, at);

    /// <summary>The files of a case.</summary>
    public IReadOnlyList<AttachmentInfo> Of(string caseKind, long caseId) => store.Of(caseKind, caseId);

    /// <summary>One file of a case with its content, or null.</summary>
    public (AttachmentInfo Info, byte[] Content)? Get(string caseKind, long caseId, long id) => store.Get(caseKind, caseId, id);
}
