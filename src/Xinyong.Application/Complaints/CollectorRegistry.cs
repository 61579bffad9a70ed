using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Complaints;

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

    /// <summary>The collector of a stored row.</summary>
    public static Collector Of(CollectorRow r) => new()
    {
        Id = r.Id, Code = r.Code, Name = r.Name, Uscc = r.Uscc, Kind = r.Kind, Region = r.Region, Business = r.Business, RegisteredAt = r.RegisteredAt,
    };
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
public sealed class CollectorRegistry(Database db, CollectorStore store, AuditChain audit, TimeProvider clock)
{

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
        var added = store.Save(c, tx, new CollectorRow
        {
            Code = code, Name = name.Trim(), Uscc = normalized, Kind = kind, Region = string.IsNullOrWhiteSpace(region) ? null : region, Business = business?.Trim(),
        }, now, actor);
        audit.Append(c, tx, actor, added ? "collector.register" : "collector.update", $"collector:{code}", name.Trim());
        tx.Commit();
        return Get(code)!;
    }

    /// <summary>One collector by code, or null.</summary>
    public Collector? Get(string code) => store.Get(code) is { } r ? Collector.Of(r) : null;

    /// <summary>Every registered collector, by name.</summary>
    public IReadOnlyList<Collector> All() => store.All().Select(Collector.Of).ToList();
}
