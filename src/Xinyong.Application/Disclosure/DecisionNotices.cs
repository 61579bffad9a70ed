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
/// record, once (a batch sent again or a later version sends none). A large batch is read as a stream and its messages
/// written in transactions of <see cref="ChunkSize"/>, each one bulk insert, so memory stays flat whatever its size; a run
/// interrupted between two of them is completed by the next (the records already told are skipped).
/// </summary>
public sealed class DecisionNotices(Database db, Outbox outbox) : IBatchLoadedHandler
{
    /// <summary>The case kind of the messages (the case id is the record's).</summary>
    public const string Kind = "repair-notice";

    /// <summary>Messages per transaction.</summary>
    public int ChunkSize { get; init; } = 5_000;

    /// <inheritdoc />
    public void OnBatchLoaded(CatalogItem item, long batchId)
    {
        if (item.Nature != Nature.Negative) return;
        // One connection reads the batch's records as a stream, another writes; both with the bulk load's smaller page
        // cache on SQLite (a sequential read needs none; pooled connections keep what they hold, which counts in memory).
        using var read = db.OpenForBulkLoad();
        using var write = db.OpenForBulkLoad();
        var told = DecisionNoticeStore.Told(read, batchId, Kind);
        var pending = new List<OutgoingMessage>(ChunkSize);
        var number = item.FieldWith(FieldRole.DecisionNumber)?.Code;
        foreach (var r in DecisionNoticeStore.Active(read, batchId, item.Code))
        {
            if (told.Contains(r.Id)) continue;
            var window = RecordWindow.Of(item, r.Severity, r.TierRule, r.Serious, r.Publication, r.PublicUntil, r.RepairFrom);
            if (window is null) continue;
            var decision = number is null ? null : RecordJson.Parse(r.Fields).GetValueOrDefault(number);
            pending.Add(new OutgoingMessage(Mailbox.OfSubject(r.SubjectId), Kind, r.Id, RepairNotice.RecordTitle,
                RepairNotice.ForRecord(item, r.Authority, decision, r.DecidedOn, window)));
            if (pending.Count >= ChunkSize) Flush(write, pending);
        }
        Flush(write, pending);
    }

    private void Flush(System.Data.Common.DbConnection c, List<OutgoingMessage> pending)
    {
        if (pending.Count == 0) return;
        using var tx = c.BeginTransaction();
        outbox.SendMany(c, tx, pending);
        tx.Commit();
        pending.Clear();
    }
}
