using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Xinyong.Storage.Cases;

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

/// <summary>
/// The files of cases (<c>case_attachments</c>, keyed by case kind and id), kept in the store as base64 text, alike on
/// both stores (persistence only: what a case may carry is the application's <c>CaseAttachments</c>).
/// </summary>
public sealed class CaseAttachmentStore(Database db)
{
    private const string Columns =
        "id, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, sha256, uploaded_at AS UploadedAt, uploaded_by AS UploadedBy";

    /// <summary>Stores a file of a case inside the caller's transaction (its SHA-256 computed here); returns its id.</summary>
    public long Add(DbConnection c, DbTransaction tx, string caseKind, long caseId, string fileName, string contentType, byte[] content, string by, DateTimeOffset at) =>
        c.ExecuteScalar<long>(
            """
            INSERT INTO case_attachments (case_kind, case_id, file_name, content_type, size_bytes, sha256, content, uploaded_at, uploaded_by)
            VALUES (@caseKind, @caseId, @fileName, @contentType, @size, @sha, @content, @at, @by) RETURNING id
            """,
            new
            {
                caseKind, caseId, fileName, contentType, size = content.Length, sha = Convert.ToHexStringLower(SHA256.HashData(content)),
                content = Convert.ToBase64String(content), at, by,
            }, tx);

    /// <summary>The files of a case, oldest first.</summary>
    public IReadOnlyList<AttachmentInfo> Of(string caseKind, long caseId)
    {
        using var c = db.Open();
        return c.Query<AttachmentInfo>($"SELECT {Columns} FROM case_attachments WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id",
            new { caseKind, caseId }).ToList();
    }

    /// <summary>One file of a case with its content, or null.</summary>
    public (AttachmentInfo Info, byte[] Content)? Get(string caseKind, long caseId, long id)
    {
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<Row>($"SELECT {Columns}, content FROM case_attachments WHERE case_kind = @caseKind AND case_id = @caseId AND id = @id",
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
