using Xinyong.Rules;

namespace Xinyong.Network;

/// <summary>The level of a node of the credit information network (Art. 6 (1), 21).</summary>
public enum NodeLevel { City, Province, National }

/// <summary>One platform of the network, as the registry names it.</summary>
/// <param name="Code">The node's code (its administrative division code).</param>
/// <param name="Name">The platform's name.</param>
/// <param name="Level">City, province or national.</param>
/// <param name="Division">The division it serves.</param>
/// <param name="Parent">The node it forwards upward to, or null.</param>
/// <param name="Url">Its API address, or null when not yet connected.</param>
public sealed record NetworkNode(string Code, string Name, NodeLevel Level, string Division, string? Parent, string? Url);

/// <summary>A registry file that cannot be used; the message names the file and the entry.</summary>
public sealed class NodeRegistryException(string message) : Exception(message);

/// <summary>
/// The node registry (<c>network/nodes.yaml</c> of the rules folder): every platform of the network with its level,
/// division, parent and address. Each instance finds its parent and children here.
/// </summary>
public sealed class NodeRegistry
{
    private readonly Dictionary<string, NetworkNode> _nodes;

    private NodeRegistry(IEnumerable<NetworkNode> nodes) => _nodes = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);

    /// <summary>Every node.</summary>
    public IReadOnlyCollection<NetworkNode> Nodes => _nodes.Values;

    /// <summary>A node by code, or null.</summary>
    public NetworkNode? Get(string code) => _nodes.GetValueOrDefault(code);

    /// <summary>The nodes whose parent is <paramref name="code"/>.</summary>
    public IReadOnlyList<NetworkNode> Children(string code) => _nodes.Values.Where(n => n.Parent == code).OrderBy(n => n.Code, StringComparer.Ordinal).ToList();

    /// <summary>The file inside a rules folder.</summary>
    public static string PathIn(string rulesDirectory) => Path.Combine(RuleFileKinds.Network.DirectoryIn(rulesDirectory), RuleFileKinds.Network.FileName!);

    /// <summary>Loads the registry of a rules folder (an empty registry when the folder has none).</summary>
    public static NodeRegistry Load(string rulesDirectory)
    {
        return RuleFiles.LoadFile(RuleFileKinds.Network, rulesDirectory, Parse, Fail) ?? new NodeRegistry([]);
    }

    /// <summary>Parses and checks a registry: unique codes, known levels, parents that exist, no cycles.</summary>
    public static NodeRegistry Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail, "empty");
        var nodes = new List<NetworkNode>();
        foreach (var n in doc.Nodes ?? [])
        {
            if (string.IsNullOrWhiteSpace(n.Code)) throw new NodeRegistryException($"{fileName}: a node has no code");
            if (nodes.Any(x => x.Code == n.Code)) throw new NodeRegistryException($"{fileName}: node {n.Code} is listed twice");
            if (LevelOf(n.Level) is not { } level) throw new NodeRegistryException($"{fileName}: node {n.Code}: level '{n.Level}' is not city, province or national");
            nodes.Add(new NetworkNode(n.Code, n.Name ?? n.Code, level, n.Division ?? n.Code, Blank(n.Parent), Blank(n.Url)));
        }
        var reg = new NodeRegistry(nodes);
        foreach (var n in nodes)
        {
            if (n.Parent is { } p && reg.Get(p) is null) throw new NodeRegistryException($"{fileName}: node {n.Code}: parent {p} is not in the registry");
            var seen = new HashSet<string> { n.Code };
            for (var up = n.Parent; up is not null; up = reg.Get(up)?.Parent)
                if (!seen.Add(up)) throw new NodeRegistryException($"{fileName}: node {n.Code}: its parents form a cycle");
        }
        return reg;
    }

    /// <summary>A level by its name in files and configuration.</summary>
    public static NodeLevel? LevelOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "city" => NodeLevel.City,
        "province" => NodeLevel.Province,
        "national" => NodeLevel.National,
        _ => null,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static NodeRegistryException Fail(string message) => new(message);

    private sealed class Doc
    {
        public List<NodeDoc>? Nodes { get; set; }
    }

    private sealed class NodeDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Level { get; set; }
        public string? Division { get; set; }
        public string? Parent { get; set; }
        public string? Url { get; set; }
    }
}
