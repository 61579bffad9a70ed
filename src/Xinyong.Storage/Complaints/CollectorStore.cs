using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Complaints;

/// <summary>A registered collector of non-public credit information as stored (<c>info_collectors</c>).</summary>
public sealed record CollectorRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Uscc { get; init; }
    public string Kind { get; init; } = "";
    public string? Region { get; init; }
    public string? Business { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>
/// Persistence of the registry of credit-service firms and other collectors (Art. 41 (2), 43 (2)); the workflow
/// (validation, audit) is <c>Application/Complaints/CollectorRegistry</c>. Writes take the caller's transaction.
/// </summary>
public sealed class CollectorStore(Database db)
{
    private const string Columns = "id, code, name, uscc, kind, region, business, registered_at AS RegisteredAt";

    /// <summary>
    /// Updates the collector of <paramref name="r"/>'s code, or adds it (registered at <paramref name="now"/> by
    /// <paramref name="actor"/>) when there is none; true when it was added.
    /// </summary>
    public bool Save(DbConnection c, DbTransaction tx, CollectorRow r, DateTimeOffset now, string actor)
    {
        var values = new { code = r.Code, name = r.Name, uscc = r.Uscc, kind = r.Kind, region = r.Region, business = r.Business, now, actor };
        var updated = c.Execute("UPDATE info_collectors SET name = @name, uscc = @uscc, kind = @kind, region = @region, business = @business WHERE code = @code", values, tx);
        if (updated > 0) return false;
        c.Execute("INSERT INTO info_collectors (code, name, uscc, kind, region, business, registered_at, registered_by) VALUES (@code, @name, @uscc, @kind, @region, @business, @now, @actor)",
            values, tx);
        return true;
    }

    /// <summary>One collector by code, or null.</summary>
    public CollectorRow? Get(string code)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<CollectorRow>($"SELECT {Columns} FROM info_collectors WHERE code = @code", new { code });
    }

    /// <summary>Every collector, by name.</summary>
    public IReadOnlyList<CollectorRow> All()
    {
        using var c = db.Open();
        return c.Query<CollectorRow>($"SELECT {Columns} FROM info_collectors ORDER BY name, code").ToList();
    }
}
