using System.Data.Common;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

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
/// Corrections passed on to every system that holds a copy of a record (Art. 39: 已共享到其他系统、网站的信用信息，有关
/// 单位应当自收到更正信息之日起三个工作日内进行处理). A holder is a department that read the subject's information through
/// the sharing API after the record was collected (the access log says so) and may read the record's item, or a
/// connected system an operator registered as holding copies of the items its account reads. Each holder's
/// acknowledgement is tracked against its 3-working-day deadline.
/// </summary>
public sealed class CorrectionNotices(Database db, AccountStore accounts, DeadlineStore deadlines, CaseLog log, Outbox outbox, AuditChain audit, TimeProvider clock)
{
    private const string Columns =
        "id, record_id AS RecordId, record_version AS RecordVersion, case_kind AS CaseKind, case_id AS CaseId, holder, change, sent_at AS SentAt, " +
        "acknowledged_at AS AcknowledgedAt, acknowledged_by AS AcknowledgedBy, note";

    /// <summary>Registers a department account as a connected system holding copies of the items it reads.</summary>
    /// <exception cref="Refusal">The account is not a department.</exception>
    public void RegisterHolder(string account, string by)
    {
        var a = accounts.Get(account);
        if (a is null || a.Kind != AccountKinds.Department)
            throw Refusal.NotFound("correction.not-found", $"没有代码为{account}的部门账户");
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM copy_holders WHERE account = @account", new { account }, tx) == 0)
        {
            c.Execute("INSERT INTO copy_holders (account, registered_at, registered_by) VALUES (@account, @at, @by)", new { account, at = clock.GetUtcNow(), by }, tx);
            audit.Append(c, tx, by, "copy-holder.register", $"account:{account}", string.Join(",", a.Items.Order()));
        }
        tx.Commit();
    }

    /// <summary>The holders of a copy of a record, by account code.</summary>
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

    /// <summary>
    /// Sends the change of a record to each of its holders inside the caller's transaction: a notice, a 3-working-day
    /// deadline for the holder and a message. Returns the holders notified.
    /// </summary>
    public IReadOnlyList<string> Send(DbConnection c, DbTransaction tx, StoredRecord r, string change, string caseKind, long caseId, Actor actor)
    {
        var now = clock.GetUtcNow();
        var holders = HoldersOf(c, tx, r);
        foreach (var holder in holders)
        {
            var id = c.ExecuteScalar<long>(
                """
                INSERT INTO correction_notices (record_id, record_version, case_kind, case_id, holder, change, sent_at)
                VALUES (@recordId, @version, @caseKind, @caseId, @holder, @change, @now) RETURNING id
                """, new { recordId = r.Id, version = r.Version, caseKind, caseId, holder, change, now }, tx);
            var due = deadlines.Calculator.Compute(DeadlineCodes.Propagation, ChinaTime.DateOf(now), holder);
            deadlines.Open(c, tx, caseKind, caseId, id, holder, due);
            outbox.Send(c, tx, new Mailbox(Recipients.Unit, holder), caseKind, caseId,
                change switch { RecordChangeKinds.Corrected => "信用信息更正通知", RecordChangeKinds.Revoked => "信用信息撤销通知", _ => "信用信息停止公示通知" },
                $"贵单位共享获取的信用信息（记录{r.Id}）已{change switch { RecordChangeKinds.Corrected => $"更正为第{r.Version}版", RecordChangeKinds.Revoked => "因认定依据被撤销、确认违法或者无效而撤销", _ => "停止公示" }}，" +
                $"请于{due.Due:yyyy年M月d日}前处理并确认（{due.Basis}）。");
        }
        if (holders.Count > 0)
            log.Append(c, tx, caseKind, caseId, actor, "correction-sent", $"记录{r.Id}：已推送至{holders.Count}个共享系统（{string.Join("、", holders)}）", now);
        return holders;
    }

    /// <summary>A holder acknowledges that it applied a correction.</summary>
    /// <exception cref="Refusal">404 unknown, 403 not this holder's, 409 already acknowledged.</exception>
    public CorrectionNotice Acknowledge(long id, Account holder, string? note)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.QueryFirstOrDefault<CorrectionNotice>($"SELECT {Columns} FROM correction_notices WHERE id = @id", new { id }, tx)
                ?? throw Refusal.NotFound("correction.not-found", $"没有编号为{id}的更正通知");
        if (n.Holder != holder.Code) throw Refusal.Forbidden("correction.forbidden", "只有收到该更正通知的单位可以确认");
        if (n.AcknowledgedAt is not null) throw Refusal.Conflict("correction.conflict", "该更正通知已确认");
        c.Execute("UPDATE correction_notices SET acknowledged_at = @now, acknowledged_by = @by, note = @note WHERE id = @id", new { id, now, by = holder.Code, note }, tx);
        var step = deadlines.OfCase(c, tx, n.CaseKind, n.CaseId).FirstOrDefault(d => d.RefId == id && d.Code == DeadlineCodes.Propagation);
        if (step is not null) deadlines.Complete(c, tx, step, now);
        log.Append(c, tx, n.CaseKind, n.CaseId, Actor.Of(holder), "correction-acknowledged", $"记录{n.RecordId}第{n.RecordVersion}版{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note)}", now);
        tx.Commit();
        return n with { AcknowledgedAt = now, AcknowledgedBy = holder.Code, Note = note };
    }

    /// <summary>The notices of a holder, unacknowledged first, newest first.</summary>
    public IReadOnlyList<CorrectionNotice> OfHolder(string holder, int limit = 500)
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
        return c.Query<CorrectionNotice>($"SELECT {Columns} FROM correction_notices WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id", new { caseKind, caseId }).ToList();
    }
}

/// <summary>
/// Passes a provider's correction or revocation (Art. 38) on to every holder of a shared copy, as an upheld objection's
/// correction is (Art. 39 (3)): a notice with its 3-working-day deadline under the case <see cref="CaseKinds.Record"/>
/// (the record itself), on the holder's worklist until it acknowledges.
/// </summary>
public sealed class ProviderCorrections(CorrectionNotices notices) : IRecordChangeListener
{
    /// <inheritdoc />
    public void Changed(DbConnection c, DbTransaction tx, StoredRecord record, string change, Account provider) =>
        notices.Send(c, tx, record, change, CaseKinds.Record, record.Id, Actor.Of(provider));
}
