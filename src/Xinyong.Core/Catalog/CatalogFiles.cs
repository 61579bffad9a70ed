using Xinyong.Rules;

namespace Xinyong.Catalog;

/// <summary>A catalog that cannot be loaded; the message names the file, the item and the field.</summary>
public sealed class CatalogException(string message) : Exception(message);

/// <summary>
/// The catalog as data: <c>data/catalog/*.yaml</c>, one file per published version (see
/// <c>data/catalog/README.md</c>). Loaded at start and validated; a catalog naming a category that Art. 20 forbids is
/// refused with a message naming the item and the field.
/// </summary>
public static class CatalogFiles
{
    /// <summary>Loads every version in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<Catalog> LoadAll(string directory)
    {
        return RuleFiles.LoadVersions(RuleFileKinds.Catalog, directory, Parse, c => c.Effective, Fail);
    }

    /// <summary>The version in force on <paramref name="day"/>: the latest whose effective date is not after it.</summary>
    public static Catalog Current(IReadOnlyList<Catalog> versions, DateOnly day) =>
        versions.LastOrDefault(v => v.Effective <= day) ?? versions[0];

    /// <summary>Parses and validates one catalog version.</summary>
    public static Catalog Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<CatalogDoc>(yaml, fileName, Fail, "empty catalog");
        var version = RuleFiles.Version(doc.Version, fileName, Fail);
        var effective = RuleFiles.Effective(doc.Effective, fileName, Fail);
        var groups = Groups(doc.Groups, fileName);
        var items = new Dictionary<string, CatalogItem>();
        foreach (var d in doc.Items)
        {
            var item = Build(d, fileName);
            if (!items.TryAdd(item.Code, item)) throw new CatalogException($"{fileName}: item '{item.Code}' is defined twice");
            if (groups.All(g => g.Code != item.Group))
                throw new CatalogException($"{fileName}: item '{item.Code}', 'group': '{item.Group}' is not one of the catalog's groups ({string.Join(", ", groups.Select(g => g.Code))})");
        }
        return new Catalog(version, effective, doc.PublishedBy ?? string.Empty, items, groups);
    }

    /// <summary>The catalog's groups, checked (codes and orders unique, labels and sections given, basic and list declared) and in order.</summary>
    private static List<CatalogGroup> Groups(List<GroupDoc> docs, string file)
    {
        var groups = new List<CatalogGroup>();
        foreach (var g in docs)
        {
            if (string.IsNullOrWhiteSpace(g.Code)) throw new CatalogException($"{file}: a group has no code");
            if (string.IsNullOrWhiteSpace(g.Label)) throw new CatalogException($"{file}: group '{g.Code}': 'label' is missing");
            if (string.IsNullOrWhiteSpace(g.Section)) throw new CatalogException($"{file}: group '{g.Code}': 'section' is missing");
            if (g.Order is not { } order) throw new CatalogException($"{file}: group '{g.Code}': 'order' is missing");
            if (groups.Any(x => x.Code == g.Code)) throw new CatalogException($"{file}: group '{g.Code}' is defined twice");
            if (groups.FirstOrDefault(x => x.Order == order) is { } same)
                throw new CatalogException($"{file}: group '{g.Code}': 'order' {order} is also the order of group '{same.Code}'");
            groups.Add(new CatalogGroup(g.Code, g.Label, g.Section, order, g.SubjectKinds));
        }
        foreach (var needed in new[] { CatalogGroup.Basic, CatalogGroup.Lists })
            if (groups.All(g => g.Code != needed)) throw new CatalogException($"{file}: 'groups' has no group '{needed}'");
        return groups.OrderBy(g => g.Order).ToList();
    }

    private static CatalogException Fail(string message) => new(message);

    private static CatalogItem Build(ItemDoc d, string file)
    {
        string Where(string? field = null) => field is null ? $"{file}: item '{d.Code}'" : $"{file}: item '{d.Code}', field '{field}'";
        if (string.IsNullOrWhiteSpace(d.Code)) throw new CatalogException($"{file}: an item has no code");
        Require(d.Name, "name"); Require(d.Behaviour, "behaviour"); Require(d.DataSource, "dataSource"); Require(d.Group, "group");
        if (d.ProviderUnits.Count == 0) throw new CatalogException($"{Where()}: 'providerUnits' is empty (Art. 18 requires the provider units)");
        if (d.Category is < 1 or > 10) throw new CatalogException($"{Where()}: 'category' must be one of the ten categories of Art. 18 (1-10)");
        if (d.Disclosure is null) throw new CatalogException($"{Where()}: 'disclosure' is missing (Art. 18 requires the disclosure period)");
        if (d.UpdateWorkingDays is null or < 0) throw new CatalogException($"{Where()}: 'updateWorkingDays' is missing (Art. 18 requires the update cycle)");
        if (d.Repair is null) throw new CatalogException($"{Where()}: 'repair' is missing");

        var nature = ParseEnum<Nature>(d.Nature, Where(), "nature");
        var fields = new List<FieldDef>();
        foreach (var f in d.Fields)
        {
            if (string.IsNullOrWhiteSpace(f.Code) || string.IsNullOrWhiteSpace(f.Label))
                throw new CatalogException($"{Where()}: every field needs a code and a label");
            var type = ParseEnum<FieldType>(f.Type ?? "text", Where(f.Code), "type");
            var role = ParseEnum<FieldRole>(f.Role ?? "none", Where(f.Code), "role");
            if (type == FieldType.Enum && f.Values.Count == 0) throw new CatalogException($"{Where(f.Code)}: an enum field needs 'values'");
            if (fields.Any(x => x.Code == f.Code)) throw new CatalogException($"{Where(f.Code)}: defined twice");
            var mask = ParseEnum<MaskKind>(f.Mask ?? "auto", Where(f.Code), "mask");
            if (f.FreeText && type != FieldType.Text)
                throw new CatalogException($"{Where(f.Code)}: 'freeText' applies to fields of type text only");
            fields.Add(new FieldDef(f.Code, f.Label, type, f.Required, f.Personal, role, f.Values, f.Aliases, f.MaxLength ?? 2000, mask, f.FreeText));
        }
        if (fields.Count == 0) throw new CatalogException($"{Where()}: the field schema is empty");
        var subjectKinds = d.SubjectKinds;
        ForbiddenCategories.Check(d.Code, d.Name!, d.Behaviour!, fields, subjectKinds, file);

        foreach (var k in d.Key)
            if (fields.All(f => f.Code != k)) throw new CatalogException($"{Where(k)}: key field is not in the schema");
        if (d.Key.Count == 0) throw new CatalogException($"{Where()}: 'key' is empty (the fields that identify one record)");
        bool HasRole(FieldRole r) => fields.Any(f => f.Role == r);
        if (!HasRole(FieldRole.SubjectName)) throw new CatalogException($"{Where()}: no field has role subjectName");
        if (!HasRole(FieldRole.SubjectUscc) && !HasRole(FieldRole.SubjectIdNumber) && !HasRole(FieldRole.SubjectCode))
            throw new CatalogException($"{Where()}: no field identifies the subject (role subjectUscc, subjectIdNumber or subjectCode, Art. 19)");

        var exclusions = d.Exclusions.Select(e =>
        {
            if (fields.All(f => f.Code != e.Field)) throw new CatalogException($"{Where(e.Field)}: exclusion names a field not in the schema");
            return new ExclusionRule(e.Field!, e.EqualsAny, e.ContainsAny, e.Code ?? "excluded", e.Reason ?? "不属于公共信用信息");
        }).ToList();
        if (d.Severity?.Field is { } sf && fields.All(f => f.Code != sf)) throw new CatalogException($"{Where(sf)}: severity names a field not in the schema");

        return new CatalogItem
        {
            Code = d.Code,
            Name = d.Name!,
            Category = d.Category,
            Behaviour = d.Behaviour!,
            ProviderUnits = d.ProviderUnits,
            DataSource = d.DataSource!,
            Nature = nature,
            Share = ParseEnum<ShareAttribute>(d.Share, Where(), "share"),
            Open = ParseEnum<OpenAttribute>(d.Open, Where(), "open"),
            Disclosure = d.Disclosure.ToRule(),
            SeriousDisclosure = d.SeriousDisclosure?.ToRule(),
            Severity = d.Severity is null ? null : new SeverityRule(d.Severity.Field, d.Severity.ContainsAny, d.Severity.AmountAtLeast),
            UpdateWorkingDays = d.UpdateWorkingDays.Value,
            Repair = new RepairRule(d.Repair.Allowed, d.Repair.Conditions, d.Repair.Evidence),
            Exclusions = exclusions,
            SubjectKinds = subjectKinds,
            KeyFields = d.Key,
            Fields = fields,
            Group = d.Group!,
        };

        void Require(string? v, string name)
        {
            if (string.IsNullOrWhiteSpace(v)) throw new CatalogException($"{Where()}: '{name}' is missing (Art. 18)");
        }
    }

    private static T ParseEnum<T>(string? value, string where, string name) where T : struct, Enum
    {
        var v = (value ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<T>(v, ignoreCase: true, out var r) && !int.TryParse(v, out _)
            ? r
            : throw new CatalogException($"{where}: '{name}' must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{value}'");
    }

    // YAML documents: mutable shapes for the deserializer only.
    private sealed class CatalogDoc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? PublishedBy { get; set; }
        public List<GroupDoc> Groups { get; set; } = [];
        public List<ItemDoc> Items { get; set; } = [];
    }

    private sealed class GroupDoc
    {
        public string Code { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;
        public string Section { get; set; } = string.Empty;
        public int? Order { get; set; }
        public List<string> SubjectKinds { get; set; } = [];
    }

    private sealed class ItemDoc
    {
        public string Code { get; set; } = string.Empty;
        public string? Name { get; set; }
        public int Category { get; set; }
        public string? Behaviour { get; set; }
        public List<string> ProviderUnits { get; set; } = [];
        public string? DataSource { get; set; }
        public string? Nature { get; set; }
        public string? Share { get; set; }
        public string? Open { get; set; }
        public DisclosureDoc? Disclosure { get; set; }
        public DisclosureDoc? SeriousDisclosure { get; set; }
        public SeverityDoc? Severity { get; set; }
        public int? UpdateWorkingDays { get; set; }
        public RepairDoc? Repair { get; set; }
        public List<ExclusionDoc> Exclusions { get; set; } = [];
        public List<string> SubjectKinds { get; set; } = [];
        public List<string> Key { get; set; } = [];
        public string? Group { get; set; }
        public List<FieldDoc> Fields { get; set; } = [];
    }

    private sealed class DisclosureDoc
    {
        public int MinMonths { get; set; }
        public int? MaxMonths { get; set; }
        public int? DefaultMonths { get; set; }
        public int? RepairAfterMonths { get; set; }
        public DisclosureRule ToRule() => new(MinMonths, MaxMonths, DefaultMonths, RepairAfterMonths);
    }

    private sealed class SeverityDoc
    {
        public string? Field { get; set; }
        public List<string> ContainsAny { get; set; } = [];
        public decimal? AmountAtLeast { get; set; }
    }

    private sealed class RepairDoc
    {
        public bool Allowed { get; set; }
        public List<string> Conditions { get; set; } = [];
        public List<string> Evidence { get; set; } = [];
    }

    private sealed class ExclusionDoc
    {
        public string? Field { get; set; }
        public List<string> EqualsAny { get; set; } = [];
        public List<string> ContainsAny { get; set; } = [];
        public string? Code { get; set; }
        public string? Reason { get; set; }
    }

    private sealed class FieldDoc
    {
        public string Code { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;
        public string? Type { get; set; }
        public bool Required { get; set; }
        public bool Personal { get; set; }
        public string? Role { get; set; }
        public List<string> Values { get; set; } = [];
        public List<string> Aliases { get; set; } = [];
        public int? MaxLength { get; set; }
        public string? Mask { get; set; }
        public bool FreeText { get; set; }
    }
}
