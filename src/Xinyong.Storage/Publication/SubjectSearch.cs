using System.Data.Common;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Identifiers;
using Xinyong.Publication;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Publication;

/// <summary>One page of search results.</summary>
/// <param name="Query">What was searched, as typed (a resident identity number masked).</param>
/// <param name="Hits">The subjects of this page.</param>
/// <param name="Total">How many subjects matched (at most <see cref="SubjectSearch.MaxResults"/>).</param>
/// <param name="Capped">True when more subjects match than <see cref="SubjectSearch.MaxResults"/>: the user should refine.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Results per page.</param>
/// <param name="ByCode">True when the query was a code (USCC, resident identity number, subject reference).</param>
/// <param name="TooShort">True when the query was too short to search by name.</param>
public sealed record SearchPage(string Query, IReadOnlyList<SubjectRow> Hits, int Total, bool Capped, int Page, int PageSize, bool ByCode, bool TooShort)
{
    /// <summary>The number of pages.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Public search of subjects by name (partial match) or by code, the same on both stores. Names are indexed as
/// character bigrams in <c>subject_name_grams</c> by an indexer that catches up on subjects created or renamed since
/// its watermark (after every loaded batch, and on the background job); <c>subject_search</c> remembers the name each
/// subject was indexed under. A search looks up the rarest bigram of the query, keeps the subjects that have all the
/// others, and checks that the name really contains the query. Natural persons are never indexed: they are found only by
/// their exact identity number (Art. 23).
/// </summary>
public sealed class SubjectSearch(Database db, SubjectStore subjects, TimeProvider clock) : IBatchLoadedHandler
{
    /// <summary>The most results one search ranks and pages through; beyond, the user is asked to refine.</summary>
    public const int MaxResults = 1000;

    /// <summary>Results per page.</summary>
    public const int PageSize = 20;

    /// <summary>Subjects per indexing transaction.</summary>
    public int ChunkSize { get; init; } = 5000;

    private const string WatermarkKey = "search.name-index.watermark";
    private const int CountCap = 5000;
    private const int ScanCap = 200_000;
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly (string, ColumnType)[] GramColumns = [("gram", ColumnType.Text), ("subject_id", ColumnType.BigInt)];

    /// <summary>Searches by code or by name; <paramref name="page"/> counts from 1.</summary>
    public SearchPage Search(string text, int page)
    {
        var typed = (text ?? string.Empty).Trim();
        page = Math.Max(1, page);
        if (IsCode(typed))
        {
            var s = subjects.Find(typed);
            // A resident identity number is personal information: the answer repeats it only masked.
            var shown = ResidentId.TryParse(typed, clock.Today(), out var id, out _) ? id.Masked : typed;
            return new SearchPage(shown, s is null ? [] : [s], s is null ? 0 : 1, false, 1, PageSize, true, false);
        }
        var q = NameSearch.Query(typed);
        if (!NameSearch.Searchable(q)) return new SearchPage(typed, [], 0, false, 1, PageSize, false, true);

        using var c = db.OpenStale();   // public search may be a little stale: the read replica when there is one
        var (ids, capped) = Candidates(c, q);
        var total = Math.Min(ids.Count, MaxResults);
        var pageIds = ids.Take(MaxResults).Skip((page - 1) * PageSize).Take(PageSize).Select(x => x.Id).ToArray();
        var rows = pageIds.Length == 0
            ? []
            : c.Query<SubjectRow>($"SELECT {SubjectStore.Columns} FROM subjects WHERE {db.In("id", "pageIds")}", new { pageIds }).ToDictionary(r => r.Id);
        return new SearchPage(typed, pageIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), total, capped || ids.Count > MaxResults, page, PageSize, false, false);
    }

    /// <summary>Whether text is a code rather than a name: a valid USCC, resident identity number or subject reference.</summary>
    public bool IsCode(string text)
    {
        try
        {
            subjects.LookupKeyOf(text);
            return true;
        }
        catch (FormatException) { return false; }
    }

    private (List<(long Id, string Name)> Ids, bool Capped) Candidates(DbConnection c, string q)
    {
        var grams = NameSearch.Bigrams(q);
        string? rarest = null;
        var rarestCount = int.MaxValue;
        foreach (var g in grams)
        {
            var n = c.ExecuteScalar<int>("SELECT COUNT(*) FROM (SELECT 1 FROM subject_name_grams WHERE gram = @g LIMIT @cap) t", new { g, cap = CountCap });
            if (n == 0) return ([], false);
            if (n < rarestCount) (rarest, rarestCount) = (g, n);
        }
        var others = grams.Where(g => g != rarest).ToList();
        var p = new DynamicParameters();
        p.Add("g0", rarest);
        p.Add("scan", ScanCap);
        p.Add("limit", 2 * MaxResults + 1);
        var exists = others.Select((g, i) =>
        {
            p.Add("g" + (i + 1), g);
            return $"EXISTS (SELECT 1 FROM subject_name_grams x{i + 1} WHERE x{i + 1}.gram = @g{i + 1} AND x{i + 1}.subject_id = c.subject_id)";
        }).ToList();
        var where = exists.Count == 0 ? "" : " WHERE " + string.Join(" AND ", exists);
        var found = c.Query<(long Id, string Name)>(
            $"SELECT s.id, s.name FROM (SELECT subject_id FROM subject_name_grams WHERE gram = @g0 LIMIT @scan) c JOIN subjects s ON s.id = c.subject_id{where} LIMIT @limit", p).ToList();
        var capped = found.Count > 2 * MaxResults;
        // The exact name is always found, even when a common query caps the candidates.
        foreach (var exact in c.Query<(long Id, string Name)>("SELECT s.id, s.name FROM subject_search x JOIN subjects s ON s.id = x.subject_id WHERE x.name = @q", new { q }))
            if (found.All(f => f.Id != exact.Id)) found.Add(exact);
        var matches = found.Select(f => (f.Id, f.Name, Normalized: NameSearch.Normalize(f.Name)))
            .Where(f => f.Normalized.Contains(q, StringComparison.Ordinal))
            .OrderBy(f => NameSearch.Rank(f.Normalized, q)).ThenBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Id)
            .Select(f => (f.Id, f.Name)).ToList();
        return (matches, capped);
    }

    /// <inheritdoc />
    public void OnBatchLoaded(CatalogItem item, long batchId) => CatchUp();

    /// <summary>
    /// Indexes every subject created or renamed since the watermark (less a safety margin for transactions that
    /// committed late). Returns how many subjects were (re-)indexed. Safe to call from several threads and processes.
    /// </summary>
    public int CatchUp()
    {
        Gate.Wait();
        try
        {
            var from = ReadWatermark() is { } w ? w - Margin : DateTimeOffset.UnixEpoch;
            var (t, id) = (from, 0L);
            var indexed = 0;
            DateTimeOffset? newest = null;
            while (true)
            {
                using var c = db.Open();
                var chunk = c.Query<(long Id, string Kind, string Name, DateTimeOffset UpdatedAt)>(
                    "SELECT id, kind, name, updated_at FROM subjects WHERE (updated_at, id) > (@t, @id) ORDER BY updated_at, id LIMIT @n",
                    new { t, id, n = ChunkSize }).ToList();
                if (chunk.Count == 0) break;
                indexed += Index(c, chunk);
                (t, id) = (chunk[^1].UpdatedAt, chunk[^1].Id);
                newest = t;
            }
            if (newest is { } nw) WriteWatermark(nw);
            return indexed;
        }
        finally { Gate.Release(); }
    }

    private int Index(DbConnection c, List<(long Id, string Kind, string Name, DateTimeOffset UpdatedAt)> chunk)
    {
        using var tx = c.BeginTransaction();
        if (db.Dialect == Dialect.Postgres) c.Execute("SELECT pg_advisory_xact_lock(4713)", transaction: tx);
        var ids = chunk.Select(x => x.Id).ToArray();
        var indexedNames = c.Query<(long Id, string Name)>($"SELECT subject_id, name FROM subject_search WHERE {db.In("subject_id", "ids")}", new { ids }, tx)
            .ToDictionary(x => x.Id, x => x.Name);
        var now = clock.GetUtcNow();
        var grams = new List<object?[]>();
        var inserts = new List<object?[]>();
        var n = 0;
        foreach (var s in chunk)
        {
            if (s.Kind == "natural-person") continue;
            var name = NameSearch.Normalize(s.Name);
            if (indexedNames.TryGetValue(s.Id, out var old))
            {
                if (old == name) continue;
                foreach (var g in NameSearch.Bigrams(old))
                    c.Execute("DELETE FROM subject_name_grams WHERE gram = @g AND subject_id = @id", new { g, id = s.Id }, tx);
                c.Execute("UPDATE subject_search SET name = @name, indexed_at = @now WHERE subject_id = @id", new { name, now, id = s.Id }, tx);
            }
            else inserts.Add([s.Id, name, now]);
            grams.AddRange(NameSearch.Bigrams(name).Select(g => new object?[] { g, s.Id }));
            n++;
        }
        if (inserts.Count > 0)
            BulkInsert.Rows(c, tx, "subject_search", [("subject_id", ColumnType.BigInt), ("name", ColumnType.Text), ("indexed_at", ColumnType.Instant)], inserts);
        if (grams.Count > 0) BulkInsert.Rows(c, tx, "subject_name_grams", GramColumns, grams);
        tx.Commit();
        return n;
    }

    private DateTimeOffset? ReadWatermark()
    {
        using var c = db.Open();
        var v = c.QueryFirstOrDefault<string>("SELECT value FROM settings WHERE key = @WatermarkKey", new { WatermarkKey });
        return v is null ? null : DateTimeOffset.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void WriteWatermark(DateTimeOffset t)
    {
        using var c = db.Open();
        var current = c.QueryFirstOrDefault<string>("SELECT value FROM settings WHERE key = @WatermarkKey", new { WatermarkKey });
        if (current is not null && DateTimeOffset.Parse(current, System.Globalization.CultureInfo.InvariantCulture) >= t) return;
        c.Execute("INSERT INTO settings (key, value) VALUES (@WatermarkKey, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { WatermarkKey, v = t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
