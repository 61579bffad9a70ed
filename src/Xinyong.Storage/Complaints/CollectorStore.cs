using System.Data.Common;
using Dapper;
using Xinyong.Complaints;

namespace Xinyong.Storage.Complaints;

/// <summary>
/// Persistence of the registry of credit-service firms and other collectors (Art. 41 (2), 43 (2)); the workflow
/// (validation, audit) is <c>Application/Complaints/CollectorRegistry</c>; the record is the domain's <see cref="Collector"/>. Writes take the caller's transaction.
/// </summary>
public sealed class CollectorStore(Database db)
{
    private const string Columns = "id, code, name, uscc, kind, region, business, registered_at AS RegisteredAt";

    /// <summary>
    /// Updates the collector of <paramref name="r"/>'s code, or adds it (registered at <paramref name="now"/> by
    /// <paramref name="actor"/>) when there is none; true when it was added.
    /// </summary>
    public bool Save(DbConnection c, DbTransaction tx, Collector r, DateTimeOffset now, string actor)
    {
        var values = new { code = r.Code, name = r.Name, uscc = r.Uscc, kind = r.Kind, region = r.Region, business = r.Business, now, actor };
        var updated = c.Execute("UPDATE info_collectors SET name = @name, uscc = @uscc, kind = @kind, region = @region, business = @business WHERE code = @code", values, tx);
        if (updated > 0) return false;
        c.Execute("INSERT INTO info_collectors (code, name, uscc, kind, region, business, registered_at, registered_by) VALUES (@code, @name, @uscc, @kind, @region, @business, @now, @actor)",
            values, tx);
        return true;
    }

    /// <summary>One collector by code, or null.</summary>
    public Collector? Get(string code)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Collector>($"SELECT {Columns} FROM info_collectors WHERE code = @code", new { code });
    }

    /// <summary>Every collector, by name.</summary>
    public IReadOnlyList<Collector> All()
    {
        using var c = db.Open();
        return c.Query<Collector>($"SELECT {Columns} FROM info_collectors ORDER BY name, code").ToList();
    }
}
