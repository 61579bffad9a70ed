using System.Data.Common;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Subjects;

namespace Xinyong.Storage.Subjects;

/// <summary>A stored subject.</summary>
public sealed record SubjectRow
{
    public long Id { get; init; }
    /// <summary>The public reference: the USCC, or P + 16 hex for a natural person.</summary>
    public string Ref { get; init; } = "";
    public string Kind { get; init; } = "";
    public string IdType { get; init; } = "";
    public string IdMasked { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Region { get; init; }
    public string? LegalRep { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The kind as an enum.</summary>
    public SubjectKind KindValue => SubjectKinds.FromCode(Kind) ?? SubjectKind.LegalPerson;

    /// <summary>True for a natural person, whose name and numbers are personal information.</summary>
    public bool IsNaturalPerson => Kind == "natural-person";
}

/// <summary>A subject seen in a record: what the pipeline knows about it.</summary>
public sealed record SubjectSeed(SubjectIdentity Identity, SubjectKind Kind, string Name, string? Region, string? LegalRep);

/// <summary>
/// The subjects one import has already resolved (lookup key → id and current name), so that a subject named by many
/// rows is looked up once. Bounded: cleared when it reaches its capacity, so memory does not grow with the file.
/// </summary>
public sealed class SubjectCache(int capacity = 500_000)
{
    private readonly Dictionary<string, (long Id, string Name)> _map = new();

    /// <summary>Looks a subject up.</summary>
    public bool TryGet(string key, out (long Id, string Name) value) => _map.TryGetValue(key, out value);

    /// <summary>Remembers a subject.</summary>
    public void Set(string key, long id, string name)
    {
        if (_map.Count >= capacity && !_map.ContainsKey(key)) _map.Clear();
        _map[key] = (id, name);
    }
}

/// <summary>A name a subject was known by.</summary>
public sealed record SubjectName
{
    public string Name { get; init; } = "";
    public DateTimeOffset FirstSeen { get; init; }
    public string Source { get; init; } = "";
}

/// <summary>
/// Subjects: created and matched only by a valid identifier (Art. 19), names kept as history. A natural person's
/// number is stored only as a keyed hash and a masked form.
/// </summary>
public sealed class SubjectStore(Database db, PersonalIdHasher hasher, TimeProvider clock)
{
    /// <summary>The columns of <see cref="SubjectRow"/> over <c>subjects</c>, for queries of other features.</summary>
    public const string Columns = "id, ref, kind, id_type AS IdType, id_masked AS IdMasked, name, region, legal_rep AS LegalRep, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>The hasher of personal identity numbers.</summary>
    public PersonalIdHasher Hasher => hasher;

    /// <summary>
    /// Finds a subject by what a user typed: a USCC, a resident identity number, or a public reference (P…).
    /// Returns null for an unknown subject; throws <see cref="FormatException"/> for text that is none of these.
    /// </summary>
    public SubjectRow? Find(string code)
    {
        var key = LookupKeyOf(code);
        using var c = db.Open();
        if (key.Length == 17 && key[0] is 'P' or 'G')
        {
            // P + 16 hex is the start of the keyed hash (p: + 32 hex): a range on the id_key index, no second index needed.
            // G + 16 hex likewise for a government body known only by its name (g: + 32 hex).
            var lo = (key[0] == 'P' ? "p:" : "g:") + key[1..].ToLowerInvariant();
            return c.QueryFirstOrDefault<SubjectRow>($"SELECT {Columns} FROM subjects WHERE id_key >= @lo AND id_key < @hi ORDER BY id", new { lo, hi = lo + "g" });
        }
        return c.QueryFirstOrDefault<SubjectRow>($"SELECT {Columns} FROM subjects WHERE id_key = @key", new { key });
    }

    /// <summary>A subject by its internal id.</summary>
    public SubjectRow? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<SubjectRow>($"SELECT {Columns} FROM subjects WHERE id = @id", new { id });
    }

    /// <summary>The key to look a typed code up by, or <see cref="FormatException"/> when the code is not valid.</summary>
    public string LookupKeyOf(string code) => SubjectIdentity.LookupKeyOfTyped(code, clock.Today(), hasher);

    /// <summary>Every name the subject was known by, oldest first.</summary>
    public IReadOnlyList<SubjectName> Names(long subjectId)
    {
        using var c = db.Open();
        return c.Query<SubjectName>("SELECT name, first_seen AS FirstSeen, source FROM subject_names WHERE subject_id = @subjectId ORDER BY first_seen, name", new { subjectId }).ToList();
    }

    /// <summary>
    /// Finds or creates the subjects of a chunk of records, inside the caller's transaction. Names: a new subject takes
    /// the record's name; a differing name is added to the history, and becomes the current name when
    /// <paramref name="authoritativeNames"/> (registration records).
    /// </summary>
    /// <param name="c">The connection.</param>
    /// <param name="tx">The caller's transaction.</param>
    /// <param name="seeds">The subjects the chunk's records name.</param>
    /// <param name="source">The catalog item the names come from (for the history).</param>
    /// <param name="authoritativeNames">Whether these records decide the subject's current name.</param>
    /// <param name="cache">Subjects already resolved by this import (lookup key → id and name); updated here.</param>
    /// <returns>Subject ids by lookup key.</returns>
    public Dictionary<string, long> Resolve(DbConnection c, DbTransaction tx, IEnumerable<SubjectSeed> seeds, string source, bool authoritativeNames,
        SubjectCache? cache = null) =>
        Resolve(c, tx, seeds.Select(s => (s.Identity.LookupKey(hasher), s)), source, authoritativeNames, cache);

    /// <summary>As <see cref="Resolve(DbConnection, DbTransaction, IEnumerable{SubjectSeed}, string, bool, SubjectCache?)"/>, with each
    /// seed's lookup key already computed (the collection pipeline computes it on its reading thread).</summary>
    public Dictionary<string, long> Resolve(DbConnection c, DbTransaction tx, IEnumerable<(string Key, SubjectSeed Seed)> seeds, string source, bool authoritativeNames,
        SubjectCache? cache = null)
    {
        cache ??= new SubjectCache();
        var byKey = new Dictionary<string, SubjectSeed>();
        foreach (var (k, s) in seeds) byKey.TryAdd(k, s);
        var ids = new Dictionary<string, long>(byKey.Count);
        var names = new Dictionary<string, string>(byKey.Count);
        var unknown = new List<string>();
        foreach (var (key, seed) in byKey)
        {
            if (cache.TryGet(key, out var hit)) { ids[key] = hit.Id; names[key] = hit.Name; }
            else unknown.Add(key);
        }
        if (c is Microsoft.Data.Sqlite.SqliteConnection lite)
        {
            // SQLite: one prepared lookup per key is cheaper than parsing long IN lists.
            using var find = new SqliteStatement(lite, (Microsoft.Data.Sqlite.SqliteTransaction)tx, "SELECT id, name FROM subjects WHERE id_key = ?1");
            foreach (var key in unknown)
                if (find.First(key) is { } hit) { ids[key] = hit.Id; names[key] = hit.Text; }
        }
        else
        {
            foreach (var (id, key, name) in c.Query<(long, string, string)>($"SELECT id, id_key, name FROM subjects WHERE {db.In("id_key", "unknown")}", new { unknown }, tx))
            {
                ids[key] = id;
                names[key] = name;
            }
        }

        var now = clock.GetUtcNow();
        var missing = byKey.Where(kv => !ids.ContainsKey(kv.Key)).ToList();
        if (missing.Count > 0)
        {
            foreach (var (id, key) in Insert(c, tx, missing, now)) ids[key] = id;
            // PostgreSQL: another import may have created some of them meanwhile (ON CONFLICT DO NOTHING).
            var raced = missing.Where(m => !ids.ContainsKey(m.Key)).Select(m => m.Key).ToArray();
            if (raced.Length > 0)
                foreach (var (id, key, name) in c.Query<(long, string, string)>($"SELECT id, id_key, name FROM subjects WHERE {db.In("id_key", "raced")}", new { raced }, tx))
                {
                    ids[key] = id;
                    names[key] = name;
                }
            var created = missing.Where(m => !raced.Contains(m.Key)).ToList();
            BulkInsert.Rows(c, tx, "subject_names", NameColumns, created.Select(kv => new object?[] { ids[kv.Key], kv.Value.Name, now, source }));
            foreach (var kv in created) names[kv.Key] = kv.Value.Name;
        }

        foreach (var (key, seed) in byKey)
        {
            var current = names[key];
            if (current != seed.Name)
            {
                var id = ids[key];
                var insert = db.Dialect == Dialect.Postgres
                    ? "INSERT INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source) ON CONFLICT DO NOTHING"
                    : "INSERT OR IGNORE INTO subject_names (subject_id, name, first_seen, source) VALUES (@id, @name, @now, @source)";
                c.Execute(insert, new { id, name = seed.Name, now, source }, tx);
                if (authoritativeNames)
                {
                    c.Execute("UPDATE subjects SET name = @name, legal_rep = COALESCE(@rep, legal_rep), updated_at = @now WHERE id = @id",
                        new { id, name = seed.Name, rep = seed.LegalRep, now }, tx);
                    current = seed.Name;
                }
            }
            cache.Set(key, ids[key], current);
        }
        return ids;
    }

    private static readonly (string, ColumnType)[] NameColumns =
        [("subject_id", ColumnType.BigInt), ("name", ColumnType.Text), ("first_seen", ColumnType.Instant), ("source", ColumnType.Text)];

    private IEnumerable<(long Id, string Key)> Insert(DbConnection c, DbTransaction tx, List<KeyValuePair<string, SubjectSeed>> missing, DateTimeOffset now)
    {
        if (db.Dialect == Dialect.Postgres)
        {
            var keys = missing.Select(m => m.Key).ToArray();
            return c.Query<(long, string)>(
                """
                INSERT INTO subjects (ref, kind, id_type, id_key, id_masked, name, region, legal_rep, created_at, updated_at)
                SELECT r, k, t, key, m, n, g, l, @now, @now
                FROM unnest(@refs::text[], @kinds::text[], @types::text[], @keys::text[], @masked::text[], @names::text[], @regions::text[], @reps::text[]) AS x(r, k, t, key, m, n, g, l)
                ON CONFLICT (id_key) DO NOTHING
                RETURNING id, id_key
                """,
                new
                {
                    refs = missing.Select(m => PersonalIdHasher.PublicRef(m.Key)).ToArray(),
                    kinds = missing.Select(m => m.Value.Kind.Code()).ToArray(),
                    types = missing.Select(m => m.Value.Identity.IdType).ToArray(),
                    keys,
                    masked = missing.Select(m => m.Value.Identity.Masked).ToArray(),
                    names = missing.Select(m => m.Value.Name).ToArray(),
                    regions = missing.Select(m => m.Value.Region).ToArray(),
                    reps = missing.Select(m => m.Value.LegalRep).ToArray(),
                    now,
                }, tx).ToList();
        }
        var result = new List<(long, string)>(missing.Count);
        using var insert = new SqliteStatement((Microsoft.Data.Sqlite.SqliteConnection)c, (Microsoft.Data.Sqlite.SqliteTransaction)tx,
            "INSERT INTO subjects (ref, kind, id_type, id_key, id_masked, name, region, legal_rep, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
        foreach (var (key, s) in missing)
            result.Add((insert.Insert(PersonalIdHasher.PublicRef(key), s.Kind.Code(), s.Identity.IdType, key, s.Identity.Masked, s.Name, s.Region, s.LegalRep, now), key));
        return result;
    }
}
