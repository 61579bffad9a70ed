using System.Collections.Concurrent;
using Dapper;
using Xinyong.Collection;

namespace Xinyong.Storage.Publication;

/// <summary>What a 双公示 search asks: the item, and optionally the 行政相对人's name, the decision number, the deciding unit, the region and the decision dates.</summary>
public sealed record ShuanggongshiQuery(string Item, string? Name = null, string? Number = null, string? Authority = null, string? Region = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The query as one text (the key of its kept total).</summary>
    public string Key => string.Join("\u001f", Item, Name, Number, Authority, Region, From, To);
}

/// <summary>A position in the 双公示 order (decision date, then id, both descending): the last row of a page.</summary>
public readonly record struct ListingKey(DateOnly DecidedOn, long Id)
{
    /// <summary>The key as an address carries it: <c>2026-10-12.1234</c>.</summary>
    public override string ToString() => $"{DecidedOn:yyyy-MM-dd}.{Id}";

    /// <summary>Reads a key written by <see cref="ToString"/>; null when it is not one.</summary>
    public static ListingKey? Parse(string? text)
    {
        if (text is null) return null;
        var dot = text.IndexOf('.');
        if (dot < 0) return null;
        return DateOnly.TryParseExact(text[..dot], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
               && long.TryParse(text[(dot + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? new ListingKey(d, id) : null;
    }
}

/// <summary>
/// The 双公示 search: public records of an item by the 行政相对人's name (legal persons and organisations only: a natural
/// person's name is never a search key, Art. 23), the decision number, the deciding unit, the region and the decision
/// dates, newest decision first, read by keyset (the position of the last row seen) so that a deep page costs what
/// the first one does; and the total, kept for a while per query so that paging does not count again.
/// </summary>
public sealed class ShuanggongshiSearch(Database db, TimeProvider clock)
{
    /// <summary>How long a counted total is reused.</summary>
    public static readonly TimeSpan TotalFresh = TimeSpan.FromMinutes(5);

    private const int KeptTotals = 2000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, long Total)> _totals = new();

    private const string SubjectColumns = "s.id, s.ref, s.kind, s.id_masked AS IdMasked, s.name";

    private static (List<string> Where, object Args) Filter(ShuanggongshiQuery q, DateOnly today, ListingKey? after, ListingKey? before)
    {
        var where = new List<string> { "r.item = @Item", InForceSql.Record, "r.decided_on IS NOT NULL" };
        if (q.From is not null) where.Add("r.decided_on >= @From");
        if (q.To is not null) where.Add("r.decided_on <= @To");
        string? name = null, number = null, authority = null, region = null;
        if (!string.IsNullOrWhiteSpace(q.Name))
        {
            where.Add("s.kind <> 'natural-person' AND s.name LIKE @name ESCAPE '\\'");
            name = Like(q.Name.Trim());
        }
        if (!string.IsNullOrWhiteSpace(q.Number))
        {
            where.Add("r.doc_key LIKE @number ESCAPE '\\'");
            number = Like(FieldValues.KeyForm(q.Number));
        }
        if (!string.IsNullOrWhiteSpace(q.Authority))
        {
            where.Add("r.authority LIKE @authority ESCAPE '\\'");
            authority = Like(q.Authority.Trim());
        }
        if (PublicRecords.RegionPrefix(q.Region) is { } prefix)
        {
            where.Add("r.region LIKE @region");
            region = prefix + "%";
        }
        if (after is not null) where.Add("(r.decided_on, r.id) < (@afterOn, @afterId)");
        if (before is not null) where.Add("(r.decided_on, r.id) > (@beforeOn, @beforeId)");
        return (where, new
        {
            q.Item, q.From, q.To, name, number, authority, region, today,
            afterOn = after?.DecidedOn, afterId = after?.Id, beforeOn = before?.DecidedOn, beforeId = before?.Id,
        });
    }

    private static string Like(string s) => "%" + s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>
    /// One page: up to <paramref name="take"/> rows after <paramref name="after"/> (the next page), or the
    /// <paramref name="take"/> rows just before <paramref name="before"/> (the previous page), newest decision first;
    /// the first page when neither is given.
    /// </summary>
    public IReadOnlyList<ListedRecord> Page(ShuanggongshiQuery q, DateOnly today, int take, ListingKey? after = null, ListingKey? before = null)
    {
        var (where, args) = Filter(q, today, after, before);
        var order = before is null ? "r.decided_on DESC, r.id DESC" : "r.decided_on, r.id";
        using var c = db.Open();
        var rows = c.Query<StoredRecord, ListedSubject, ListedRecord>(
            $"SELECT {RecordReader.Columns}, {SubjectColumns} FROM records r JOIN subjects s ON s.id = r.subject_id WHERE {string.Join(" AND ", where)} ORDER BY {order} LIMIT {take}",
            (r, s) => new ListedRecord(r, s), args, splitOn: "id").ToList();
        if (before is not null) rows.Reverse();
        return rows;
    }

    /// <summary>Every row of a query up to <paramref name="limit"/>, in page order, streamed (for an export).</summary>
    public IEnumerable<ListedRecord> All(ShuanggongshiQuery q, DateOnly today, int limit)
    {
        var (where, args) = Filter(q, today, null, null);
        using var c = db.Open();
        foreach (var row in c.Query<StoredRecord, ListedSubject, ListedRecord>(
                     $"SELECT {RecordReader.Columns}, {SubjectColumns} FROM records r JOIN subjects s ON s.id = r.subject_id WHERE {string.Join(" AND ", where)} ORDER BY r.decided_on DESC, r.id DESC LIMIT {limit}",
                     (r, s) => new ListedRecord(r, s), args, buffered: false, splitOn: "id"))
            yield return row;
    }

    /// <summary>The number of rows of a query, counted at most every <see cref="TotalFresh"/> (per query and day).</summary>
    public long Total(ShuanggongshiQuery q, DateOnly today)
    {
        var key = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\u001f" + q.Key;
        var now = clock.GetUtcNow();
        if (_totals.TryGetValue(key, out var kept) && now - kept.At < TotalFresh && now >= kept.At) return kept.Total;
        var (where, args) = Filter(q, today, null, null);
        using var c = db.Open();
        var join = q.Name is { Length: > 0 } ? "JOIN subjects s ON s.id = r.subject_id " : "";
        var total = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM records r {join}WHERE {string.Join(" AND ", where)}", args);
        if (_totals.Count >= KeptTotals) _totals.Clear();
        _totals[key] = (now, total);
        return total;
    }
}
