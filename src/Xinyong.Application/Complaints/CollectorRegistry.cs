using Dapper;
using Xinyong.Identifiers;
using Xinyong.Storage.Audit;

using Xinyong.Storage;

namespace Xinyong.Application.Complaints;

/// <summary>A credit-service firm or another collector of non-public credit information.</summary>
public sealed record Collector
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Uscc { get; init; }
    /// <summary>credit-service (信用服务机构) or other (其他非公共信用信息采集单位).</summary>
    public string Kind { get; init; } = "";
    public string? Region { get; init; }
    public string? Business { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>The Chinese name of its kind.</summary>
    public string KindLabel => Kind == CollectorKinds.CreditService ? "信用服务机构" : "其他非公共信用信息采集单位";
}

/// <summary>The kinds of collectors.</summary>
public static class CollectorKinds
{
    public const string CreditService = "credit-service";
    public const string Other = "other";
}

/// <summary>
/// The public registry of credit-service firms and other collectors of non-public credit information (Art. 41 (2), 43 (2)):
/// the credit agency registers them; anyone reads it; a complaint names one.
/// </summary>
public sealed class CollectorRegistry(Database db, AuditChain audit, TimeProvider clock)
{
    private const string Columns = "id, code, name, uscc, kind, region, business, registered_at AS RegisteredAt";

    /// <summary>Registers a collector (or updates it by code) and returns it.</summary>
    /// <exception cref="Refusal">Invalid: a field missing or wrong.</exception>
    public Collector Register(string code, string name, string? uscc, string kind, string? region, string? business, string actor)
    {
        code = code?.Trim() ?? "";
        if (code.Length is < 2 or > 64 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw Refusal.Invalid("collector.code", "登记编号须为2至64位字母、数字、连字符或下划线");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) throw Refusal.Invalid("collector.name", "须填写单位名称（不超过200字）");
        if (kind is not (CollectorKinds.CreditService or CollectorKinds.Other)) throw Refusal.Invalid("collector.kind", "须为 credit-service（信用服务机构）或 other（其他非公共信用信息采集单位）");
        string? normalized = null;
        if (!string.IsNullOrWhiteSpace(uscc))
        {
            if (!Identifiers.Uscc.TryParse(uscc, out var u, out var e)) throw Refusal.Invalid("collector.uscc", "" + e.Message(IdKind.Uscc).Split(" / ")[0]);
            normalized = u.Value;
        }
        if (!string.IsNullOrWhiteSpace(region) && (region.Length != 6 || !region.All(char.IsAsciiDigit)))
            throw Refusal.Invalid("collector.region", "须为六位行政区划代码");
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var updated = c.Execute("UPDATE info_collectors SET name = @name, uscc = @uscc, kind = @kind, region = @region, business = @business WHERE code = @code",
            new { code, name = name.Trim(), uscc = normalized, kind, region = string.IsNullOrWhiteSpace(region) ? null : region, business = business?.Trim() }, tx);
        if (updated == 0)
            c.Execute("INSERT INTO info_collectors (code, name, uscc, kind, region, business, registered_at, registered_by) VALUES (@code, @name, @uscc, @kind, @region, @business, @now, @actor)",
                new { code, name = name.Trim(), uscc = normalized, kind, region = string.IsNullOrWhiteSpace(region) ? null : region, business = business?.Trim(), now, actor }, tx);
        audit.Append(c, tx, actor, updated == 0 ? "collector.register" : "collector.update", $"collector:{code}", name.Trim());
        tx.Commit();
        return Get(code)!;
    }

    /// <summary>One collector by code, or null.</summary>
    public Collector? Get(string code)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<Collector>($"SELECT {Columns} FROM info_collectors WHERE code = @code", new { code });
    }

    /// <summary>Every registered collector, by name.</summary>
    public IReadOnlyList<Collector> All()
    {
        using var c = db.Open();
        return c.Query<Collector>($"SELECT {Columns} FROM info_collectors ORDER BY name, code").ToList();
    }
}
