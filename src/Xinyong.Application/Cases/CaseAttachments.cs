using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Xinyong.Cases;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>A file given with an application (a scan of the paper application, evidence of correction).</summary>
/// <param name="FileName">Its name as uploaded.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
public sealed record NewAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A stored attachment, without its content.</summary>
public sealed record AttachmentInfo
{
    public long Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }
    public string UploadedBy { get; init; } = "";
}

/// <summary>The files of objections and repairs, kept in the store (base64 text, alike on both stores).</summary>
public sealed class CaseAttachments(Database db)
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
        c.ExecuteScalar<long>(
            """
            INSERT INTO case_attachments (case_kind, case_id, file_name, content_type, size_bytes, sha256, content, uploaded_at, uploaded_by)
            VALUES (@caseKind, @caseId, @name, @type, @size, @sha, @content, @at, @by) RETURNING id
            """,
            new
            {
                caseKind, caseId, name = Path.GetFileName(f.FileName.Trim()), type = string.IsNullOrWhiteSpace(f.ContentType) ? "application/octet-stream" : f.ContentType,
                size = f.Content.Length, sha = Convert.ToHexStringLower(SHA256.HashData(f.Content)), content = Convert.ToBase64String(f.Content), at, by,
            }, tx);

    /// <summary>The files of a case.</summary>
    public IReadOnlyList<AttachmentInfo> Of(string caseKind, long caseId)
    {
        using var c = db.Open();
        return c.Query<AttachmentInfo>(
            "SELECT id, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, sha256, uploaded_at AS UploadedAt, uploaded_by AS UploadedBy FROM case_attachments WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id",
            new { caseKind, caseId }).ToList();
    }

    /// <summary>One file of a case with its content, or null.</summary>
    public (AttachmentInfo Info, byte[] Content)? Get(string caseKind, long caseId, long id)
    {
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<Row>(
            "SELECT id, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, sha256, content, uploaded_at AS UploadedAt, uploaded_by AS UploadedBy FROM case_attachments WHERE case_kind = @caseKind AND case_id = @caseId AND id = @id",
            new { caseKind, caseId, id });
        if (row is null) return null;
        return (new AttachmentInfo { Id = row.Id, FileName = row.FileName, ContentType = row.ContentType, SizeBytes = row.SizeBytes, Sha256 = row.Sha256, UploadedAt = row.UploadedAt, UploadedBy = row.UploadedBy },
            Convert.FromBase64String(row.Content));
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long SizeBytes { get; init; }
        public string Sha256 { get; init; } = "";
        public string Content { get; init; } = "";
        public DateTimeOffset UploadedAt { get; init; }
        public string UploadedBy { get; init; } = "";
    }
}
