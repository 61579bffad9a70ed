using Xinyong.Rules;

namespace Xinyong.Cases;

/// <summary>A deadline rule file that cannot be loaded; the message names the file, the rule and the field.</summary>
public sealed class DeadlineRulesException(string message) : Exception(message);

/// <summary>
/// The deadline rules as data: <c>data/deadlines/*.yaml</c>, one file per published version, loaded at start and
/// validated (every code of <see cref="DeadlineCodes"/> defined, periods positive, every rule with its basis, unit
/// periods only where the rule allows them and never longer than the general one).
/// </summary>
public static class DeadlineFiles
{
    /// <summary>Loads every version in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<DeadlineRuleSet> LoadAll(string directory)
    {
        return RuleFiles.LoadVersions(RuleFileKinds.Deadlines, directory, Parse, v => v.Effective, Fail);
    }

    /// <summary>Parses and validates one version.</summary>
    public static DeadlineRuleSet Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        var version = RuleFiles.Version(doc.Version, fileName, Fail);
        var effective = RuleFiles.Effective(doc.Effective, fileName, Fail);

        var rules = new Dictionary<string, DeadlineRule>();
        foreach (var r in doc.Rules)
        {
            string Where(string field) => $"{fileName}: rule '{r.Code}', field '{field}'";
            if (string.IsNullOrWhiteSpace(r.Code)) throw new DeadlineRulesException($"{fileName}: a rule has no code");
            if (string.IsNullOrWhiteSpace(r.Name)) throw new DeadlineRulesException($"{Where("name")}: missing");
            if (r.CalendarMonths is { } months)
            {
                if (months < 1) throw new DeadlineRulesException($"{Where("calendarMonths")}: must be a whole number of at least 1");
                if (r.WorkingDays is not null) throw new DeadlineRulesException($"{Where("calendarMonths")}: a rule counts either workingDays or calendarMonths, not both");
                if (r.Pausable || r.UnitOverride) throw new DeadlineRulesException($"{Where("calendarMonths")}: a period in calendar months is neither pausable nor set per unit");
            }
            var days = r.CalendarMonths is null ? r.WorkingDays ?? 0 : 0;
            if (r.CalendarMonths is null && days < 1) throw new DeadlineRulesException($"{Where("workingDays")}: must be a whole number of at least 1");
            if (string.IsNullOrWhiteSpace(r.From)) throw new DeadlineRulesException($"{Where("from")}: missing (when the period starts)");
            if (string.IsNullOrWhiteSpace(r.Basis)) throw new DeadlineRulesException($"{Where("basis")}: missing (every deadline is shown with its legal basis)");
            if (!rules.TryAdd(r.Code, new DeadlineRule(r.Code, r.Name, days, r.From, r.Basis, r.Pausable, r.UnitOverride, r.CalendarMonths)))
                throw new DeadlineRulesException($"{fileName}: rule '{r.Code}' is defined twice");
        }
        var missing = DeadlineCodes.All.Where(c => !rules.ContainsKey(c)).ToList();
        if (missing.Count > 0) throw new DeadlineRulesException($"{fileName}: rules missing: {string.Join(", ", missing)}");

        var units = new Dictionary<string, UnitDeadlines>();
        foreach (var u in doc.Units)
        {
            if (string.IsNullOrWhiteSpace(u.Unit)) throw new DeadlineRulesException($"{fileName}: a unit entry has no 'unit'");
            if (string.IsNullOrWhiteSpace(u.Name)) throw new DeadlineRulesException($"{fileName}: unit '{u.Unit}': 'name' is missing");
            foreach (var (code, days) in u.Rules)
            {
                var where = $"{fileName}: unit '{u.Unit}', rule '{code}'";
                if (!rules.TryGetValue(code, out var rule)) throw new DeadlineRulesException($"{where}: no such rule");
                if (!rule.UnitOverride) throw new DeadlineRulesException($"{where}: a statutory period cannot be changed by a unit");
                if (days < 1 || days > rule.WorkingDays)
                    throw new DeadlineRulesException($"{where}: must be between 1 and the general {rule.WorkingDays} working days");
            }
            if (!units.TryAdd(u.Unit, new UnitDeadlines(u.Unit, u.Name, new Dictionary<string, int>(u.Rules))))
                throw new DeadlineRulesException($"{fileName}: unit '{u.Unit}' is listed twice");
        }
        return new DeadlineRuleSet(version, effective, doc.PublishedBy ?? string.Empty, rules, units);
    }

    private static DeadlineRulesException Fail(string message) => new(message);

    // YAML shapes for the deserializer only.
    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? PublishedBy { get; set; }
        public List<RuleDoc> Rules { get; set; } = [];
        public List<UnitDoc> Units { get; set; } = [];
    }

    private sealed class RuleDoc
    {
        public string Code { get; set; } = string.Empty;
        public string? Name { get; set; }
        public int? WorkingDays { get; set; }
        public int? CalendarMonths { get; set; }
        public string? From { get; set; }
        public string? Basis { get; set; }
        public bool Pausable { get; set; }
        public bool UnitOverride { get; set; }
    }

    private sealed class UnitDoc
    {
        public string? Unit { get; set; }
        public string? Name { get; set; }
        public Dictionary<string, int> Rules { get; set; } = [];
    }
}
