using System.Data.Common;
using Dapper;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Cases;

/// <summary>A correction sent to a holder of a shared copy of a record.</summary>
public sealed record CorrectionNotice
{
    public long Id { get; init; }
    public long RecordId { get; init; }
    public int RecordVersion { get; init; }
    public string CaseKind { get; init; } = "";
    public long CaseId { get; init; }
    public string Holder { get; init; } = "";
    /// <summary>What changed: <see cref="RecordChangeKinds"/> (corrected, withheld or revoked).</summary>
    public string Change { get; init; } = "";
    public DateTimeOffset SentAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The corrections passed on to holders of shared copies (<c>correction_notices</c>) and the connected systems registered
/// as holders (<c>copy_holders</c>): persistence only, every write in the caller's transaction (the workflow is the
/// application's <c>CorrectionNotices</c>).
/// </summary>
public sealed class CorrectionNoticeStore(Database db)
{
    private const string Columns =
        "id, record_id AS RecordId, record_version AS RecordVersion, case_kind AS CaseKind, case_id AS CaseId, holder, change, sent_at AS SentAt, " +
        "acknowledged_at AS AcknowledgedAt, acknowledged_by AS AcknowledgedBy, note";

    /// <summary>Registers an account as a holder of copies unless it is one already; true when it was added.</summary>
    public bool AddHolder(DbConnection c, DbTransaction tx, string account, DateTimeOffset at, string by)
    {
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM copy_holders WHERE account = @account", new { account }, tx) > 0) return false;
        c.Execute("INSERT INTO copy_holders (account, registered_at, registered_by) VALUES (@account, @at, @by)", new { account, at, by }, tx);
        return true;
    }

    /// <summary>
    /// The holders of a copy of a record, by account code: enabled department accounts that may read the record's item and
    /// either are registered holders or read the subject's information through the sharing API after the record was first
    /// collected (the access log).
    /// </summary>
    public IReadOnlyList<string> HoldersOf(DbConnection c, DbTransaction tx, StoredRecord r) =>
        c.Query<string>(
            """
            SELECT a.code FROM accounts a
            WHERE a.kind = 'department' AND a.disabled_at IS NULL
              AND EXISTS (SELECT 1 FROM account_items i WHERE i.account = a.code AND i.item = @item)
              AND (EXISTS (SELECT 1 FROM copy_holders h WHERE h.account = a.code)
                OR EXISTS (SELECT 1 FROM access_log l WHERE l.subject_id = @subject AND l.actor_kind = 'department' AND l.actor = a.code
                  AND l.at >= COALESCE((SELECT MIN(v.received_at) FROM record_versions v WHERE v.record_id = @id), @received)))
            ORDER BY a.code
            """, new { item = r.Item, subject = r.SubjectId, id = r.Id, received = r.ReceivedAt }, tx).ToList();

    /// <summary>Stores a notice to one holder; returns its id.</summary>
    public long Insert(DbConnection c, DbTransaction tx, StoredRecord r, string caseKind, long caseId, string holder, string change, DateTimeOffset at) =>
        c.ExecuteScalar<long>(
            """
            INSERT INTO correction_notices (record_id, record_version, case_kind, case_id, holder, change, sent_at)
            VALUES (@recordId, @version, @caseKind, @caseId, @holder, @change, @at) RETURNING id
            """, new { recordId = r.Id, version = r.Version, caseKind, caseId, holder, change, at }, tx);

    /// <summary>One notice, or null.</summary>
    public CorrectionNotice? Get(DbConnection c, DbTransaction? tx, long id) =>
        c.QueryFirstOrDefault<CorrectionNotice>($"SELECT {Columns} FROM correction_notices WHERE id = @id", new { id }, tx);

    /// <summary>Records a holder's acknowledgement; false when it was acknowledged already.</summary>
    public bool Acknowledge(DbConnection c, DbTransaction tx, long id, string by, string? note, DateTimeOffset at) =>
        c.Execute("UPDATE correction_notices SET acknowledged_at = @at, acknowledged_by = @by, note = @note WHERE id = @id AND acknowledged_at IS NULL",
            new { id, at, by, note }, tx) == 1;

    /// <summary>The notices of a holder, unacknowledged first, newest first.</summary>
    public IReadOnlyList<CorrectionNotice> OfHolder(string holder, int limit)
    {
        using var c = db.Open();
        return c.Query<CorrectionNotice>(
            $"SELECT {Columns} FROM correction_notices WHERE holder = @holder ORDER BY CASE WHEN acknowledged_at IS NULL THEN 0 ELSE 1 END, sent_at DESC, id DESC LIMIT @limit",
            new { holder, limit }).ToList();
    }

    /// <summary>The notices a case sent.</summary>
    public IReadOnlyList<CorrectionNotice> OfCase(string caseKind, long caseId)
    {
        using var c = db.Open();
        return c.Query<CorrectionNotice>($"SELECT {Columns} FROM correction_notices WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id",
            new { caseKind, caseId }).ToList();
    }
}
