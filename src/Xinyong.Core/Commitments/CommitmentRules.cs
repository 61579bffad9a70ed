using Xinyong.Rules;

namespace Xinyong.Commitments;

/// <summary>A commitment rules file that cannot be loaded; the message names the file, the entry and the field.</summary>
public sealed class CommitmentRulesException(string message) : Exception(message);

/// <summary>A type of credit commitment (Art. 45): its code, the name the catalog's 承诺类型 uses, and its basis.</summary>
/// <param name="Code">The stable code the API uses.</param>
/// <param name="Name">The Chinese name (a value of the catalog field 承诺类型 of <c>credit-commitment</c>).</param>
/// <param name="Basis">The article it rests on.</param>
/// <param name="SelfService">Whether a signed-in subject may make it itself on the portal (voluntary types).</param>
/// <param name="MissingMaterials">Whether it is 容缺受理: materials follow within the matter's period (Art. 45 (2)).</param>
public sealed record CommitmentType(string Code, string Name, string Basis, bool SelfService, bool MissingMaterials);

/// <summary>What 容缺受理 of a matter lets follow, and by when.</summary>
/// <param name="Items">The materials that may follow.</param>
/// <param name="Step">The deadline rule (<c>data/deadlines</c>) of the period to bring them.</param>
public sealed record MissingMaterials(IReadOnlyList<string> Items, string Step);

/// <summary>A matter (a licence, certification or other service) that accepts commitments.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Name">The matter's Chinese name.</param>
/// <param name="Category">行政许可, 证明事项 or 其他政务服务事项.</param>
/// <param name="Types">The commitment types it accepts (codes).</param>
/// <param name="Text">The standard text of the commitment.</param>
/// <param name="Verifier">The verifying unit's code, or null: the unit that accepted the commitment and made the decision.</param>
/// <param name="VerifierName">The verifying unit as published.</param>
/// <param name="Materials">容缺受理: the materials that may follow, when the matter accepts it.</param>
/// <param name="Basis">The matter's own legal basis.</param>
public sealed record CommitmentMatter(string Code, string Name, string Category, IReadOnlyList<string> Types, string Text,
    string? Verifier, string VerifierName, MissingMaterials? Materials, string Basis);

/// <summary>How eligibility is checked (Art. 45 (1)): the check scenario, and the measure that makes a subject ineligible.</summary>
/// <param name="Scenario">The scenario of <c>data/measures</c> the eligibility check runs in.</param>
/// <param name="Measure">The measure code (C-45) whose presence refuses a commitment.</param>
public sealed record CommitmentEligibility(string Scenario, string Measure);

/// <summary>One published version of the commitment rules.</summary>
public sealed record CommitmentRuleSet(string Version, DateOnly Effective, string PublishedBy, CommitmentEligibility Eligibility,
    IReadOnlyList<CommitmentType> Types, IReadOnlyList<CommitmentMatter> Matters)
{
    /// <summary>A type by its code or its Chinese name, or null.</summary>
    public CommitmentType? Type(string codeOrName) =>
        Types.FirstOrDefault(t => t.Code == codeOrName.Trim() || t.Name == codeOrName.Trim());

    /// <summary>A matter by code, or null.</summary>
    public CommitmentMatter? Matter(string code) => Matters.FirstOrDefault(m => m.Code == code.Trim());
}

/// <summary>
/// The matters that accept credit commitments (Art. 42, 45, 46, 50) as data: <c>data/commitments/*.yaml</c>, one file
/// per published version; the version in force on a day applies to commitments made that day.
/// </summary>
public sealed class CommitmentRules(IReadOnlyList<CommitmentRuleSet> versions)
{
    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<CommitmentRuleSet> Versions { get; } = versions;

    /// <summary>The version in force on <paramref name="day"/> (the earliest before any took effect).</summary>
    public CommitmentRuleSet For(DateOnly day) => Versions.LastOrDefault(v => v.Effective <= day) ?? Versions[0];

    /// <summary>Loads <c>commitments/*.yaml</c> of a rules folder.</summary>
    public static CommitmentRules Load(string rulesDirectory)
    {
        var kind = RuleFileKinds.Commitments;
        return new CommitmentRules(RuleFiles.LoadVersions(kind, kind.DirectoryIn(rulesDirectory), Parse, v => v.Effective, Fail));
    }

    /// <summary>
    /// Parses and validates one version: every type and matter with code, name and basis; a matter's types declared; a
    /// matter accepting 容缺受理 lists its materials and the deadline rule of their period, and no other matter does.
    /// </summary>
    public static CommitmentRuleSet Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        string Need(string? v, string where) => string.IsNullOrWhiteSpace(v) ? throw new CommitmentRulesException($"{fileName}: {where} is missing") : v.Trim();
        var version = Need(doc.Version, "version");
        var effective = RuleFiles.Effective(doc.Effective, fileName, Fail);

        var types = new List<CommitmentType>();
        foreach (var (t, i) in doc.Types.Select((t, i) => (t, i)))
        {
            var code = Need(t.Code, $"types[{i}].code");
            if (types.Any(x => x.Code == code)) throw new CommitmentRulesException($"{fileName}: type '{code}' is declared twice");
            types.Add(new CommitmentType(code, Need(t.Name, $"type '{code}': name"), Need(t.Basis, $"type '{code}': basis"), t.SelfService, t.MissingMaterials));
        }
        if (types.Count == 0) throw new CommitmentRulesException($"{fileName}: no types");

        var matters = new List<CommitmentMatter>();
        foreach (var (m, i) in doc.Matters.Select((m, i) => (m, i)))
        {
            var code = Need(m.Code, $"matters[{i}].code");
            string Where(string field) => $"matter '{code}': {field}";
            if (matters.Any(x => x.Code == code)) throw new CommitmentRulesException($"{fileName}: matter '{code}' is declared twice");
            if (m.Types.Count == 0) throw new CommitmentRulesException($"{fileName}: {Where("types")} is missing");
            foreach (var t in m.Types)
                if (types.All(x => x.Code != t)) throw new CommitmentRulesException($"{fileName}: {Where("types")}: unknown type '{t}'");
            var takesMaterials = m.Types.Any(t => types.Single(x => x.Code == t).MissingMaterials);
            MissingMaterials? materials = null;
            if (takesMaterials)
            {
                if (m.Materials is null || m.Materials.Items.Count == 0) throw new CommitmentRulesException($"{fileName}: {Where("materials.items")} is missing (容缺受理 lists the materials that may follow)");
                materials = new MissingMaterials(m.Materials.Items.Select(x => x.Trim()).ToList(), Need(m.Materials.Period, Where("materials.period")));
            }
            else if (m.Materials is not null)
                throw new CommitmentRulesException($"{fileName}: {Where("materials")}: only a matter accepting 容缺受理 has materials that follow");
            matters.Add(new CommitmentMatter(code, Need(m.Name, Where("name")), Need(m.Category, Where("category")), m.Types.ToList(),
                Need(m.Text, Where("text")), string.IsNullOrWhiteSpace(m.Verifier?.Unit) ? null : m.Verifier.Unit.Trim(),
                Need(m.Verifier?.Name, Where("verifier.name")), materials, Need(m.Basis, Where("basis"))));
        }
        var eligibility = new CommitmentEligibility(Need(doc.Eligibility?.Scenario, "eligibility.scenario"), Need(doc.Eligibility?.Measure, "eligibility.measure"));
        return new CommitmentRuleSet(version, effective, doc.PublishedBy ?? "", eligibility, types, matters);
    }

    /// <summary>The deadline rule codes the matters name (checked against <c>data/deadlines</c> at start).</summary>
    public IEnumerable<string> StepCodes => Versions.SelectMany(v => v.Matters).Select(m => m.Materials?.Step).OfType<string>().Distinct();

    private static CommitmentRulesException Fail(string message) => new(message);

    // YAML shapes for the deserializer only.
    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? PublishedBy { get; set; }
        public EligibilityDoc? Eligibility { get; set; }
        public List<TypeDoc> Types { get; set; } = [];
        public List<MatterDoc> Matters { get; set; } = [];
    }

    private sealed class EligibilityDoc
    {
        public string? Scenario { get; set; }
        public string? Measure { get; set; }
    }

    private sealed class TypeDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Basis { get; set; }
        public bool SelfService { get; set; }
        public bool MissingMaterials { get; set; }
    }

    private sealed class MatterDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Category { get; set; }
        public List<string> Types { get; set; } = [];
        public string? Text { get; set; }
        public VerifierDoc? Verifier { get; set; }
        public MaterialsDoc? Materials { get; set; }
        public string? Basis { get; set; }
    }

    private sealed class VerifierDoc
    {
        public string? Unit { get; set; }
        public string? Name { get; set; }
    }

    private sealed class MaterialsDoc
    {
        public List<string> Items { get; set; } = [];
        public string? Period { get; set; }
    }
}
