using Xinyong.Identifiers;
using Xinyong.Rules;

namespace Xinyong.Supervision;

/// <summary>A coded entry of the supervision rules (a category, channel, reason, closing type …) with its Chinese name.</summary>
/// <param name="Code">The stable code used by the API.</param>
/// <param name="Name">The Chinese name shown to people.</param>
/// <param name="Basis">The article, where one is given.</param>
/// <param name="Arrears">For an SM Art. 8 category: a clue of it carries an SME-arrears claim (contract, amount, due date).</param>
public sealed record SupervisionTerm(string Code, string Name, string? Basis, bool Arrears = false);

/// <summary>A level of business-environment authority and the division level it sits at.</summary>
public sealed record AuthorityLevel(string Code, string Name, string DivisionLevel);

/// <summary>
/// A business-environment authority (营商环境主管部门, SM Art. 4): the authority of one administrative division at the
/// province, city or county level. Its unit code on the platform is <c>ys-</c> + the division code.
/// </summary>
/// <param name="Region">The six-digit division code.</param>
/// <param name="Level">province, city or county.</param>
/// <param name="Name">The authority's Chinese name.</param>
/// <param name="Parent">The division code of the level above, or null for a province.</param>
public sealed record Authority(string Region, string Level, string Name, string? Parent)
{
    /// <summary>The handling unit of its cases.</summary>
    public string Unit => UnitPrefix + Region;

    /// <summary>The prefix of authority unit codes.</summary>
    public const string UnitPrefix = "ys-";

    /// <summary>Whether it is a provincial authority (its cases cannot be reviewed above, SM Art. 24).</summary>
    public bool Provincial => Level == "province";
}

/// <summary>The supervision rules file cannot be loaded; the message names the file and the entry.</summary>
public sealed class SupervisionRulesException(string message) : Exception(message);

/// <summary>
/// The rules of business-environment supervision as data (<c>data/supervision/rules.yaml</c>): the SM Art. 8
/// categories, the SM Art. 16 channels, the SM Art. 17 (4) reasons for not accepting, the SM Art. 22 closing types and
/// methods, the SM Art. 19 ways of investigating, and the authorities' tree over the GB/T 2260 divisions.
/// </summary>
public sealed class SupervisionRules
{
    private readonly Dictionary<string, Authority> _authorities;

    private SupervisionRules(string basis, IReadOnlyList<AuthorityLevel> levels, Dictionary<string, Authority> authorities,
        IReadOnlyList<SupervisionTerm> categories, IReadOnlyList<SupervisionTerm> channels, IReadOnlyList<SupervisionTerm> rejectReasons,
        IReadOnlyList<SupervisionTerm> closingTypes, IReadOnlyList<SupervisionTerm> closingMethods, IReadOnlyList<SupervisionTerm> investigationMethods,
        string integrityItem, string arrearsItem)
    {
        Basis = basis; Levels = levels; _authorities = authorities; Categories = categories; Channels = channels; RejectReasons = rejectReasons;
        ClosingTypes = closingTypes; ClosingMethods = closingMethods; InvestigationMethods = investigationMethods;
        IntegrityItem = integrityItem; ArrearsItem = arrearsItem;
    }

    /// <summary>The document the rules rest on.</summary>
    public string Basis { get; }
    /// <summary>The authority levels.</summary>
    public IReadOnlyList<AuthorityLevel> Levels { get; }
    /// <summary>SM Art. 8 categories.</summary>
    public IReadOnlyList<SupervisionTerm> Categories { get; }
    /// <summary>SM Art. 16 channels.</summary>
    public IReadOnlyList<SupervisionTerm> Channels { get; }
    /// <summary>SM Art. 17 (4) reasons.</summary>
    public IReadOnlyList<SupervisionTerm> RejectReasons { get; }
    /// <summary>SM Art. 22 closing types.</summary>
    public IReadOnlyList<SupervisionTerm> ClosingTypes { get; }
    /// <summary>SM Art. 22 closing methods (direct decision, legal-expert deliberation).</summary>
    public IReadOnlyList<SupervisionTerm> ClosingMethods { get; }
    /// <summary>SM Art. 19 investigation methods.</summary>
    public IReadOnlyList<SupervisionTerm> InvestigationMethods { get; }
    /// <summary>The catalog item of a government body's integrity record.</summary>
    public string IntegrityItem { get; }
    /// <summary>The catalog item of SME arrears found.</summary>
    public string ArrearsItem { get; }

    /// <summary>Every authority, province first, then by division code.</summary>
    public IEnumerable<Authority> Authorities => _authorities.Values.OrderBy(a => a.Region, StringComparer.Ordinal);

    /// <summary>The authority of a division code, or null.</summary>
    public Authority? Authority(string? region) => region is not null && _authorities.TryGetValue(region.Trim(), out var a) ? a : null;

    /// <summary>The authority whose unit code is <paramref name="unit"/>, or null.</summary>
    public Authority? AuthorityOfUnit(string unit) =>
        unit.StartsWith(Supervision.Authority.UnitPrefix, StringComparison.Ordinal) ? Authority(unit[Supervision.Authority.UnitPrefix.Length..]) : null;

    /// <summary>The authority of the level above, or null for a provincial one.</summary>
    public Authority? Above(Authority a) => Authority(a.Parent);

    /// <summary>Whether <paramref name="upper"/> is <paramref name="lower"/> itself or an authority above it.</summary>
    public bool IsAtOrAbove(Authority upper, Authority lower)
    {
        for (Authority? a = lower; a is not null; a = Above(a))
            if (a.Region == upper.Region) return true;
        return false;
    }

    /// <summary>A category by code, or null.</summary>
    public SupervisionTerm? Category(string code) => Categories.FirstOrDefault(c => c.Code == code);

    /// <summary>A term of a list by code, or null.</summary>
    public static SupervisionTerm? Find(IEnumerable<SupervisionTerm> list, string? code) => list.FirstOrDefault(t => t.Code == code);

    /// <summary>Loads <c>supervision/rules.yaml</c> of a rules folder.</summary>
    public static SupervisionRules Load(string rulesDirectory)
    {
        return RuleFiles.LoadFile(RuleFileKinds.Supervision, rulesDirectory, Parse, Fail)!;
    }

    /// <summary>Parses and validates the rules.</summary>
    public static SupervisionRules Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        IReadOnlyList<SupervisionTerm> Terms(List<TermDoc>? list, string name)
        {
            if (list is null || list.Count == 0) throw new SupervisionRulesException($"{fileName}: '{name}' is missing");
            var terms = new List<SupervisionTerm>();
            foreach (var (t, i) in list.Select((t, i) => (t, i)))
            {
                if (string.IsNullOrWhiteSpace(t.Code) || string.IsNullOrWhiteSpace(t.Name))
                    throw new SupervisionRulesException($"{fileName}: {name}[{i}]: code and name are required");
                if (terms.Any(x => x.Code == t.Code)) throw new SupervisionRulesException($"{fileName}: {name}: '{t.Code}' is declared twice");
                terms.Add(new SupervisionTerm(t.Code.Trim(), t.Name.Trim(), t.Basis, t.Arrears));
            }
            return terms;
        }
        var levels = (doc.Levels ?? []).Select(l => new AuthorityLevel(l.Code ?? "", l.Name ?? "", l.DivisionLevel ?? "")).ToList();
        if (levels.Count == 0 || levels.Any(l => l.Code == "" || l.DivisionLevel == ""))
            throw new SupervisionRulesException($"{fileName}: levels need code, name and divisionLevel");
        var suffix = string.IsNullOrWhiteSpace(doc.AuthoritySuffix) ? "营商环境建设监督局" : doc.AuthoritySuffix.Trim();
        var authorities = new Dictionary<string, Authority>(StringComparer.Ordinal);
        foreach (var province in doc.Provinces ?? [])
        {
            if (!Divisions.ByCode.TryGetValue(province, out var p) || p.Level != "province")
                throw new SupervisionRulesException($"{fileName}: provinces: '{province}' is not a province-level division code");
            var prefix = province[..2];
            foreach (var d in Divisions.ByCode.Values.Where(d => d.Code.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var level = levels.FirstOrDefault(l => l.DivisionLevel == d.Level);
                if (level is null) continue;
                authorities[d.Code] = new Authority(d.Code, level.Code, d.Name + suffix, string.IsNullOrEmpty(d.Parent) ? null : d.Parent);
            }
        }
        if (authorities.Count == 0) throw new SupervisionRulesException($"{fileName}: no authorities (list at least one province)");
        return new SupervisionRules(doc.Basis ?? "《黑龙江省营商环境监督办法》", levels, authorities,
            Terms(doc.Categories, "categories"), Terms(doc.Channels, "channels"), Terms(doc.RejectReasons, "rejectReasons"),
            Terms(doc.ClosingTypes, "closingTypes"), Terms(doc.ClosingMethods, "closingMethods"), Terms(doc.InvestigationMethods, "investigationMethods"),
            doc.IntegrityItem ?? throw new SupervisionRulesException($"{fileName}: 'integrityItem' is missing"),
            doc.ArrearsItem ?? throw new SupervisionRulesException($"{fileName}: 'arrearsItem' is missing"));
    }

    private static SupervisionRulesException Fail(string message) => new(message);

#pragma warning disable CS0649 // set by the YAML deserializer
    private sealed class Doc
    {
        public string? Basis { get; set; }
        public string? AuthoritySuffix { get; set; }
        public List<LevelDoc>? Levels { get; set; }
        public List<string>? Provinces { get; set; }
        public List<TermDoc>? Categories { get; set; }
        public List<TermDoc>? Channels { get; set; }
        public List<TermDoc>? RejectReasons { get; set; }
        public List<TermDoc>? ClosingTypes { get; set; }
        public List<TermDoc>? ClosingMethods { get; set; }
        public List<TermDoc>? InvestigationMethods { get; set; }
        public string? IntegrityItem { get; set; }
        public string? ArrearsItem { get; set; }
    }

    private sealed class LevelDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? DivisionLevel { get; set; }
    }

    private sealed class TermDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Basis { get; set; }
        public bool Arrears { get; set; }
    }
#pragma warning restore CS0649
}
