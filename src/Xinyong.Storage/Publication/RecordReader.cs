using Dapper;

namespace Xinyong.Storage.Publication;

/// <summary>A stored record (current version).</summary>
public sealed record StoredRecord
{
    public long Id { get; init; }
    public string Item { get; init; } = "";
    public long SubjectId { get; init; }
    public string DocKey { get; init; } = "";
    public int Version { get; init; }
    public RecordStatus Status { get; init; } = RecordStatus.Active;
    public bool Serious { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateOnly? PublicUntil { get; init; }
    public DateOnly? RepairFrom { get; init; }
    public bool Withheld { get; init; }
    /// <summary>An objection is open against the record (异议标注, Art. 39).</summary>
    public bool UnderObjection { get; init; }
    public string? Region { get; init; }
    public string? Authority { get; init; }
    public string Fields { get; init; } = "{}";
    public string ContentHash { get; init; } = "";
    public string Provider { get; init; } = "";
    public string Channel { get; init; } = "";
    public long? BatchId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    /// <summary>For negative records: minor, general or serious (national Credit Repair Measures); null for records stored before.</summary>
    public string? Severity { get; init; }
    /// <summary>The published rule that assigned the tier (<c>version:item/rule</c>).</summary>
    public string? TierRule { get; init; }
    /// <summary>published, not-published (minor information), or held (an emergency holds it for the deciding unit's confirmation).</summary>
    public RecordPublication Publication { get; init; } = RecordPublication.Published;

    /// <summary>The state that decides who sees the record (<see cref="Xinyong.Publication.PublicationRule"/>).</summary>
    public Xinyong.Publication.PublicationState State => new(Status, Withheld, PublicUntil, Publication != RecordPublication.Published, Publication == RecordPublication.Held);
}

/// <summary>An earlier version of a record.</summary>
public sealed record RecordVersion
{
    public int Version { get; init; }
    public RecordStatus Status { get; init; } = RecordStatus.Active;
    public string Fields { get; init; } = "{}";
    public string Provider { get; init; } = "";
    public string Channel { get; init; } = "";
    public long? BatchId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset SupersededAt { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Something that happened to a record besides new content.</summary>
public sealed record RecordEvent
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Kind { get; init; } = "";
    public string Actor { get; init; } = "";
    public string? Detail { get; init; }
}

/// <summary>Reads records, their versions and their events.</summary>
public sealed class RecordReader(Database db)
{
    /// <summary>The columns of <see cref="StoredRecord"/>, for queries of other features over <c>records r</c>.</summary>
    public const string Columns =
        "r.id, r.item, r.subject_id AS SubjectId, r.doc_key AS DocKey, r.version, r.status, r.serious, r.decided_on AS DecidedOn, " +
        "r.public_until AS PublicUntil, r.repair_from AS RepairFrom, r.withheld, r.under_objection AS UnderObjection, r.region, r.authority, r.fields, r.content_hash AS ContentHash, " +
        "r.provider, r.channel, r.batch_id AS BatchId, r.received_at AS ReceivedAt, r.changed_at AS ChangedAt, r.severity, r.tier_rule AS TierRule, r.publication";

    /// <summary>All records of a subject, newest decision first; with <paramref name="stale"/> from the read replica when
    /// there is one (public pages only: the subject's own view and every decision read the primary).</summary>
    public IReadOnlyList<StoredRecord> OfSubject(long subjectId, bool stale = false)
    {
        using var c = stale ? db.OpenStale() : db.Open();
        return c.Query<StoredRecord>($"SELECT {Columns} FROM records r WHERE r.subject_id = @subjectId ORDER BY r.decided_on DESC, r.id DESC", new { subjectId }).ToList();
    }

    /// <summary>One record, or null.</summary>
    public StoredRecord? Get(long id)
    {
        using var c = db.Open();
        return Get(c, null, id);
    }

    /// <summary>One record as the caller's transaction sees it, or null.</summary>
    public static StoredRecord? Get(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, long id) =>
        c.QueryFirstOrDefault<StoredRecord>($"SELECT {Columns} FROM records r WHERE r.id = @id", new { id }, tx);

    /// <summary>The earlier versions of a record, oldest first.</summary>
    public IReadOnlyList<RecordVersion> Versions(long id)
    {
        using var c = db.Open();
        return c.Query<RecordVersion>(
            "SELECT version, status, fields, provider, channel, batch_id AS BatchId, received_at AS ReceivedAt, superseded_at AS SupersededAt, reason FROM record_versions WHERE record_id = @id ORDER BY version",
            new { id }).ToList();
    }

    /// <summary>The events of a record, oldest first.</summary>
    public IReadOnlyList<RecordEvent> Events(long id)
    {
        using var c = db.Open();
        return c.Query<RecordEvent>("SELECT id, at, kind, actor, detail FROM record_events WHERE record_id = @id ORDER BY at, id", new { id }).ToList();
    }
}
