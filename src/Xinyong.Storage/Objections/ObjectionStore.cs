using System.Data.Common;
using Dapper;
using Xinyong.Objections;
using Xinyong.Storage.Cases;

namespace Xinyong.Storage.Objections;

/// <summary>An objection's row as inserted (the desk in the application layer decides what goes in).</summary>
public sealed record ObjectionInsert(
    long CaseId, long SubjectId, string TargetKind, long TargetId, string Ground, string Reason, string ApplicantName, string ApplicantContact,
    string Channel, string FiledBy, string ReceivedBy, string CompetentUnit, ObjectionStatus Status, DateTimeOffset ReceivedAt, DateOnly ReceivedOn);

/// <summary>
/// The objections (the detail rows of the case kind <c>objection</c>, linked to their case by <c>case_id</c>; an
/// objection's id is its case id) and their assistance requests (persistence only): every write takes the caller's connection and
/// transaction, so an objection's step commits with its deadlines, history, notices and effects, or not at all.
/// </summary>
public sealed class ObjectionStore(Database db)
{
    /// <summary>The open objection against a record or list entry, if any.</summary>
    public long? OpenAgainst(string targetKind, long targetId)
    {
        using var c = db.Open();
        return OpenAgainst(c, null, targetKind, targetId);
    }

    /// <summary>The case id of the open objection against a record or list entry, or null (in the caller's transaction).</summary>
    public long? OpenAgainst(DbConnection c, DbTransaction? tx, string targetKind, long targetId) =>
        c.QueryFirstOrDefault<long?>($"SELECT case_id FROM objections WHERE {TargetColumn(targetKind)} = @targetId AND status = 'open' ORDER BY id LIMIT 1", new { targetId }, tx);

    /// <summary>
    /// Inserts the detail row of an objection case; false when an open objection against the same record or list entry
    /// was stored first (the partial unique indexes <c>objections_one_open_record</c> and <c>_entry</c>; on PostgreSQL
    /// the transaction is then aborted and must not go on).
    /// </summary>
    public bool Insert(DbConnection c, DbTransaction tx, ObjectionInsert n)
    {
        try
        {
            InsertRow(c, tx, n);
            return true;
        }
        catch (DbException e) when (n.Status == ObjectionStatus.Open && UniqueIndexes.Refused(e))
        {
            return false;
        }
    }

    private static void InsertRow(DbConnection c, DbTransaction tx, ObjectionInsert n) => c.Execute(
        """
        INSERT INTO objections (case_id, subject_id, target_kind, record_id, list_entry_id, ground, reason, applicant_name, applicant_contact, channel, filed_by,
          received_by, competent_unit, status, received_at, received_on)
        VALUES (@CaseId, @SubjectId, @TargetKind, @recordId, @entryId, @Ground, @Reason, @ApplicantName, @ApplicantContact, @Channel, @FiledBy, @ReceivedBy, @CompetentUnit, @Status, @ReceivedAt, @ReceivedOn)
        """,
        new
        {
            n.CaseId, n.SubjectId, n.TargetKind, recordId = n.TargetKind == ObjectionTargets.Record ? n.TargetId : (long?)null,
            entryId = n.TargetKind == ObjectionTargets.ListEntry ? n.TargetId : (long?)null, n.Ground, n.Reason, n.ApplicantName, n.ApplicantContact,
            n.Channel, n.FiledBy, n.ReceivedBy, n.CompetentUnit, n.Status, n.ReceivedAt, n.ReceivedOn,
        }, tx);

    /// <summary>
    /// Records the decision of an open objection. Returns false when it is no longer open (decided by someone else in the
    /// meantime): the caller's transaction must then not go on.
    /// </summary>
    public bool Decide(DbConnection c, DbTransaction tx, long id, ObjectionStatus outcome, DateTimeOffset at, string by, string? action, string reasons, int? recordVersion) =>
        c.Execute(
            "UPDATE objections SET status = @outcome, decided_at = @at, decided_by = @by, decision_action = @action, decision_reasons = @reasons, record_version = @recordVersion WHERE case_id = @id AND status = 'open'",
            new { id, outcome, at, by, action, reasons, recordVersion }, tx) == 1;

    /// <summary>Whether a unit was asked about an objection and has not answered yet.</summary>
    public bool AwaitsAnswer(DbConnection c, DbTransaction tx, long id, string unit) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM objection_assistance a JOIN objections o ON o.id = a.objection_id WHERE o.case_id = @id AND a.unit = @unit AND a.answered_at IS NULL", new { id, unit }, tx) > 0;

    /// <summary>Adds a request for assistance; returns its id.</summary>
    public long AddAssistance(DbConnection c, DbTransaction tx, long id, string unit, string question, DateTimeOffset at, string by) => c.ExecuteScalar<long>(
        "INSERT INTO objection_assistance (objection_id, unit, question, requested_at, requested_by) VALUES ((SELECT o.id FROM objections o WHERE o.case_id = @id), @unit, @question, @at, @by) RETURNING id",
        new { id, unit, question, at, by }, tx);

    /// <summary>Records an answer; false when the request was answered already.</summary>
    public bool Answer(DbConnection c, DbTransaction tx, long assistanceId, string answer, DateTimeOffset at, string by) => c.Execute(
        "UPDATE objection_assistance SET answered_at = @at, answered_by = @by, answer = @answer WHERE id = @assistanceId AND answered_at IS NULL",
        new { assistanceId, at, by, answer }, tx) == 1;

    /// <summary>One objection, or null.</summary>
    public ObjectionRow? Get(long id)
    {
        using var c = db.Open();
        return Get(c, null, id);
    }

    /// <summary>One objection inside the caller's transaction, or null.</summary>
    public ObjectionRow? Get(DbConnection c, DbTransaction? tx, long id) =>
        c.QueryFirstOrDefault<ObjectionRow>($"SELECT {ObjectionRow.Columns} FROM objections o WHERE o.case_id = @id", new { id }, tx);

    /// <summary>The objections of a subject, newest first.</summary>
    public IReadOnlyList<ObjectionRow> OfSubject(long subjectId)
    {
        using var c = db.Open();
        return c.Query<ObjectionRow>($"SELECT {ObjectionRow.Columns} FROM objections o WHERE o.subject_id = @subjectId ORDER BY o.received_at DESC, o.case_id DESC", new { subjectId }).ToList();
    }

    /// <summary>The objections a unit handles (all units when null), open first, newest first.</summary>
    public IReadOnlyList<ObjectionRow> OfUnit(string? unit, int limit)
    {
        using var c = db.Open();
        return c.Query<ObjectionRow>(
            $"SELECT {ObjectionRow.Columns} FROM objections o {(unit is null ? "" : "WHERE o.competent_unit = @unit")} ORDER BY CASE WHEN o.status = 'open' THEN 0 ELSE 1 END, o.received_at DESC, o.case_id DESC LIMIT @limit",
            new { unit, limit }).ToList();
    }

    /// <summary>The open objections against one record or list entry.</summary>
    public IReadOnlyList<ObjectionRow> AllOpenAgainst(string targetKind, long targetId)
    {
        using var c = db.Open();
        return c.Query<ObjectionRow>($"SELECT {ObjectionRow.Columns} FROM objections o WHERE o.{TargetColumn(targetKind)} = @targetId AND o.status = 'open'", new { targetId }).ToList();
    }

    /// <summary>The assistance requests of an objection.</summary>
    public IReadOnlyList<AssistanceRow> Assistance(long id)
    {
        using var c = db.Open();
        return Assistance(c, null, id);
    }

    /// <summary>The assistance requests of an objection inside the caller's transaction.</summary>
    public IReadOnlyList<AssistanceRow> Assistance(DbConnection c, DbTransaction? tx, long id) =>
        c.Query<AssistanceRow>($"SELECT {AssistanceRow.Columns} FROM objection_assistance a JOIN objections ob ON ob.id = a.objection_id WHERE ob.case_id = @id ORDER BY a.id", new { id }, tx).ToList();

    /// <summary>The assistance requests addressed to a unit, unanswered first.</summary>
    public IReadOnlyList<AssistanceRow> AssistanceFor(string unit, int limit)
    {
        using var c = db.Open();
        return c.Query<AssistanceRow>(
            $"SELECT {AssistanceRow.Columns} FROM objection_assistance a WHERE a.unit = @unit ORDER BY CASE WHEN a.answered_at IS NULL THEN 0 ELSE 1 END, a.requested_at DESC LIMIT @limit",
            new { unit, limit }).ToList();
    }

    private static string TargetColumn(string kind) => kind == ObjectionTargets.Record ? "record_id" : "list_entry_id";
}
