using Dapper;
using Xinyong.Storage;
using Xinyong.Storage.Lists;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Measures;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Lists;

/// <summary>
/// Art. 28 (3): a subject the people's court put on its list of dishonest judgment debtors (失信被执行人) is a serious
/// dishonesty subject. After each batch of the court's records is stored, every new record puts its subject on the
/// DishonestyList for the period of the court's listing (the record's disclosure period), with the court as deciding
/// unit and the case number as decision; a record sent again with a changed period moves the entry's period. Idempotent:
/// one entry per supporting record. A state organ or state-owned unit listed this way owes the Art. 32 notifications.
/// </summary>
public sealed class CourtListing(Database db, Listing lists, ListNotifications notifications, SubjectStore subjects, MeasuresSet rules,
    Storage.Audit.AuditChain audit, TimeProvider clock) : IBatchLoadedHandler
{
    /// <inheritdoc />
    public void OnBatchLoaded(CatalogItem item, long batchId)
    {
        var dishonesty = rules.Current.Dishonesty;
        var rule = dishonesty.Court;
        if (item.Code != rule.Item) return;
        var today = clock.Today();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(hashtext('court-listing'))", transaction: tx);
        var rows = c.Query<(long Id, long SubjectId, string Status, DateOnly? DecidedOn, DateOnly? PublicUntil, string? Authority, string Fields, string Provider)>(
            "SELECT id, subject_id, status, decided_on, public_until, authority, fields, provider FROM records WHERE batch_id = @batchId AND item = @item ORDER BY id",
            new { batchId, item = item.Code }, tx).ToList();
        foreach (var r in rows)
        {
            if (r.Status != RecordStatus.Active) continue;
            var entry = c.QueryFirstOrDefault<(long Id, DateOnly StartsOn, DateOnly? EndsOn)?>(
                "SELECT id, starts_on, ends_on FROM list_entries WHERE record_id = @id AND list = @list AND status = 'active'", new { id = r.Id, list = CreditListNames.Dishonesty }, tx);
            if (entry is { } e)
            {
                var starts = r.DecidedOn ?? e.StartsOn;
                if (e.StartsOn == starts && e.EndsOn == r.PublicUntil) continue;
                c.Execute("UPDATE list_entries SET starts_on = @starts, ends_on = @until WHERE id = @id", new { id = e.Id, starts, until = r.PublicUntil }, tx);
                audit.Append(c, tx, r.Provider, "list.dishonesty.period", $"list-entry:{e.Id}",
                    $"人民法院变更的失信被执行人名单期限：{WorkingCalendar.Iso(starts)}至{(r.PublicUntil is { } u ? WorkingCalendar.Iso(u) : "另行决定")} / the court changed the period");
                continue;
            }
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM list_entries WHERE record_id = @id AND list = @list", new { id = r.Id, list = CreditListNames.Dishonesty }, tx) > 0)
                continue; // listed before and ended (repaired, removed): the same record does not list it again
            if (Xinyong.Publication.PublicationRule.PeriodEnded(r.PublicUntil, today)) continue;
            var f = RecordJson.Parse(r.Fields);
            var id = lists.Add(c, tx, new ListEntry
            {
                List = CreditListNames.Dishonesty, SubjectId = r.SubjectId, DecidingUnit = r.Authority ?? item.ProviderUnits[0],
                DecisionNo = Value(item, f, FieldRole.DecisionNumber) ?? r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Grounds = rule.Ground.Statement, Reasons = Reasons(item, f), Basis = rule.Basis, RecordId = r.Id,
                StartsOn = r.DecidedOn ?? today, EndsOn = r.PublicUntil, RemovalConditions = rule.RemovalConditions, Remedy = rule.Remedy,
                Published = true, DecidedAt = clock.GetUtcNow(), DecidedBy = r.Provider,
            });
            var subject = subjects.Get(r.SubjectId);
            if (subject is not null && ListNotifications.IsStateBody(c, tx, dishonesty.StateBodies, subject, stated: false))
                notifications.Owe(c, tx, id, dishonesty.StateBodyNotifications);
        }
        tx.Commit();
    }

    /// <summary>The reasons as the court's record states them: its labelled fields other than the subject and dates.</summary>
    private static string Reasons(CatalogItem item, IReadOnlyDictionary<string, string> fields) =>
        string.Join("；", item.Fields
            .Where(x => x.Role == FieldRole.None && x.Type == FieldType.Text && fields.ContainsKey(x.Code))
            .Select(x => $"{x.Label}：{fields[x.Code]}"));

    private static string? Value(CatalogItem item, IReadOnlyDictionary<string, string> fields, FieldRole role) =>
        item.FieldWith(role) is { } f ? fields.GetValueOrDefault(f.Code) : null;
}
