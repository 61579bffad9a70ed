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
        CourtListingStore.Lock(db, c, tx);
        var rows = CourtListingStore.BatchRecords(c, tx, batchId, item.Code);
        foreach (var r in rows)
        {
            if (r.Status != RecordStatus.Active) continue;
            var entry = CourtListingStore.ActiveEntryOf(c, tx, r.Id, CreditListNames.Dishonesty);
            if (entry is { } e)
            {
                var starts = r.DecidedOn ?? e.StartsOn;
                if (e.StartsOn == starts && e.EndsOn == r.PublicUntil) continue;
                CourtListingStore.MovePeriod(c, tx, e.Id, starts, r.PublicUntil);
                audit.Append(c, tx, r.Provider, "list.dishonesty.period", $"list-entry:{e.Id}",
                    $"人民法院变更的失信被执行人名单期限：{WorkingCalendar.Iso(starts)}至{(r.PublicUntil is { } u ? WorkingCalendar.Iso(u) : "另行决定")}");
                continue;
            }
            if (CourtListingStore.EverListed(c, tx, r.Id, CreditListNames.Dishonesty))
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
