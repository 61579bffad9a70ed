using Xinyong.Application.Platform;
using Microsoft.Extensions.Configuration;
using System.Globalization;
using Xinyong.Network;

namespace Xinyong.Application.Network;

/// <summary>
/// This instance as a node of the network (<c>Network</c> section of <c>xinyong.json</c>): its code, level and division
/// (from the registry unless set), its parent and children with their addresses (<c>Network:ParentUrl</c> and
/// <c>Network:Peers:CODE</c> override the registry's), and how often the outbox is forwarded. Without <c>Network:Node</c>
/// the instance stands alone.
/// </summary>
public sealed class LocalNode
{
    /// <summary>The node's code, or null when the instance is not a node.</summary>
    public string? Code { get; init; }
    /// <summary>The node's level.</summary>
    public NodeLevel Level { get; init; }
    /// <summary>The division the node serves.</summary>
    public string? Division { get; init; }
    /// <summary>The parent's code, or null.</summary>
    public string? Parent { get; init; }
    /// <summary>The children's codes.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];
    /// <summary>Child code → the division it serves (a record or list entry about a subject there goes down to it).</summary>
    public IReadOnlyDictionary<string, string> ChildDivisions { get; init; } = new Dictionary<string, string>();
    /// <summary>Peer code → API address.</summary>
    public IReadOnlyDictionary<string, string> Urls { get; init; } = new Dictionary<string, string>();
    /// <summary>How often the forwarding job looks at the outbox when it is idle.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Messages per signed batch.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>How long a peer may take to answer a batch.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the instance is a node.</summary>
    public bool Enabled => Code is not null;

    /// <summary>Whether <paramref name="code"/> is this node's parent or one of its children.</summary>
    public bool IsPeer(string code) => code == Parent || Children.Contains(code);

    /// <summary>The address of a peer, or null.</summary>
    public string? UrlOf(string code) => Urls.GetValueOrDefault(code);

    /// <summary>Reads the node from the configuration and the registry.</summary>
    /// <exception cref="ConfigurationException">A value is malformed or contradicts the registry.</exception>
    public static LocalNode From(IConfiguration? config, NodeRegistry registry)
    {
        var section = config?.GetSection("Network");
        if (section?["Node"] is not { Length: > 0 } code) return new LocalNode();
        var entry = registry.Get(code);
        var level = section["Level"] is { Length: > 0 } l
            ? NodeRegistry.LevelOf(l) ?? throw new ConfigurationException($"Network:Level: '{l}' is not city, province or national")
            : entry?.Level ?? throw new ConfigurationException($"Network:Node: node {code} is not in the registry (data/network/nodes.yaml) and Network:Level is not set");
        var parent = section["Parent"] is { Length: > 0 } p ? p : entry?.Parent;
        if (level == NodeLevel.National) parent = null;
        var children = registry.Children(code).Select(n => n.Code).ToList();
        var urls = registry.Nodes.Where(n => n.Url is not null).ToDictionary(n => n.Code, n => n.Url!);
        foreach (var peer in section.GetSection("Peers").GetChildren())
            if (peer.Value is { Length: > 0 } u)
            {
                urls[peer.Key] = u;
                if (peer.Key != parent && !children.Contains(peer.Key) && registry.Get(peer.Key)?.Parent == code) children.Add(peer.Key);
            }
        if (parent is not null && section["ParentUrl"] is { Length: > 0 } pu) urls[parent] = pu;
        foreach (var (peer, u) in urls)
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ConfigurationException($"Network: the address of node {peer} '{u}' is not an http(s) URL");
        return new LocalNode
        {
            Code = code, Level = level, Division = section["Division"] is { Length: > 0 } d ? d : entry?.Division ?? code, Parent = parent, Children = children,
            ChildDivisions = children.ToDictionary(ch => ch, ch => registry.Get(ch)?.Division ?? ch),
            Urls = urls,
            Interval = Span(section, "Interval", TimeSpan.FromSeconds(2)),
            Timeout = Span(section, "Timeout", TimeSpan.FromSeconds(30)),
            BatchSize = section["BatchSize"] is { Length: > 0 } b
                ? int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 ? n
                    : throw new ConfigurationException($"Network:BatchSize: '{b}' is not a whole number from 1 to 10000")
                : 500,
        };
    }

    private static TimeSpan Span(IConfiguration c, string key, TimeSpan fallback)
    {
        if (c[key] is not { Length: > 0 } v) return fallback;
        return TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero ? t
            : throw new ConfigurationException($"Network:{key}: '{v}' is not a positive duration (hh:mm:ss)");
    }
}
