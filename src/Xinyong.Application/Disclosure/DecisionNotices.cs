using Xinyong.Catalog;
using Xinyong.Disclosure;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;

using Xinyong.Storage;
using Xinyong.Storage.Disclosure;

namespace Xinyong.Application.Disclosure;

/// <summary>
/// 两书同达 (国办发〔2025〕22号): when a negative record (a penalty decision …) is collected, its subject gets a message with
/// the tier, the window, the earliest repair date and the conditions of repair. Runs after each batch; one message per
/// record, once (a batch sent again or a later version sends none).
/// </summary>
public sealed class DecisionNotices(Database db, Outbox outbox) : IBatchLoadedHandler
{
    /// <summary>The case kind of the messages (the case id is the record's).</summary>
    public const string Kind = "repair-notice";

    /// <inheritdoc />
    public void OnBatchLoaded(CatalogItem item, long batchId)
    {
        if (item.Nature != Nature.Negative) return;
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var rows = DecisionNoticeStore.Unnotified(c, tx, batchId, item.Code, Kind);
        foreach (var r in rows)
        {
            var window = RecordWindow.Of(item, r.Severity, r.TierRule, r.Serious, r.Publication, r.PublicUntil, r.RepairFrom);
            if (window is null) continue;
            var fields = RecordJson.Parse(r.Fields);
            var number = item.FieldWith(FieldRole.DecisionNumber) is { } f ? fields.GetValueOrDefault(f.Code) : null;
            outbox.Send(c, tx, Mailbox.OfSubject(r.SubjectId), Kind, r.Id, RepairNotice.RecordTitle,
                RepairNotice.ForRecord(item, r.Authority, number, r.DecidedOn, window));
        }
        tx.Commit();
    }
}
