using Dapper;
using Xinyong.Content;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Content;

/// <summary>A content page of the portal: its current version.</summary>
public sealed record ContentPage
{
    public long Id { get; init; }
    public string Section { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>Markdown.</summary>
    public string Body { get; init; } = "";
    public bool Published { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
}

/// <summary>One kept version of a content page.</summary>
public sealed record ContentVersion
{
    public long PageId { get; init; }
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public bool Published { get; init; }
    public DateTimeOffset SavedAt { get; init; }
    public string SavedBy { get; init; } = "";
    public string Note { get; init; } = "";
}

/// <summary>
/// The portal's content pages (news, policies, notices, typical cases, guidance …): the credit agency's staff write
/// them, publish and withdraw them; every save is a new version, and earlier versions are kept (and audited).
/// </summary>
public sealed class ContentStore(Database db, AuditChain audit, TimeProvider clock)
{
    private const string Columns = "id, section, title, body, published, published_at AS PublishedAt, version, updated_at AS UpdatedAt, updated_by AS UpdatedBy";

    /// <summary>A page by id (published or not), or null.</summary>
    public ContentPage? Get(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<ContentPage>($"SELECT {Columns} FROM content_pages WHERE id = @id", new { id });
    }

    /// <summary>The published pages of a section, newest first.</summary>
    public IReadOnlyList<ContentPage> Published(string section, int take)
    {
        using var c = db.Open();
        return c.Query<ContentPage>(
            $"SELECT {Columns} FROM content_pages WHERE section = @section AND published = TRUE ORDER BY published_at DESC, id DESC LIMIT @take",
            new { section, take }).ToList();
    }

    /// <summary>Every page (published or not), for the editors: by section, newest change first.</summary>
    public IReadOnlyList<ContentPage> All()
    {
        using var c = db.Open();
        return c.Query<ContentPage>($"SELECT {Columns} FROM content_pages ORDER BY section, updated_at DESC, id DESC").ToList();
    }

    /// <summary>Whether any page exists.</summary>
    public bool Any()
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM content_pages") > 0;
    }

    /// <summary>The kept versions of a page, newest first.</summary>
    public IReadOnlyList<ContentVersion> History(long id)
    {
        using var c = db.Open();
        return c.Query<ContentVersion>(
            "SELECT page_id AS PageId, version, title, body, published, saved_at AS SavedAt, saved_by AS SavedBy, note FROM content_page_versions WHERE page_id = @id ORDER BY version DESC",
            new { id }).ToList();
    }

    /// <summary>One kept version, or null.</summary>
    public ContentVersion? Version(long id, int version) => History(id).FirstOrDefault(v => v.Version == version);

    /// <summary>Creates a page and returns its id.</summary>
    public long Create(string section, string title, string body, bool published, string actor)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO content_pages (section, title, body, published, published_at, version, updated_at, updated_by)
            VALUES (@section, @title, @body, @published, @publishedAt, 1, @now, @actor) RETURNING id
            """, new { section, title, body, published, publishedAt = published ? now : (DateTimeOffset?)null, now, actor }, tx);
        c.Execute(
            "INSERT INTO content_page_versions (page_id, version, title, body, published, saved_at, saved_by, note) VALUES (@id, 1, @title, @body, @published, @now, @actor, @note)",
            new { id, title, body, published, now, actor, note = published ? ContentNotes.CreatedPublished : ContentNotes.Created }, tx);
        audit.Append(c, tx, actor, "content.create", $"content:{id}", $"{section} {title}");
        tx.Commit();
        return id;
    }

    /// <summary>
    /// Saves a new version of a page: its title and body, and whether it is published. Publishing a page that was not
    /// published sets its publication time. Returns the new version, or null when the page does not exist.
    /// </summary>
    public int? Save(long id, string title, string body, bool published, string actor)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var page = c.QuerySingleOrDefault<ContentPage>($"SELECT {Columns} FROM content_pages WHERE id = @id", new { id }, tx);
        if (page is null) return null;
        var version = page.Version + 1;
        var publishedAt = published ? (page.Published ? page.PublishedAt : now) : page.PublishedAt;
        var note = ContentNotes.OfSave(page.Published, published);
        if (note == ContentNotes.Edited && page.Title == title && page.Body == body) return page.Version;
        c.Execute(
            "UPDATE content_pages SET title = @title, body = @body, published = @published, published_at = @publishedAt, version = @version, updated_at = @now, updated_by = @actor WHERE id = @id",
            new { id, title, body, published, publishedAt, version, now, actor }, tx);
        c.Execute(
            "INSERT INTO content_page_versions (page_id, version, title, body, published, saved_at, saved_by, note) VALUES (@id, @version, @title, @body, @published, @now, @actor, @note)",
            new { id, version, title, body, published, now, actor, note }, tx);
        audit.Append(c, tx, actor, "content.save", $"content:{id}", $"v{version} {note}");
        tx.Commit();
        return version;
    }
}
