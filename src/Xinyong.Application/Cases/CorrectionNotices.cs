using System.Data.Common;
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

/// <summary>
/// Corrections passed on to every system that holds a copy of a record (Art. 39: 已共享到其他系统、网站的信用信息，有关
/// 单位应当自收到更正信息之日起三个工作日内进行处理). A holder is a department that read the subject's information through
/// the sharing API after the record was collected (the access log says so) and may read the record's item, or a
/// connected system an operator registered as holding copies of the items its account reads. Each holder's
/// acknowledgement is tracked against its 3-working-day deadline.
/// </summary>
public sealed class CorrectionNotices(Database db, CorrectionNoticeStore store, AccountStore accounts, DeadlineStore deadlines, CaseLog log, Outbox outbox, AuditChain audit, TimeProvider clock)
{
    /// <summary>Registers a department account as a connected system holding copies of the items it reads.</summary>
    /// <exception cref="Refusal">The account is not a department.</exception>
    public void RegisterHolder(string account, string by)
    {
        var a = accounts.Get(account);
        if (a is null || a.Kind != AccountKinds.Department)
            throw Refusal.NotFound("correction.not-found", $"没有代码为{account}的部门账户");
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (store.AddHolder(c, tx, account, clock.GetUtcNow(), by))
            audit.Append(c, tx, by, "copy-holder.register", $"account:{account}", string.Join(",", a.Items.Order()));
        tx.Commit();
    }

    /// <summary>The holders of a copy of a record, by account code.</summary>
    public IReadOnlyList<string> HoldersOf(DbConnection c, DbTransaction tx, StoredRecord r) => store.HoldersOf(c, tx, r);

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
            var id = store.Insert(c, tx, r, caseKind, caseId, holder, change, now);
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
        var n = store.Get(c, tx, id)
                ?? throw Refusal.NotFound("correction.not-found", $"没有编号为{id}的更正通知");
        if (n.Holder != holder.Code) throw Refusal.Forbidden("correction.forbidden", "只有收到该更正通知的单位可以确认");
        if (n.AcknowledgedAt is not null || !store.Acknowledge(c, tx, id, holder.Code, note, now))
            throw Refusal.Conflict("correction.conflict", "该更正通知已确认");
        var step = deadlines.OfCase(c, tx, n.CaseKind, n.CaseId).FirstOrDefault(d => d.RefId == id && d.Code == DeadlineCodes.Propagation);
        if (step is not null) deadlines.Complete(c, tx, step, now);
        log.Append(c, tx, n.CaseKind, n.CaseId, Actor.Of(holder), "correction-acknowledged", $"记录{n.RecordId}第{n.RecordVersion}版{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note)}", now);
        tx.Commit();
        return n with { AcknowledgedAt = now, AcknowledgedBy = holder.Code, Note = note };
    }

    /// <summary>The notices of a holder, unacknowledged first, newest first.</summary>
    public IReadOnlyList<CorrectionNotice> OfHolder(string holder, int limit = 500) => store.OfHolder(holder, limit);

    /// <summary>The notices a case sent.</summary>
    public IReadOnlyList<CorrectionNotice> OfCase(string caseKind, long caseId) => store.OfCase(caseKind, caseId);
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
