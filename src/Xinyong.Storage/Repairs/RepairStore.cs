using System.Data.Common;
using Dapper;
using Xinyong.Repairs;
using Xinyong.Storage.Cases;

namespace Xinyong.Storage.Repairs;

/// <summary>A stored repair application.</summary>
public sealed record RepairRow : ApplicationRow
{
    /// <summary>Submitted, accepted, not accepted, completed or refused.</summary>
    public RepairStatus Status { get; init; } = RepairStatus.Submitted;
    public long RecordId { get; init; }
    public string HandlerUnit { get; init; } = "";
    public string Statement { get; init; } = "";
    public DateTimeOffset SubmittedAt { get; init; }
    public DateOnly SubmittedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public string? AcceptedBy { get; init; }
    /// <summary>The applicant's public credit commitment, published with a completed repair.</summary>
    public string? Commitment { get; init; }
    /// <summary>The commitment case that publishes the commitment under 信用承诺公示.</summary>
    public long? CommitmentId { get; init; }

    internal const string Columns =
        "case_id AS Id, subject_id AS SubjectId, record_id AS RecordId, handler_unit AS HandlerUnit, status, statement, applicant_name AS ApplicantName, " +
        "applicant_contact AS ApplicantContact, channel, filed_by AS FiledBy, submitted_at AS SubmittedAt, submitted_on AS SubmittedOn, accepted_at AS AcceptedAt, " +
        "accepted_by AS AcceptedBy, decided_at AS DecidedAt, decided_by AS DecidedBy, decision_reasons AS DecisionReasons, commitment, commitment_id AS CommitmentId";
}

/// <summary>A piece of evidence as stored.</summary>
public sealed record EvidenceRow
{
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public long? AttachmentId { get; init; }
}

/// <summary>A repair application's row as inserted.</summary>
public sealed record RepairInsert(long CaseId, long SubjectId, long RecordId, string HandlerUnit, string Statement, string ApplicantName, string ApplicantContact,
    string Channel, string FiledBy, DateTimeOffset SubmittedAt, DateOnly SubmittedOn, string? Commitment = null);

/// <summary>
/// The repair applications (the detail rows of the case kind <c>repair</c>, linked to their case by <c>case_id</c>; an
/// application's id is its case id) and their evidence (persistence only): every write takes the caller's connection and
/// transaction; a state change names the state it leaves, so two staff members cannot both take the same step.
/// </summary>
public sealed class RepairStore(Database db)
{
    /// <summary>The pending (submitted or accepted) application for a record, if any.</summary>
    public long? PendingFor(DbConnection c, DbTransaction tx, long recordId) =>
        c.QueryFirstOrDefault<long?>("SELECT case_id FROM repairs WHERE record_id = @recordId AND status IN ('submitted', 'accepted') LIMIT 1", new { recordId }, tx);

    /// <summary>
    /// Inserts the detail row of a repair case in the state <c>submitted</c>; false when a pending application for the
    /// same record was stored first (the partial unique index <c>repairs_one_pending</c>; on PostgreSQL the transaction
    /// is then aborted and must not go on).
    /// </summary>
    public bool Insert(DbConnection c, DbTransaction tx, RepairInsert n)
    {
        try
        {
            InsertRow(c, tx, n);
            return true;
        }
        catch (DbException e) when (UniqueIndexes.Refused(e))
        {
            return false;
        }
    }

    private static void InsertRow(DbConnection c, DbTransaction tx, RepairInsert n) => c.Execute(
        """
        INSERT INTO repairs (case_id, subject_id, record_id, handler_unit, status, statement, applicant_name, applicant_contact, channel, filed_by, submitted_at, submitted_on, commitment)
        VALUES (@CaseId, @SubjectId, @RecordId, @HandlerUnit, 'submitted', @Statement, @ApplicantName, @ApplicantContact, @Channel, @FiledBy, @SubmittedAt, @SubmittedOn, @Commitment)
        """, n, tx);

    /// <summary>Links an application to the commitment case that publishes its commitment.</summary>
    public void LinkCommitment(DbConnection c, DbTransaction tx, long id, long commitmentId) =>
        c.Execute("UPDATE repairs SET commitment_id = @commitmentId WHERE case_id = @id", new { id, commitmentId }, tx);

    /// <summary>The application whose commitment a commitment case publishes, or null.</summary>
    public long? ByCommitment(long commitmentId)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<long?>("SELECT case_id FROM repairs WHERE commitment_id = @commitmentId", new { commitmentId });
    }

    /// <summary>Adds a piece of evidence.</summary>
    public void AddEvidence(DbConnection c, DbTransaction tx, long id, string kind, string description, long? attachmentId) =>
        c.Execute("INSERT INTO repair_evidence (repair_id, kind, description, attachment_id) VALUES ((SELECT r.id FROM repairs r WHERE r.case_id = @id), @kind, @description, @attachmentId)",
            new { id, kind, description, attachmentId }, tx);

    /// <summary>Records acceptance or non-acceptance of a submitted application; false when it is no longer submitted.</summary>
    public bool Accept(DbConnection c, DbTransaction tx, long id, RepairStatus status, DateTimeOffset at, string by, string? reasons) => c.Execute(
        "UPDATE repairs SET status = @status, accepted_at = @at, accepted_by = @by, decision_reasons = @reasons WHERE case_id = @id AND status = 'submitted'",
        new { id, status, at, by, reasons }, tx) == 1;

    /// <summary>Records the decision on an accepted application; false when it is no longer accepted.</summary>
    public bool Decide(DbConnection c, DbTransaction tx, long id, RepairStatus status, DateTimeOffset at, string by, string? reasons) => c.Execute(
        "UPDATE repairs SET status = @status, decided_at = @at, decided_by = @by, decision_reasons = @reasons WHERE case_id = @id AND status = 'accepted'",
        new { id, status, at, by, reasons }, tx) == 1;

    /// <summary>One application, or null.</summary>
    public RepairRow? Get(long id)
    {
        using var c = db.Open();
        return Get(c, null, id);
    }

    /// <summary>One application inside the caller's transaction, or null.</summary>
    public RepairRow? Get(DbConnection c, DbTransaction? tx, long id) =>
        c.QueryFirstOrDefault<RepairRow>($"SELECT {RepairRow.Columns} FROM repairs WHERE case_id = @id", new { id }, tx);

    /// <summary>The evidence of an application.</summary>
    public IReadOnlyList<EvidenceRow> Evidence(long id)
    {
        using var c = db.Open();
        return c.Query<EvidenceRow>("SELECT e.kind, e.description, e.attachment_id AS AttachmentId FROM repair_evidence e JOIN repairs r ON r.id = e.repair_id WHERE r.case_id = @id ORDER BY e.kind", new { id }).ToList();
    }

    /// <summary>The applications of a subject, newest first.</summary>
    public IReadOnlyList<RepairRow> OfSubject(long subjectId)
    {
        using var c = db.Open();
        return c.Query<RepairRow>($"SELECT {RepairRow.Columns} FROM repairs WHERE subject_id = @subjectId ORDER BY submitted_at DESC, case_id DESC", new { subjectId }).ToList();
    }

    /// <summary>The applications a unit handles (all when null), pending first, newest first.</summary>
    public IReadOnlyList<RepairRow> OfUnit(string? unit, int limit)
    {
        using var c = db.Open();
        return c.Query<RepairRow>(
            $"SELECT {RepairRow.Columns} FROM repairs {(unit is null ? "" : "WHERE handler_unit = @unit")} ORDER BY CASE WHEN status IN ('submitted', 'accepted') THEN 0 ELSE 1 END, submitted_at DESC, case_id DESC LIMIT @limit",
            new { unit, limit }).ToList();
    }
}
