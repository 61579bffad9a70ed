using Xinyong.Catalog;
using Xinyong.Rules;

namespace Xinyong.Disclosure;

/// <summary>
/// The disclosure rules as data: <c>data/disclosure/*.yaml</c>, one file per published version (see
/// <c>data/disclosure/README.md</c>). Loaded with the catalog and checked against it; a wrong file is refused naming the
/// file, the item and the rule.
/// </summary>
public static class DisclosureFiles
{
    /// <summary>Loads every version in <paramref name="directory"/> (none when the folder does not exist), oldest first.</summary>
    public static IReadOnlyList<DisclosureVersion> LoadAll(string directory)
    {
        return RuleFiles.LoadVersions(RuleFileKinds.Disclosure, directory, Parse, v => v.Effective, Fail);
    }

    /// <summary>Parses one version.</summary>
    public static DisclosureVersion Parse(string yaml, string file)
    {
        var doc = RuleFiles.Read<Doc>(yaml, file, Fail, "empty disclosure rules");
        var version = RuleFiles.Version(doc.Version, file, Fail);
        var effective = RuleFiles.Effective(doc.Effective, file, Fail);
        if (string.IsNullOrWhiteSpace(doc.Basis)) throw new CatalogException($"{file}: 'basis' is missing (the national rules followed)");
        var earlier = doc.Earlier switch
        {
            null or "catalog" => EarlierRecords.Catalog,
            "tiers" => EarlierRecords.Tiers,
            _ => throw new CatalogException($"{file}: 'earlier' must be catalog or tiers"),
        };
        var windows = new Dictionary<Tier, TierWindow>();
        foreach (var (name, w) in doc.Tiers)
        {
            var tier = Tiers.Parse(name) ?? throw new CatalogException($"{file}: tier '{name}' is not minor, general or serious");
            if (w.MinMonths < 0 || w.MaxMonths < w.MinMonths) throw new CatalogException($"{file}: tier '{name}': maxMonths must not be below minMonths");
            windows[tier] = new TierWindow(w.MinMonths, w.MaxMonths, w.Published ?? true);
        }
        foreach (var t in Enum.GetValues<Tier>())
            if (!windows.ContainsKey(t)) throw new CatalogException($"{file}: tier '{t.Code()}' is missing");
        var items = new Dictionary<string, IReadOnlyList<TierRule>>();
        foreach (var (code, rules) in doc.Items)
        {
            if (rules.Count == 0) throw new CatalogException($"{file}: item '{code}' has no rules");
            var list = new List<TierRule>();
            foreach (var r in rules)
            {
                string Where() => $"{file}: item '{code}', rule '{r.Id}'";
                if (string.IsNullOrWhiteSpace(r.Id) || string.IsNullOrWhiteSpace(r.Name)) throw new CatalogException($"{file}: item '{code}': every rule needs an id and a name");
                if (list.Any(x => x.Id == r.Id)) throw new CatalogException($"{Where()}: defined twice");
                Tier? tier = r.Tier is null ? null : Tiers.Parse(r.Tier) ?? throw new CatalogException($"{Where()}: tier must be minor, general or serious");
                if ((tier is null) == (r.FromField is null)) throw new CatalogException($"{Where()}: give either 'tier' or 'fromField'");
                if (r.PublishMonths is { } pm && (tier != Tier.Minor || pm < 0 || pm > windows[Tier.Minor].MaxMonths))
                    throw new CatalogException($"{Where()}: 'publishMonths' applies to minor rules only, at most {windows[Tier.Minor].MaxMonths} months");
                list.Add(new TierRule(r.Id, r.Name, tier, r.FromField,
                    new TierCondition(r.Field, r.EqualsAny, r.ContainsAny, r.OnlyOf, r.AmountAtLeast, r.AuthorityContains), r.PublishMonths));
            }
            var last = list[^1];
            if (last.Tier is null || last.When.Field is not null || last.When.AuthorityContains.Count > 0)
                throw new CatalogException($"{file}: item '{code}': the last rule must assign a tier to every record (no condition)");
            items[code] = list;
        }
        return new DisclosureVersion(version, effective, doc.Basis, earlier, windows, items, file);
    }

    /// <summary>
    /// Checks the rules against the catalog (every item named is a negative item, every field named is in its schema) and
    /// attaches each item's tiering to it.
    /// </summary>
    public static IReadOnlyList<Catalog.Catalog> Attach(IReadOnlyList<Catalog.Catalog> catalogs, IReadOnlyList<DisclosureVersion> versions)
    {
        if (versions.Count == 0) return catalogs;
        foreach (var v in versions)
            foreach (var (code, rules) in v.Items)
            {
                var item = catalogs.Reverse().Select(c => c.Item(code)).FirstOrDefault(i => i is not null)
                           ?? throw new CatalogException($"{v.File}: item '{code}' is not in the catalog");
                if (item.Nature != Nature.Negative) throw new CatalogException($"{v.File}: item '{code}' is not negative information");
                foreach (var r in rules)
                    foreach (var f in new[] { r.When.Field, r.FromField })
                        if (f is not null && item.Field(f) is null)
                            throw new CatalogException($"{v.File}: item '{code}', rule '{r.Id}': field '{f}' is not in the item's schema");
            }
        return catalogs.Select(c => c with
        {
            Items = c.Items.ToDictionary(kv => kv.Key, kv => versions.Any(v => v.Items.ContainsKey(kv.Key))
                ? kv.Value with { Tiering = new ItemTiering(kv.Key, versions) }
                : kv.Value),
        }).ToList();
    }

    // YAML documents: mutable shapes for the deserializer only.
    private static CatalogException Fail(string message) => new(message);

    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? Basis { get; set; }
        public string? PublishedBy { get; set; }
        public string? Earlier { get; set; }
        public Dictionary<string, WindowDoc> Tiers { get; set; } = [];
        public Dictionary<string, List<RuleDoc>> Items { get; set; } = [];
    }

    private sealed class WindowDoc
    {
        public int MinMonths { get; set; }
        public int MaxMonths { get; set; }
        public bool? Published { get; set; }
    }

    private sealed class RuleDoc
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Tier { get; set; }
        public string? FromField { get; set; }
        public string? Field { get; set; }
        public List<string> EqualsAny { get; set; } = [];
        public List<string> ContainsAny { get; set; } = [];
        public List<string> OnlyOf { get; set; } = [];
        public decimal? AmountAtLeast { get; set; }
        public List<string> AuthorityContains { get; set; } = [];
        public int? PublishMonths { get; set; }
    }
}
