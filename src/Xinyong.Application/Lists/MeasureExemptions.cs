using Xinyong.Application.Collection;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Measures;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;

using Xinyong.Storage;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Lists;

/// <summary>
/// Art. 30 (2): for a minor, occasional dishonest act that was corrected or remedied in time without harmful social
/// consequences, no constraint or punishment measure is applied. How it is represented: the deciding unit affirms every
/// condition of the rules for one record; the record stays (it is still public credit information and may still be
/// published), but checks ignore it. A serious record, or one a DishonestyList entry in force rests on, is not minor and
/// cannot be exempted. The subject is reminded (可以采取适当方式给予提醒) by a message.
/// </summary>
public sealed class MeasureExemptions(Database db, RecordReader records, CatalogSet catalog, MeasuresSet rules, AuditChain audit, Outbox outbox, TimeProvider clock)
{
    /// <summary>Exempts a record.</summary>
    /// <param name="recordId">The record.</param>
    /// <param name="conditions">The condition codes the unit affirms: all of the rules' conditions.</param>
    /// <param name="reasons">Why each condition holds.</param>
    /// <param name="actor">The deciding staff member.</param>
    /// <exception cref="Refusal">The record cannot be exempted, or a condition is not affirmed.</exception>
    public void Exempt(long recordId, IReadOnlyCollection<string> conditions, string reasons, Account actor)
    {
        if (!ListDecisions.MayDecide(actor))
            throw Refusal.Forbidden("exemption.forbidden", "只有认定单位和公共信用工作机构的工作人员可以认定免予惩戒");
        var rule = rules.Current.Exemption;
        var rec = records.Get(recordId) ?? throw Refusal.NotFound("exemption.not-found", $"没有编号为{recordId}的记录");
        if (!RecordAccess.MayChange(actor, rec) || actor.Kind != AccountKinds.Staff)
            throw Refusal.Forbidden("exemption.forbidden", "只有该记录认定单位和公共信用工作机构的工作人员可以认定免予惩戒");
        var errors = new List<FieldError>();
        if (catalog.Item(rec.Item)?.Nature != Nature.Negative || rec.Status == RecordStatus.Revoked)
            errors.Add(FieldError.Of("recordId", "not-negative", "只有有效的失信信息可以认定免予约束和惩戒"));
        if (rec.Serious)
            errors.Add(FieldError.Of("recordId", "serious", "严重失信行为不属于轻微偶发失信行为（第三十条第二款）"));
        foreach (var missing in rule.Conditions.Where(x => !conditions.Contains(x.Code)))
            errors.Add(FieldError.Of("conditions", "not-affirmed", $"须确认：{missing.Name}"));
        foreach (var unknown in conditions.Where(x => rule.Conditions.All(r => r.Code != x)))
            errors.Add(FieldError.Of("conditions", "unknown-condition", $"“{unknown}”不是第三十条第二款的条件"));
        if (string.IsNullOrWhiteSpace(reasons)) errors.Add(FieldError.Of("reasons", "required", "须说明理由"));
        if (errors.Count > 0) throw Refusal.Invalid("exemption.invalid", "不符合免予约束和惩戒的条件", errors);

        var today = clock.Today();
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (ListDecisionStore.RestsOnRecord(c, tx, CreditListNames.Dishonesty, recordId, today))
            throw Refusal.Conflict("exemption.conflict", "该记录是严重失信主体名单的认定依据，不属于轻微失信行为");
        if (MeasureExemptionStore.Exists(c, tx, recordId))
            throw Refusal.Conflict("exemption.conflict", "该记录已认定免予约束和惩戒");
        var codes = string.Join(",", rule.Conditions.Select(x => x.Code));
        MeasureExemptionStore.Add(c, tx, recordId, codes, reasons.Trim(), actor.Code, now);
        RecordVersions.Event(c, tx, recordId, now, "measure-exempted", actor.Code, $"{rule.Basis}：{reasons.Trim()}");
        audit.Append(c, tx, actor.Code, "measure.exempt", $"record:{recordId}", reasons.Trim());
        var item = catalog.Item(rec.Item);
        outbox.Send(c, tx, Mailbox.OfSubject(rec.SubjectId), null, null, "信用提醒",
            $"您的{item?.Name ?? rec.Item}记录（编号{recordId}{(rec.Authority is null ? "" : "，" + rec.Authority)}）属于轻微偶发失信行为，已及时改正且未造成社会危害后果，" +
            "依照《黑龙江省社会信用条例》第三十条第二款免于失信约束和惩戒。请依法诚信经营，避免再次发生。该信息仍按规定公示。");
        tx.Commit();
    }

    /// <summary>The exemption of a record, or null.</summary>
    public MeasureExemption? Of(long recordId) => MeasureExemptionStore.Of(db, recordId);
}
