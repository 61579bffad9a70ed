using System.Collections.Concurrent;
using System.Data.Common;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Disclosure;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;
using Xinyong.Text;

using Xinyong.Storage;
using Xinyong.Storage.Disclosure;

namespace Xinyong.Application.Disclosure;

/// <summary>
/// 两书同达 (国办发〔2025〕22号): when a negative record (a penalty decision …) is collected, its subject gets a message with
/// the tier, the window, the earliest repair date and the conditions of repair; one message per record, once (a batch
/// sent again or a later version sends none).
/// <para>Written inside the load (<see cref="IRecordLoadHook"/>): the message is rendered on the pipeline's reading thread,
/// which has CPU to spare, and written with its record in the chunk's own transaction, so a record and its notice commit
/// together and a batch taken over after a crash between two chunks tells each record once. A batch that took over rows
/// of an earlier attempt (possibly loaded by an older version, which told its records after the batch) is completed by
/// <see cref="Complete"/>: its records are read as a stream and the ones not told yet get their message, in
/// transactions of <see cref="ChunkSize"/>.</para>
/// <para>Stored as a shared text: the notice is rendered as a template (the same for every record of an item, tier rule and
/// window shape) and this record's values (<see cref="RepairNotice.ForRecordWithHoles"/>), which the outbox stores as the
/// template's id and the values; every reader gets the filled text, which is exactly the text rendered whole.</para>
/// </summary>
public sealed class DecisionNotices(Database db, Outbox outbox) : IRecordLoadHook
{
    /// <summary>The case kind of the messages (the case id is the record's).</summary>
    public const string Kind = "repair-notice";

    private static readonly string Title = Punctuation.Tidy(RepairNotice.RecordTitle);

    /// <summary>Messages per transaction of <see cref="Complete"/>.</summary>
    public int ChunkSize { get; init; } = 5_000;

    /// <summary>The tidied templates by the template rendered (a few: one per item, rule and window shape), so every notice
    /// of a shape carries the same instance and is tidied once (tidying is pure: one cache serves every instance).</summary>
    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    private static readonly Func<string, string> TidyTemplate = template =>
    {
        if (Templates.TryGetValue(template, out var tidied)) return tidied;
        if (Templates.Count >= 4096) Templates.Clear();
        return Templates.GetOrAdd(template, Punctuation.Tidy);
    };

    /// <inheritdoc />
    public object? Prepare(CatalogItem item, ValidRecord record, string publication)
    {
        if (item.Nature != Nature.Negative) return null;
        var window = RecordWindow.Of(item, record.Severity, record.TierRule, record.Serious, publication, record.PublicUntil, record.RepairFrom);
        if (window is null) return null;
        // As stored: the authority's field, the decision number's field (the stored fields keep every value given).
        return Notice(item, ValueOf(item, record, FieldRole.AuthorityName), ValueOf(item, record, FieldRole.DecisionNumber), record.DecisionDate, window);
    }

    /// <inheritdoc />
    public void Inserted(DbConnection c, DbTransaction tx, CatalogItem item, IReadOnlyList<InsertedRecord> records) =>
        outbox.SendMany(c, tx, records.Select(r => Message(r.SubjectId, r.Id, r.Prepared)), tidied: true);

    /// <summary>
    /// The tidied text of a record's notice (<see cref="Punctuation.Tidy"/> of <see cref="RepairNotice.ForRecord"/>): its
    /// shared template and its values, or the whole text when tidying cannot be done part by part (a value that is empty or
    /// starts or ends with a mark tidying collapses, see <see cref="TextWithHoles.Tidied"/>).
    /// </summary>
    public object Notice(CatalogItem item, string? authority, string? decisionNumber, DateOnly? decided, RecordWindow window)
    {
        var text = RepairNotice.ForRecordWithHoles(item, authority, decisionNumber, decided, window);
        return (object?)text.Tidied(TidyTemplate) ?? Punctuation.Tidy(text.Fill());
    }

    private static OutgoingMessage Message(long subjectId, long recordId, object notice) => notice is TextWithHoles text
        ? OutgoingMessage.Templated(Mailbox.OfSubject(subjectId), Kind, recordId, Title, text)
        : new OutgoingMessage(Mailbox.OfSubject(subjectId), Kind, recordId, Title, (string)notice);

    /// <inheritdoc />
    public void BatchLoaded(CatalogItem item, long batchId, bool resumed)
    {
        if (resumed) Complete(item, batchId);
    }

    /// <summary>
    /// Tells the records of a batch not told yet (a batch part of which an older version loaded and did not tell). Reads
    /// the batch's records as a stream and writes the messages in transactions of <see cref="ChunkSize"/>, each one bulk
    /// insert, so memory stays flat whatever its size; a run interrupted between two of them is completed by the next.
    /// </summary>
    public void Complete(CatalogItem item, long batchId)
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
            pending.Add(Message(r.SubjectId, r.Id, Notice(item, r.Authority, decision, r.DecidedOn, window)));
            if (pending.Count >= ChunkSize) Flush(write, pending);
        }
        Flush(write, pending);
    }

    private static string? ValueOf(CatalogItem item, ValidRecord record, FieldRole role)
    {
        for (var i = 0; i < item.Fields.Count; i++) if (item.Fields[i].Role == role) return record.Values[i];
        return null;
    }

    private void Flush(DbConnection c, List<OutgoingMessage> pending)
    {
        if (pending.Count == 0) return;
        using var tx = c.BeginTransaction();
        outbox.SendMany(c, tx, pending, tidied: true);
        tx.Commit();
        pending.Clear();
    }
}
