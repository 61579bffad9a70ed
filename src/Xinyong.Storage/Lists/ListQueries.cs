using Dapper;
using Xinyong.Calendar;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Lists;

/// <summary>The subject of a list entry and the entry's standing today.</summary>
public sealed record ListedSubject
{
    /// <summary>The entry is in force today (<see cref="ListStore.InForce"/>).</summary>
    public bool InForce { get; init; }
    public string Ref { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string IdMasked { get; init; } = "";
    /// <summary>For a person linked under Art. 33: the role code.</summary>
    public string? LinkedRole { get; init; }
    /// <summary>For a person linked under Art. 33: the entity's entry.</summary>
    public long? ParentId { get; init; }
}

/// <summary>A list entry with its subject.</summary>
public sealed record ListRow(ListEntry Entry, ListedSubject Subject)
{
    /// <summary>
    /// Whether anonymous callers see the entry (Art. 25, 28, 37): in force (<see cref="ListStore.InForce"/>, the last day
    /// of its period still counts, even before the job that ends expired entries has run) and published.
    /// </summary>
    public bool PublicToday => Subject.InForce && Entry.Published;
}

/// <summary>Which entries a page lists.</summary>
public enum ListFilter
{
    /// <summary>In force and published: what the public sees.</summary>
    Public,
    /// <summary>Active (as decided; possibly past its period until the job ends it).</summary>
    Active,
    /// <summary>Ended.</summary>
    Ended,
    /// <summary>Every entry.</summary>
    All,
}

/// <summary>Reads the credit lists for pages and the API: pages of entries, one entry with its records and links.</summary>
public sealed class ListQueries(Database db, TimeProvider clock)
{
    private const string Select =
        $"SELECT {ListStore.Columns}, CASE WHEN {ListStore.InForce} THEN TRUE ELSE FALSE END AS InForce, s.ref AS Ref, s.kind AS Kind, s.name AS Name, " +
        "s.id_masked AS IdMasked, k.role AS LinkedRole, k.parent_id AS ParentId " +
        "FROM list_entries e JOIN subjects s ON s.id = e.subject_id LEFT JOIN list_entry_links k ON k.entry_id = e.id";

    /// <summary>
    /// A page of a list, newest decision first: <paramref name="size"/> rows and whether more follow. <paramref name="subjectId"/>
    /// narrows it to one subject, <paramref name="nameContains"/> to subjects whose name contains the text.
    /// </summary>
    public (IReadOnlyList<ListRow> Rows, bool More) Page(string list, ListFilter filter, int page, int size, long? subjectId = null, string? nameContains = null)
    {
        var where = new List<string> { "e.list = @list" };
        where.Add(filter switch
        {
            ListFilter.Public => $"{ListStore.InForce} AND e.published = TRUE",
            ListFilter.Active => "e.status = 'active'",
            ListFilter.Ended => "e.status = 'ended'",
            _ => "1 = 1",
        });
        if (subjectId is not null) where.Add("e.subject_id = @subjectId");
        if (!string.IsNullOrWhiteSpace(nameContains)) where.Add("s.name LIKE @like ESCAPE '\\'");
        var like = "%" + (nameContains ?? "").Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        using var c = db.Open();
        var rows = Read(c, $"{Select} WHERE {string.Join(" AND ", where)} ORDER BY e.decided_at DESC, e.id DESC LIMIT @take OFFSET @skip",
            new { list, subjectId, like, today = clock.Today(), take = size + 1, skip = Math.Max(0, page - 1) * size });
        return (rows.Take(size).ToList(), rows.Count > size);
    }

    /// <summary>One entry with its subject, or null.</summary>
    public ListRow? Entry(long id)
    {
        using var c = db.Open();
        return Read(c, $"{Select} WHERE e.id = @id", new { id, today = clock.Today() }).FirstOrDefault();
    }

    /// <summary>Every entry of a subject, in force first, newest first.</summary>
    public IReadOnlyList<ListRow> OfSubject(long subjectId) => OfSubject(subjectId, clock.Today());

    /// <summary>Every entry of a subject with its standing on <paramref name="today"/>, in force first, newest first.</summary>
    public IReadOnlyList<ListRow> OfSubject(long subjectId, DateOnly today)
    {
        using var c = db.Open();
        return Read(c, $"{Select} WHERE e.subject_id = @subjectId", new { subjectId, today })
            .OrderByDescending(r => r.Subject.InForce).ThenByDescending(r => r.Entry.DecidedAt).ToList();
    }

    /// <summary>The entries derived from an entry (Art. 33 linked persons).</summary>
    public IReadOnlyList<ListRow> Linked(long parentId)
    {
        using var c = db.Open();
        return Read(c, $"{Select} WHERE k.parent_id = @parentId ORDER BY e.id", new { parentId, today = clock.Today() });
    }

    /// <summary>The records an entry rests on (Art. 28).</summary>
    public IReadOnlyList<StoredRecord> SupportingRecords(long entryId)
    {
        using var c = db.Open();
        return c.Query<StoredRecord>(
            $"SELECT {RecordReader.Columns} FROM list_entry_records x JOIN records r ON r.id = x.record_id WHERE x.entry_id = @entryId ORDER BY r.id",
            new { entryId }).ToList();
    }

    private static List<ListRow> Read(System.Data.Common.DbConnection c, string sql, object args) =>
        c.Query<ListEntry, ListedSubject, ListRow>(sql, (e, s) => new ListRow(e, s), args, splitOn: "InForce").ToList();
}
