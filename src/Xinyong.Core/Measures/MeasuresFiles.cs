using System.Globalization;
using System.Text;
using Xinyong.Catalog;
using Xinyong.Subjects;
using Xinyong.Rules;
using YamlDotNet.Serialization;

namespace Xinyong.Measures;

/// <summary>A measures file that cannot be loaded; the message names the file, the measure and the field.</summary>
public sealed class MeasuresException(string message) : Exception(message);

/// <summary>
/// The incentive and punishment rules as data: <c>data/measures/*.yaml</c>, one file per published version (see
/// <c>data/measures/README.md</c>). Loaded at start and validated against the law's structure and the catalog: a
/// measure names its list, scenarios, legal basis, period and triggers; constraint and punishment measures are triggered
/// only by the DishonestyList and negative items, incentive measures only by the IncentiveList and positive items.
/// </summary>
public static class MeasuresFiles
{
    /// <summary>Loads every version in <paramref name="directory"/>, oldest first, checked against the catalog.</summary>
    public static IReadOnlyList<MeasuresVersion> LoadAll(string directory, Func<string, CatalogItem?> item)
    {
        return RuleFiles.LoadVersions(RuleFileKinds.Measures, directory, (yaml, file) => Parse(yaml, file, item), v => v.Effective, Fail);
    }

    /// <summary>Parses and validates one version.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="fileName">Its name, for messages.</param>
    /// <param name="item">Looks a catalog item up by code.</param>
    public static MeasuresVersion Parse(string yaml, string fileName, Func<string, CatalogItem?> item)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        var f = fileName;
        var version = RuleFiles.Version(doc.Version, f, Fail);
        var effective = RuleFiles.Effective(doc.Effective, f, Fail);
        if (string.IsNullOrWhiteSpace(doc.PublishedBy)) throw new MeasuresException($"{f}: 'publishedBy' is missing (Art. 26, 31: the lists are published by the credit authority)");

        var scenarios = doc.Scenarios.Select(s => new Scenario(
            Code(s.Code, $"{f}: a scenario"), Text(s.Name, $"{f}: scenario '{s.Code}'", "name"), Text(s.Basis, $"{f}: scenario '{s.Code}'", "basis"))).ToList();
        if (scenarios.Count == 0) throw new MeasuresException($"{f}: 'scenarios' is empty (Art. 44)");
        Unique(scenarios.Select(s => s.Code), $"{f}: scenario");

        var dishonesty = Dishonesty(doc.Dishonesty ?? throw new MeasuresException($"{f}: 'dishonesty' is missing (Art. 28-33)"), f, item);
        var incentive = doc.Incentive.Select(c => new IncentiveCriterion(
            Code(c.Code, $"{f}: an incentive criterion"), Text(c.Name, $"{f}: incentive criterion '{c.Code}'", "name"),
            Text(c.Unit, $"{f}: incentive criterion '{c.Code}'", "unit"), Text(c.Basis, $"{f}: incentive criterion '{c.Code}'", "basis"),
            c.Months is > 0 ? c.Months.Value : throw new MeasuresException($"{f}: incentive criterion '{c.Code}': 'months' must be a positive number"))).ToList();
        Unique(incentive.Select(c => c.Code), $"{f}: incentive criterion");

        var exempt = doc.Exemption ?? throw new MeasuresException($"{f}: 'exemption' is missing (Art. 30 (2))");
        var exemption = new ExemptionRule(Text(exempt.Basis, $"{f}: exemption", "basis"), Names(exempt.Conditions, $"{f}: exemption", "conditions"));

        var measures = doc.Measures.Select(m => Build(m, f, scenarios, item)).ToList();
        if (measures.Count == 0) throw new MeasuresException($"{f}: 'measures' is empty");
        Unique(measures.Select(m => m.Code), $"{f}: measure");

        return new MeasuresVersion(version, effective, doc.PublishedBy, scenarios, measures, dishonesty, incentive, exemption);
    }

    private static MeasuresException Fail(string message) => new(message);

    private static Measure Build(MeasureDoc d, string f, IReadOnlyList<Scenario> scenarios, Func<string, CatalogItem?> item)
    {
        var code = Code(d.Code, $"{f}: a measure");
        var where = $"{f}: measure '{code}'";
        var kind = Enum<MeasureKind>(d.Kind, where, "kind");
        var source = Enum<MeasureSource>(d.Source, where, "source");
        var fits = kind switch
        {
            MeasureKind.Incentive => source == MeasureSource.IncentiveList,
            MeasureKind.Constraint => source == MeasureSource.ConstraintList,
            _ => source is MeasureSource.NationalBase or MeasureSource.ProvincialSupplement,
        };
        if (!fits) throw new MeasuresException($"{where}: a {kind.Code()} measure cannot belong to the list '{d.Source}' (Art. 26, 31)");
        if (d.Scenarios.Count == 0) throw new MeasuresException($"{where}: 'scenarios' is empty");
        foreach (var s in d.Scenarios)
            if (scenarios.All(x => x.Code != s)) throw new MeasuresException($"{where}, field 'scenarios': unknown scenario '{s}'");
        foreach (var k in d.SubjectKinds)
            if (SubjectKinds.FromCode(k) is null) throw new MeasuresException($"{where}, field 'subjectKinds': unknown subject kind '{k}'");
        var triggers = Triggers(d.Triggers, kind, where, "triggers", item);
        if (triggers.IsEmpty) throw new MeasuresException($"{where}: 'triggers' is empty (a measure applies only to the lists or records that call for it, Art. 30)");
        var unless = Triggers(d.Unless, kind == MeasureKind.Incentive ? MeasureKind.Punishment : MeasureKind.Incentive, where, "unless", item);
        var period = d.Period ?? throw new MeasuresException($"{where}: 'period' is missing (Art. 31 (3): every measure states its period)");
        if (period.Months is <= 0) throw new MeasuresException($"{where}, field 'period.months': must be a positive number");
        if (d.RequiresPublication && !triggers.Lists.Any()) throw new MeasuresException($"{where}: 'requiresPublication' needs a list trigger");
        return new Measure(code, kind, source, Text(d.Name, where, "name"), d.Scenarios, Text(d.Basis, where, "basis"), triggers, unless,
            d.SubjectKinds, d.RequiresPublication, new MeasurePeriod(period.Months, Text(period.Text, where, "period.text")));
    }

    private static MeasureTriggers Triggers(TriggersDoc? d, MeasureKind kind, string where, string field, Func<string, CatalogItem?> item)
    {
        if (d is null) return MeasureTriggers.None;
        var wantList = kind == MeasureKind.Incentive ? CreditListNames.Incentive : CreditListNames.Dishonesty;
        var wantNature = kind == MeasureKind.Incentive ? Nature.Positive : Nature.Negative;
        foreach (var l in d.Lists)
            if (l != wantList)
                throw new MeasuresException($"{where}, field '{field}.lists': '{l}' cannot {(field == "unless" ? "rule out" : "trigger")} a {kind.Code()} measure (only '{wantList}')");
        foreach (var code in d.Items)
        {
            var i = item(code) ?? throw new MeasuresException($"{where}, field '{field}.items': '{code}' is not in the catalog");
            if (i.Nature != wantNature)
                throw new MeasuresException($"{where}, field '{field}.items': '{code}' is {i.Nature.ToString().ToLowerInvariant()} information; only {wantNature.ToString().ToLowerInvariant()} items can {(field == "unless" ? "rule out" : "trigger")} a {kind.Code()} measure");
        }
        if (d.SeriousOnly && d.Items.Count == 0) throw new MeasuresException($"{where}, field '{field}.seriousOnly': needs items");
        return new MeasureTriggers(d.Lists, d.Items, d.SeriousOnly);
    }

    private static DishonestyRules Dishonesty(DishonestyDoc d, string f, Func<string, CatalogItem?> item)
    {
        var w = $"{f}: dishonesty";
        if (d.DefaultMonths is not > 0) throw new MeasuresException($"{w}: 'defaultMonths' must be a positive number (Art. 28: a decision states its period)");
        var grounds = d.Grounds.Select(g => new Ground(Code(g.Code, $"{w}: a ground"), Text(g.Ref, $"{w}: ground '{g.Code}'", "ref"),
            Text(g.Name, $"{w}: ground '{g.Code}'", "name"), Text(g.Text, $"{w}: ground '{g.Code}'", "text"))).ToList();
        if (grounds.Count == 0) throw new MeasuresException($"{w}: 'grounds' is empty (Art. 29)");
        Unique(grounds.Select(g => g.Code), $"{w}: ground");

        var c = d.Court ?? throw new MeasuresException($"{w}: 'court' is missing (Art. 28 (3))");
        var courtItem = item(c.Item ?? "") ?? throw new MeasuresException($"{w}.court: item '{c.Item}' is not in the catalog");
        if (courtItem.Nature != Nature.Negative) throw new MeasuresException($"{w}.court: item '{c.Item}' is not negative information");
        var courtGround = grounds.FirstOrDefault(g => g.Code == c.Ground) ?? throw new MeasuresException($"{w}.court: 'ground' names no ground of the list ('{c.Ground}')");
        var court = new CourtListingRule(courtItem.Code, courtGround, Text(c.Basis, $"{w}.court", "basis"),
            Text(c.RemovalConditions, $"{w}.court", "removalConditions"), Text(c.Remedy, $"{w}.court", "remedy"));

        var l = d.LinkedPersons ?? throw new MeasuresException($"{w}: 'linkedPersons' is missing (Art. 33)");
        var linkedItem = item(l.Item ?? "") ?? throw new MeasuresException($"{w}.linkedPersons: item '{l.Item}' is not in the catalog");
        if (linkedItem.SubjectKinds.Count != 1 || linkedItem.SubjectKinds[0] != SubjectKind.NaturalPerson.Code())
            throw new MeasuresException($"{w}.linkedPersons: item '{l.Item}' must apply to natural persons only");
        var roles = Names(l.Roles, $"{w}.linkedPersons", "roles");
        var roleField = linkedItem.Field("role") ?? throw new MeasuresException($"{w}.linkedPersons: item '{l.Item}' has no field 'role'");
        if (!roles.Select(r => r.Name).Order().SequenceEqual(roleField.Values.Order()))
            throw new MeasuresException($"{w}.linkedPersons: the role names must be the values of field 'role' of item '{l.Item}' ({string.Join("、", roleField.Values)})");
        foreach (var k in l.SubjectKinds)
            if (SubjectKinds.FromCode(k) is null) throw new MeasuresException($"{w}.linkedPersons, field 'subjectKinds': unknown subject kind '{k}'");
        var linked = new LinkedPersonRule(linkedItem.Code, Text(l.Basis, $"{w}.linkedPersons", "basis"), l.SubjectKinds, roles);

        var s = d.StateBodies ?? throw new MeasuresException($"{w}: 'stateBodies' is missing (Art. 32)");
        var reg = s.Registration ?? throw new MeasuresException($"{w}.stateBodies: 'registration' is missing");
        var regItem = item(reg.Item ?? "") ?? throw new MeasuresException($"{w}.stateBodies.registration: item '{reg.Item}' is not in the catalog");
        if (regItem.Field(reg.Field ?? "") is null) throw new MeasuresException($"{w}.stateBodies.registration: item '{reg.Item}' has no field '{reg.Field}'");
        foreach (var k in s.Kinds)
            if (SubjectKinds.FromCode(k) is null) throw new MeasuresException($"{w}.stateBodies, field 'kinds': unknown subject kind '{k}'");
        var stateBodies = new StateBodyRule(s.Kinds, regItem.Code, reg.Field!, Text(reg.EqualsValue, $"{w}.stateBodies.registration", "equals"));
        var e = d.StateEmployees ?? throw new MeasuresException($"{w}: 'stateEmployees' is missing (Art. 32)");

        return new DishonestyRules(d.DefaultMonths.Value, Text(d.Basis, w, "basis"), Text(d.RemovalConditions, w, "removalConditions"),
            Text(d.Remedy, w, "remedy"), grounds, court, linked, stateBodies,
            new NotificationRule(Text(s.Basis, $"{w}.stateBodies", "basis"), Names(s.Recipients, $"{w}.stateBodies", "recipients")),
            new NotificationRule(Text(e.Basis, $"{w}.stateEmployees", "basis"), Names(e.Recipients, $"{w}.stateEmployees", "recipients")));
    }

    private static IReadOnlyList<Named> Names(List<NamedDoc> docs, string where, string field)
    {
        var list = docs.Select(n => new Named(Code(n.Code, $"{where}, field '{field}'"), Text(n.Name ?? n.Text, $"{where}, field '{field}' '{n.Code}'", "name"))).ToList();
        if (list.Count == 0) throw new MeasuresException($"{where}: '{field}' is empty");
        Unique(list.Select(n => n.Code), $"{where}, field '{field}'");
        return list;
    }

    private static string Code(string? code, string where) =>
        !string.IsNullOrWhiteSpace(code) && code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')
            ? code
            : throw new MeasuresException($"{where} has no valid code (letters, digits and '-'): '{code}'");

    private static string Text(string? value, string where, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new MeasuresException($"{where}: '{field}' is missing") : value.Trim();

    private static void Unique(IEnumerable<string> codes, string what)
    {
        var dup = codes.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new MeasuresException($"{what} '{dup.Key}' is defined twice");
    }

    private static T Enum<T>(string? value, string where, string field) where T : struct, Enum
    {
        var v = (value ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal);
        return System.Enum.TryParse<T>(v, ignoreCase: true, out var r) && !int.TryParse(v, out _)
            ? r
            : throw new MeasuresException($"{where}, field '{field}': must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(Kebab))}, not '{value}'");
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    // YAML documents: mutable shapes for the deserializer only.
    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? PublishedBy { get; set; }
        public List<ScenarioDoc> Scenarios { get; set; } = [];
        public DishonestyDoc? Dishonesty { get; set; }
        public List<CriterionDoc> Incentive { get; set; } = [];
        public ExemptionDoc? Exemption { get; set; }
        public List<MeasureDoc> Measures { get; set; } = [];
    }

    private sealed class ScenarioDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Basis { get; set; }
    }

    private sealed class NamedDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Text { get; set; }
    }

    private sealed class GroundDoc
    {
        public string? Code { get; set; }
        public string? Ref { get; set; }
        public string? Name { get; set; }
        public string? Text { get; set; }
    }

    private sealed class DishonestyDoc
    {
        public int? DefaultMonths { get; set; }
        public string? Basis { get; set; }
        public string? RemovalConditions { get; set; }
        public string? Remedy { get; set; }
        public List<GroundDoc> Grounds { get; set; } = [];
        public CourtDoc? Court { get; set; }
        public LinkedDoc? LinkedPersons { get; set; }
        public StateBodiesDoc? StateBodies { get; set; }
        public NotificationsDoc? StateEmployees { get; set; }
    }

    private sealed class CourtDoc
    {
        public string? Item { get; set; }
        public string? Ground { get; set; }
        public string? Basis { get; set; }
        public string? RemovalConditions { get; set; }
        public string? Remedy { get; set; }
    }

    private sealed class LinkedDoc
    {
        public string? Item { get; set; }
        public string? Basis { get; set; }
        public List<string> SubjectKinds { get; set; } = [];
        public List<NamedDoc> Roles { get; set; } = [];
    }

    private class NotificationsDoc
    {
        public string? Basis { get; set; }
        public List<NamedDoc> Recipients { get; set; } = [];
    }

    private sealed class StateBodiesDoc : NotificationsDoc
    {
        public List<string> Kinds { get; set; } = [];
        public RegistrationDoc? Registration { get; set; }
    }

    private sealed class RegistrationDoc
    {
        public string? Item { get; set; }
        public string? Field { get; set; }
        [YamlMember(Alias = "equals")]
        public string? EqualsValue { get; set; }
    }

    private sealed class CriterionDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public string? Basis { get; set; }
        public int? Months { get; set; }
    }

    private sealed class ExemptionDoc
    {
        public string? Basis { get; set; }
        public List<NamedDoc> Conditions { get; set; } = [];
    }

    private sealed class MeasureDoc
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public string? Source { get; set; }
        public string? Name { get; set; }
        public List<string> Scenarios { get; set; } = [];
        public string? Basis { get; set; }
        public TriggersDoc? Triggers { get; set; }
        public TriggersDoc? Unless { get; set; }
        public List<string> SubjectKinds { get; set; } = [];
        public bool RequiresPublication { get; set; }
        public PeriodDoc? Period { get; set; }
    }

    private sealed class TriggersDoc
    {
        public List<string> Lists { get; set; } = [];
        public List<string> Items { get; set; } = [];
        public bool SeriousOnly { get; set; }
    }

    private sealed class PeriodDoc
    {
        public int? Months { get; set; }
        public string? Text { get; set; }
    }
}
