using System.Text.Json;
using Dapper;
using Xinyong.Inspections;

namespace Xinyong.Storage.Inspections;

/// <summary>A stored draw: its code, publishing department, status and published document.</summary>
public sealed record StoredDraw(string Code, string Department, DrawStatus Status, DrawDocument Document, string Json);

/// <summary>
/// The platform's 双随机 draws: a plan is committed (published with its rosters' hashes and the seed moment), then drawn
/// once from a public value after that moment. The stored document is what the portal publishes and what
/// <c>xinyong draw verify</c> recomputes. Target rosters can be built from the store: the subjects of a region with their
/// current grades (<see cref="RosterFromStore"/>).
/// </summary>
public sealed class InspectionDraws(Database db, Xinyong.Storage.Audit.AuditChain audit, TimeProvider clock)
{
    /// <summary>Publishes a committed plan.</summary>
    /// <exception cref="InspectionException">A plan with this code exists.</exception>
    public StoredDraw Commit(string department, DrawDocument committed)
    {
        var json = JsonSerializer.Serialize(committed, Draws.Json);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute(
            "INSERT INTO inspection_draws (code, department, status, document, published_at, seed_at) VALUES (@Code, @department, @status, @json, @PublishedAt, @SeedAt) ON CONFLICT (code) DO NOTHING",
            new { committed.Plan.Code, department, status = DrawStatus.Committed, json, committed.Plan.PublishedAt, committed.Plan.SeedAt }, tx);
        if (n == 0) throw InspectionException.PlanExists(committed.Plan.Code);
        audit.Append(c, tx, department, "inspection.commit", $"inspection-plan:{committed.Plan.Code}", $"commitment {committed.Commitment.Commitment}");
        tx.Commit();
        return new StoredDraw(committed.Plan.Code, department, DrawStatus.Committed, committed, json);
    }

    /// <summary>Draws a committed plan from the public value, once, not before its seed moment.</summary>
    public StoredDraw Reveal(string code, string department, string publicValue, string source)
    {
        var d = Get(code) ?? throw new KeyNotFoundException(code);
        if (d.Department != department) throw new UnauthorizedAccessException();
        if (d.Status != DrawStatus.Committed) throw InspectionException.AlreadyDrawn(code);
        var now = clock.GetUtcNow();
        var drawn = Draws.Reveal(d.Document, publicValue, source, now);
        var json = JsonSerializer.Serialize(drawn, Draws.Json);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("UPDATE inspection_draws SET status = @drawn, document = @json, drawn_at = @now WHERE code = @code AND status = @committed",
            new { drawn = DrawStatus.Drawn, json, now, code, committed = DrawStatus.Committed }, tx);
        if (n == 0) throw InspectionException.AlreadyDrawn(code);
        audit.Append(c, tx, department, "inspection.draw", $"inspection-plan:{code}", $"seed {drawn.Seed!.Seed} from {drawn.Seed.Source}: {drawn.Seed.PublicValue}");
        tx.Commit();
        return new StoredDraw(code, department, DrawStatus.Drawn, drawn, json);
    }

    /// <summary>A plan by code, or null.</summary>
    public StoredDraw? Get(string code)
    {
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<(string Department, string Status, string Document)?>("SELECT department, status, document FROM inspection_draws WHERE code = @code", new { code });
        return row is { } r ? new StoredDraw(code, r.Department, Statuses.Parse<DrawStatus>(r.Status), Draws.Parse(r.Document), r.Document) : null;
    }

    /// <summary>Every plan, newest first: code, department, status, published and seed moments.</summary>
    public IReadOnlyList<(string Code, string Department, DrawStatus Status, DateTimeOffset PublishedAt, DateTimeOffset SeedAt)> List()
    {
        using var c = db.Open();
        return c.Query<(string Code, string Department, string Status, DateTimeOffset PublishedAt, DateTimeOffset SeedAt)>(
                "SELECT code, department, status, published_at, seed_at FROM inspection_draws ORDER BY published_at DESC, code")
            .Select(p => (p.Code, p.Department, Statuses.Parse<DrawStatus>(p.Status), p.PublishedAt, p.SeedAt)).ToList();
    }

    /// <summary>
    /// A target roster from the store: market entities (not natural persons) whose region starts with
    /// <paramref name="region"/>, with their stored grade (ungraded subjects are left out: grade them first) and
    /// registration authority, optionally only some grades.
    /// </summary>
    public IReadOnlyList<DrawTarget> RosterFromStore(string region, IReadOnlyList<string>? grades)
    {
        using var c = db.Open();
        return c.Query<(string Ref, string Name, string? Region, string Grade, string? Authority)>(
                """
                SELECT s.ref, s.name, s.region, g.grade,
                       (SELECT MIN(r.authority) FROM records r WHERE r.subject_id = s.id AND r.item = 'registration' AND r.status = 'active') AS authority
                FROM subjects s JOIN subject_grades g ON g.subject_id = s.id
                WHERE s.kind <> 'natural-person' AND s.region LIKE @prefix
                ORDER BY s.ref
                """, new { prefix = region + "%" })
            .Where(t => grades is null || grades.Count == 0 || grades.Contains(t.Grade))
            .Select(t => new DrawTarget(t.Ref, Clean(t.Name), t.Region, null, t.Grade, t.Authority is null ? null : Clean(t.Authority))).ToList();
    }

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ').Replace(',', '，');
}
