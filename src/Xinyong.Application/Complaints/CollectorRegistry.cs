using Xinyong.Complaints;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Complaints;

namespace Xinyong.Application.Complaints;

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
        if (!CollectorKinds.IsKnown(kind)) throw Refusal.Invalid("collector.kind", "须为 credit-service（信用服务机构）或 other（其他非公共信用信息采集单位）");
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
        var added = store.Save(c, tx, new Collector
        {
            Code = code, Name = name.Trim(), Uscc = normalized, Kind = kind, Region = string.IsNullOrWhiteSpace(region) ? null : region, Business = business?.Trim(),
        }, now, actor);
        audit.Append(c, tx, actor, added ? "collector.register" : "collector.update", $"collector:{code}", name.Trim());
        tx.Commit();
        return Get(code)!;
    }

    /// <summary>One collector by code, or null.</summary>
    public Collector? Get(string code) => store.Get(code);

    /// <summary>Every registered collector, by name.</summary>
    public IReadOnlyList<Collector> All() => store.All();
}
