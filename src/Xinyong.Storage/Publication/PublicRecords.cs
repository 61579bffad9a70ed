using Dapper;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Publication;

/// <summary>The subject of a listed record: what a listing shows of it.</summary>
public sealed record ListedSubject
{
    public long Id { get; init; }
    public string Ref { get; init; } = "";
    public string Kind { get; init; } = "";
    public string IdMasked { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>True for a natural person, whose name is masked outside its own view.</summary>
    public bool IsNaturalPerson => Kind == "natural-person";
}

/// <summary>A record with its subject, as listings and the open-data feed read them.</summary>
public sealed record ListedRecord(StoredRecord Record, ListedSubject Subject);

/// <summary>A position in the open-data feed: a record's change time and id (the keyset order of the feed).</summary>
public sealed record FeedKey
{
    public DateTimeOffset At { get; init; }
    public long Id { get; init; }
}

/// <summary>The filter of a 双公示 listing.</summary>
/// <param name="Item">The catalog item (admin-licence or admin-penalty).</param>
/// <param name="From">The first decision date, or null.</param>
/// <param name="To">The last decision date, or null.</param>
/// <param name="Authority">Part of the deciding authority's name, or null.</param>
/// <param name="Region">A six-digit division code (a prefecture covers its counties), or null.</param>
public sealed record ListingFilter(string Item, DateOnly? From, DateOnly? To, string? Authority, string? Region);

/// <summary>
/// Reads of public records in bulk: the 双公示 listing pages and the open-data change feed. The SQL pre-selects with
/// <see cref="InForceSql.Public"/> (listings) and <see cref="InForceSql.Published"/> (the feed, which reports ends too);
/// callers still pass every record through the views, where <see cref="Xinyong.Publication.PublicationRule"/> decides.
/// </summary>
public sealed class PublicRecords(Database db)
{
    /// <summary>
    /// Records the public may ever see (<see cref="InForceSql.Published"/>): minor information left unpublished and records
    /// held under an emergency declaration never enter listings or the open-data feed.
    /// </summary>
    private const string Published = InForceSql.Published;

    private const string SubjectColumns = "s.id, s.ref, s.kind, s.id_masked AS IdMasked, s.name";

    /// <summary>One page of the public records of an item, newest decision first; returns up to <paramref name="take"/> records.</summary>
    public IReadOnlyList<ListedRecord> Listing(ListingFilter f, DateOnly today, int skip, int take)
    {
        var where = new List<string> { "r.item = @Item", InForceSql.Public };
        if (f.From is not null) where.Add("r.decided_on >= @From");
        if (f.To is not null) where.Add("r.decided_on <= @To");
        string? authority = null, region = null;
        if (!string.IsNullOrWhiteSpace(f.Authority))
        {
            where.Add("r.authority LIKE @authority ESCAPE '\\'");
            authority = "%" + f.Authority.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        }
        if (RegionPrefix(f.Region) is { } prefix)
        {
            where.Add("r.region LIKE @region");
            region = prefix + "%";
        }
        using var c = db.OpenStale();
        return c.Query<StoredRecord, ListedSubject, ListedRecord>(
            $"SELECT {RecordReader.Columns}, {SubjectColumns} FROM records r JOIN subjects s ON s.id = r.subject_id WHERE {string.Join(" AND ", where)} " +
            "ORDER BY r.decided_on DESC, r.id DESC LIMIT @take OFFSET @skip",
            (r, s) => new ListedRecord(r, s),
            new { f.Item, f.From, f.To, authority, region, today, take, skip }, splitOn: "id").ToList();
    }

    /// <summary>
    /// The end of one page of the open-data feed: the key (change time, id) of the <paramref name="pageSize"/>-th record
    /// of <paramref name="items"/> after <paramref name="after"/> (keyset order: change time, then id) and not after
    /// <paramref name="asOf"/>, and whether more follow. Null when no record follows <paramref name="after"/>. Reads
    /// keys only, at most <paramref name="pageSize"/> + 1 of them.
    /// </summary>
    public (FeedKey Last, bool More)? PageEnd(IReadOnlyCollection<string> items, FeedKey after, DateTimeOffset asOf, int pageSize)
    {
        var list = items.ToArray();
        using var c = db.OpenStale();
        FeedKey? last = null;
        var n = 0;
        foreach (var k in c.Query<FeedKey>(
                     $"SELECT r.changed_at AS At, r.id FROM records r WHERE {After} AND r.changed_at <= @asOf AND {db.In("r.item", "list")} AND {Published} " +
                     "ORDER BY r.changed_at, r.id LIMIT @take",
                     new { at = after.At, id = after.Id, asOf, list, take = pageSize + 1 }, buffered: false))
        {
            if (++n > pageSize) return (last!, true);
            last = k;
        }
        return last is null ? null : (last, false);
    }

    /// <summary>
    /// The records of <paramref name="items"/> after <paramref name="after"/> up to and including <paramref name="last"/>
    /// (keyset order: change time, then id) whose change is not after <paramref name="asOf"/>, streamed (the connection
    /// stays open while the caller reads).
    /// </summary>
    public IEnumerable<ListedRecord> Page(IReadOnlyCollection<string> items, FeedKey after, FeedKey last, DateTimeOffset asOf)
    {
        var list = items.ToArray();
        using var c = db.OpenStale();
        foreach (var row in c.Query<StoredRecord, ListedSubject, ListedRecord>(
                     $"SELECT {RecordReader.Columns}, {SubjectColumns} FROM records r JOIN subjects s ON s.id = r.subject_id " +
                     $"WHERE {After} AND (r.changed_at < @lastAt OR (r.changed_at = @lastAt AND r.id <= @lastId)) AND r.changed_at <= @asOf AND {db.In("r.item", "list")} AND {Published} " +
                     "ORDER BY r.changed_at, r.id",
                     (r, s) => new ListedRecord(r, s), new { at = after.At, id = after.Id, lastAt = last.At, lastId = last.Id, asOf, list }, buffered: false, splitOn: "id"))
            yield return row;
    }

    private const string After = "(r.changed_at > @at OR (r.changed_at = @at AND r.id > @id))";

    /// <summary>The prefix of division codes a filter covers: 230000 → 23, 230100 → 2301, 230103 → 230103; null for none or an invalid code.</summary>
    public static string? RegionPrefix(string? division)
    {
        if (division is not { Length: 6 } d || !d.All(char.IsAsciiDigit)) return null;
        return d.EndsWith("0000", StringComparison.Ordinal) ? d[..2] : d.EndsWith("00", StringComparison.Ordinal) ? d[..4] : d;
    }
}
