using Xinyong.Collection;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Collection;

/// <summary>The answer to a pushed batch: <c>Rows == Accepted + Duplicates + Rejected.Count</c>; rejected rows by their
/// 0-based index in <c>records</c>.</summary>
public sealed record PushAnswer(
    string? BatchId, int Rows, int Accepted, IReadOnlyList<PushRejection> Rejected, int Duplicates, int Updated, IReadOnlyList<FieldError> Warnings)
{
    /// <summary>The answer for <paramref name="r"/> of the batch <paramref name="batchId"/>.</summary>
    public static PushAnswer Of(string? batchId, ImportResult r) => new(
        batchId, r.Rows, r.Accepted, r.Rejected.Select(x => new PushRejection(x.Row, x.Errors)).ToList(), r.Duplicates, r.Updated, r.Warnings);
}

/// <summary>One refused record of a pushed batch.</summary>
public sealed record PushRejection(int Index, IReadOnlyList<FieldError> Errors);

/// <summary>A record after a correction or a revocation: its new version and state.</summary>
public sealed record RecordChangeAnswer(long Id, string Item, int Version, string Status, IReadOnlyDictionary<string, string> Fields, DateTimeOffset ChangedAt)
{
    /// <summary>The answer for <paramref name="r"/>.</summary>
    public static RecordChangeAnswer Of(StoredRecord r) => new(r.Id, r.Item, r.Version, r.Status, RecordJson.Parse(r.Fields), r.ChangedAt);
}

/// <summary>A record in full, as its provider and the staff of its unit read it: every field, every earlier version and
/// every event.</summary>
public sealed record FullRecordView(
    long Id, string Item, long SubjectId, string DocKey, int Version, string Status, bool Serious, DateOnly? DecidedOn,
    DateOnly? PublicUntil, DateOnly? RepairFrom, bool Withheld, string? Region, string? Authority, string Provider, string Channel,
    long? BatchId, DateTimeOffset ReceivedAt, DateTimeOffset ChangedAt, IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<FullRecordVersion> Versions, IReadOnlyList<RecordEvent> Events)
{
    /// <summary>The full view of <paramref name="r"/> with its <paramref name="versions"/> and <paramref name="events"/>.</summary>
    public static FullRecordView Of(StoredRecord r, IEnumerable<RecordVersion> versions, IReadOnlyList<RecordEvent> events) => new(
        r.Id, r.Item, r.SubjectId, r.DocKey, r.Version, r.Status, r.Serious, r.DecidedOn, r.PublicUntil, r.RepairFrom, r.Withheld,
        r.Region, r.Authority, r.Provider, r.Channel, r.BatchId, r.ReceivedAt, r.ChangedAt, RecordJson.Parse(r.Fields),
        versions.Select(v => new FullRecordVersion(v.Version, v.Status, RecordJson.Parse(v.Fields), v.Provider, v.Channel, v.BatchId, v.ReceivedAt, v.SupersededAt, v.Reason)).ToList(),
        events);
}

/// <summary>An earlier version of a record in a <see cref="FullRecordView"/>.</summary>
public sealed record FullRecordVersion(
    int Version, string Status, IReadOnlyDictionary<string, string> Fields, string Provider, string Channel, long? BatchId,
    DateTimeOffset ReceivedAt, DateTimeOffset SupersededAt, string? Reason);
