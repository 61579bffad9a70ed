namespace Xinyong.Complaints;

/// <summary>
/// A credit-service firm or another collector of non-public credit information in the public registry (Art. 41 (2),
/// 43 (2)), as stored (<c>info_collectors</c>) and as the registry, the API and the pages show it: one record in every layer.
/// </summary>
public sealed record Collector
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Uscc { get; init; }
    /// <summary><see cref="CollectorKinds.CreditService"/> (信用服务机构) or <see cref="CollectorKinds.Other"/> (其他非公共信用信息采集单位).</summary>
    public string Kind { get; init; } = "";
    public string? Region { get; init; }
    public string? Business { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>The Chinese name of its kind.</summary>
    public string KindLabel => CollectorKinds.Label(Kind);
}

/// <summary>The kinds of collectors (Art. 41 (2), 43 (2)) and their Chinese names.</summary>
public static class CollectorKinds
{
    /// <summary>A credit-service firm (信用服务机构).</summary>
    public const string CreditService = "credit-service";

    /// <summary>Another collector of non-public credit information (其他非公共信用信息采集单位).</summary>
    public const string Other = "other";

    /// <summary>Whether <paramref name="kind"/> is one of the kinds.</summary>
    public static bool IsKnown(string? kind) => kind is CreditService or Other;

    /// <summary>The Chinese name of a kind.</summary>
    public static string Label(string kind) => kind == CreditService ? "信用服务机构" : "其他非公共信用信息采集单位";
}
