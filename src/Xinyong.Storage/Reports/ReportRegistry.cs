using System.Text.Json;
using Dapper;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Reports;

/// <summary>The two versions of a credit report.</summary>
public static class ReportVersions
{
    /// <summary>公开版: what the public sees of the subject, personal information masked; free and unlimited.</summary>
    public const string Public = "public";

    /// <summary>完整版: the subject's own report (self-query, Art. 24), every record with its publication status, unmasked.</summary>
    public const string Full = "full";
}

/// <summary>How many entries one section of an issued report holds.</summary>
/// <param name="Title">The section title, e.g. 行政处罚信息.</param>
/// <param name="Entries">The number of entries printed in it (0 = the section reads 无).</param>
public sealed record SectionCount(string Title, int Entries);

/// <summary>One issued credit report as the register keeps it: what it certifies, and the fingerprint of its bytes.</summary>
/// <param name="ReportNo">The report number (报告编号).</param>
/// <param name="SubjectId">The subject's internal id.</param>
/// <param name="SubjectRef">The subject's public reference (USCC, or P + 16 hex for a natural person).</param>
/// <param name="SubjectKind">The subject's kind code (legal-person, natural-person …).</param>
/// <param name="SubjectName">The subject's name as printed on the report (masked in a natural person's public version).</param>
/// <param name="SubjectCode">The code as printed: the USCC, or the masked identity number.</param>
/// <param name="Version"><see cref="ReportVersions.Public"/> or <see cref="ReportVersions.Full"/>.</param>
/// <param name="AsOf">The moment whose information the report reflects.</param>
/// <param name="Sha256">The SHA-256 of the signed file, 64 lower-case hex digits.</param>
/// <param name="KeyId">The fingerprint of the key that signed it.</param>
/// <param name="Sections">The sections printed, in order, with their entry counts.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="IssuedTo">Who asked for it: <c>public</c>, <c>subject:&lt;ref&gt;</c> or <c>operator</c>.</param>
/// <param name="Channel">How: <c>web</c>, <c>self</c> or <c>cli</c>.</param>
public sealed record IssuedReport(
    string ReportNo, long SubjectId, string SubjectRef, string SubjectKind, string SubjectName, string SubjectCode, string Version,
    DateTimeOffset AsOf, string Sha256, string KeyId, IReadOnlyList<SectionCount> Sections, DateTimeOffset IssuedAt, string IssuedTo, string Channel);

/// <summary>
/// The register of issued credit reports: every report is recorded with its number, subject, version,
/// as-of moment and the SHA-256 of its signed bytes, so that a report can be looked up by number (its QR code) or by
/// its bytes (an uploaded file). The PDF is not stored. Every entry also enters the audit chain, so that a report
/// slipped into the register afterwards shows as a break in the chain.
/// </summary>
public sealed class ReportRegistry(Database db, AuditChain audit)
{
    private const string Columns =
        "i.report_no AS ReportNo, i.subject_id AS SubjectId, s.ref AS SubjectRef, s.kind AS SubjectKind, i.subject_name AS SubjectName, " +
        "i.subject_code AS SubjectCode, i.version, i.as_of AS AsOf, i.sha256, i.key_id AS KeyId, i.contents, i.issued_at AS IssuedAt, " +
        "i.issued_to AS IssuedTo, i.channel";

    /// <summary>Records an issued report, and its audit entry, in one transaction.</summary>
    public void Record(IssuedReport r)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute(
            """
            INSERT INTO issued_reports (report_no, subject_id, subject_name, subject_code, version, as_of, sha256, key_id, contents, issued_at, issued_to, channel)
            VALUES (@ReportNo, @SubjectId, @SubjectName, @SubjectCode, @Version, @AsOf, @Sha256, @KeyId, @contents, @IssuedAt, @IssuedTo, @Channel)
            """,
            new
            {
                r.ReportNo, r.SubjectId, r.SubjectName, r.SubjectCode, r.Version, r.AsOf, r.Sha256, r.KeyId,
                contents = JsonSerializer.Serialize(r.Sections, JsonOptions), r.IssuedAt, r.IssuedTo, r.Channel,
            }, tx);
        audit.Append(c, tx, r.IssuedTo, "report.issue", $"report:{r.ReportNo}", $"subject:{r.SubjectRef} {r.Version} sha256:{r.Sha256}");
        tx.Commit();
    }

    /// <summary>The report with this number, or null.</summary>
    public IssuedReport? Get(string reportNo)
    {
        using var c = db.Open();
        return Map(c.QueryFirstOrDefault<Row>($"SELECT {Columns} FROM issued_reports i JOIN subjects s ON s.id = i.subject_id WHERE i.report_no = @reportNo", new { reportNo }));
    }

    /// <summary>The report whose signed file has this SHA-256 (64 lower-case hex digits), or null.</summary>
    public IssuedReport? FindBySha256(string sha256)
    {
        using var c = db.Open();
        return Map(c.QueryFirstOrDefault<Row>($"SELECT {Columns} FROM issued_reports i JOIN subjects s ON s.id = i.subject_id WHERE i.sha256 = @sha256", new { sha256 }));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static IssuedReport? Map(Row? r) => r is null ? null : new IssuedReport(
        r.ReportNo, r.SubjectId, r.SubjectRef, r.SubjectKind, r.SubjectName, r.SubjectCode, r.Version, r.AsOf, r.Sha256, r.KeyId,
        JsonSerializer.Deserialize<List<SectionCount>>(r.Contents, JsonOptions) ?? [], r.IssuedAt, r.IssuedTo, r.Channel);

    private sealed record Row
    {
        public string ReportNo { get; init; } = "";
        public long SubjectId { get; init; }
        public string SubjectRef { get; init; } = "";
        public string SubjectKind { get; init; } = "";
        public string SubjectName { get; init; } = "";
        public string SubjectCode { get; init; } = "";
        public string Version { get; init; } = "";
        public DateTimeOffset AsOf { get; init; }
        public string Sha256 { get; init; } = "";
        public string KeyId { get; init; } = "";
        public string Contents { get; init; } = "[]";
        public DateTimeOffset IssuedAt { get; init; }
        public string IssuedTo { get; init; } = "";
        public string Channel { get; init; } = "";
    }
}
