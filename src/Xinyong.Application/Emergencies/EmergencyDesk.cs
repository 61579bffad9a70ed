using Xinyong.Emergencies;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Emergencies;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;

namespace Xinyong.Application.Emergencies;

/// <summary>
/// The workflows of emergencies (《黑龙江省社会信用条例》第三十条第三款、第四款): a declaration by staff (checked, audited
/// with its summary) and the deciding unit's confirmation or withdrawal of a negative record held under a declaration
/// (审慎认定: the record's event with its words, the subject told), each in one transaction. The store
/// (<see cref="EmergencyRegistry"/>) writes what it is given.
/// </summary>
public sealed class EmergencyDesk(Database db, EmergencyRegistry registry, RecordReader records, Outbox outbox)
{
    /// <summary>Declares an emergency (staff); audited with its summary (<see cref="EmergencyTexts.Summary"/>).</summary>
    /// <exception cref="Refusal">Invalid (the field named), or the code is taken.</exception>
    public EmergencyDeclaration Declare(EmergencyDeclaration d, string by)
    {
        try { EmergencyDeclaration.Validate(d); }
        catch (EmergencyDeclarationException ex) { throw Refusal.Invalid("emergency.invalid", ex.Message); }
        if (registry.All().Any(x => x.Code == d.Code)) throw EmergencyTexts.CodeTaken(d.Code);
        using (var c = db.Open())
        using (var tx = c.BeginTransaction())
        {
            registry.Declare(c, tx, d, by, EmergencyTexts.Summary(d));
            tx.Commit();
        }
        registry.Forget();
        return d with { Source = "staff" };
    }

    /// <summary>The unit whose held records a caller sees and decides: a provider account its own; staff their unit; the agency's staff every unit (null).</summary>
    public static (bool Allowed, string? Unit) UnitOf(Account? a) => a switch
    {
        { Kind: AccountKinds.Provider } => (true, a.Code),
        not null when StaffAccess.IsAgency(a) => (true, null),
        not null when StaffAccess.Decides(a) && a.Unit is { } u => (true, u),
        _ => (false, null),
    };

    /// <summary>
    /// Confirms (published now) or withdraws (not recognised as dishonesty: not published, shared or used) a held record for
    /// its deciding unit; the record's event says which with the reason (<see cref="EmergencyTexts.Decided"/>), and the
    /// subject is told.
    /// </summary>
    /// <exception cref="Refusal">NotFound, Forbidden, Invalid, or Conflict when the record is not held (any more).</exception>
    public void Decide(Account? a, long id, bool? confirmed, string? reasonGiven)
    {
        var (allowed, unit) = UnitOf(a);
        var r = records.Get(id) ?? throw Refusal.NotFound("record.not-found", $"没有编号为{id}的信用记录");
        if (!allowed || unit is not null && r.Provider != unit) throw Refusal.Forbidden("held.forbidden", "只有作出认定的信息提供单位可以确认或者撤回该信息");
        if (confirmed is not { } confirm) throw Refusal.Invalid("held.confirm", "须选择确认公示（true）或者撤回（false）");
        var reason = reasonGiven?.Trim();
        if (!confirm && string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("held.reason", "撤回须说明审慎认定的理由");
        if (reason is { Length: > 2000 }) throw Refusal.Invalid("held.reason", "理由不能超过2000个字符");
        reason ??= "确认公示";
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (!registry.Decide(c, tx, id, confirm, a!.Code, EmergencyTexts.Decided(confirm, reason), reason))
            throw Refusal.Conflict("held.not-held", $"信用记录{id}不是应急期间暂缓公示的信息，或者已经确认、撤回");
        outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), "record", id, confirm ? "失信信息经认定单位确认后公示" : "失信信息经审慎认定后撤回",
            confirm
                ? $"应急期间暂缓公示的失信信息（记录{id}）经认定单位确认，自即日起依法公示（《黑龙江省社会信用条例》第三十条第三款）。"
                : $"应急期间暂缓公示的失信信息（记录{id}）经认定单位审慎认定后撤回，不予公示、共享和使用：{reason}（《黑龙江省社会信用条例》第三十条第三款）。");
        tx.Commit();
    }
}
