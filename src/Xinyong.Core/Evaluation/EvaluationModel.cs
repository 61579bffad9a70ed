using Xinyong.Rules;

namespace Xinyong.Evaluation;

/// <summary>An evaluation model file that cannot be loaded; the message names the file, the indicator and the field.</summary>
public sealed class EvaluationModelException(string message) : Exception(message);

/// <summary>A reference grade: code (A-D), name (优/良/中/差) and the lowest score that reaches it.</summary>
public sealed record GradeBand(string Code, string Name, decimal Min);

/// <summary>An age band: records decided at most <paramref name="Months"/> months ago (null: any older) count with <paramref name="Factor"/>.</summary>
public sealed record AgeBand(int? Months, decimal Factor);

/// <summary>The kinds of indicator.</summary>
public static class IndicatorKinds
{
    /// <summary>Records in force of the listed catalog items.</summary>
    public const string Records = "records";
    /// <summary>An entry in force on a credit list.</summary>
    public const string List = "list";
    /// <summary>Records under objection: listed, counted at no points until decided.</summary>
    public const string PendingObjection = "pending-objection";
}

/// <summary>One indicator of the model.</summary>
public sealed record Indicator(
    string Code, string Name, string Kind, IReadOnlyList<string> Items, bool? Serious, string? List,
    decimal Points, decimal Weight, decimal? Cap, IReadOnlyList<AgeBand> Age, string? Grade, string Rule);

/// <summary>A published version of the comprehensive credit evaluation model (Art. 47).</summary>
public sealed record EvaluationModel(
    string Version, DateOnly Effective, string PublishedBy, string Basis, decimal Base,
    IReadOnlyList<GradeBand> Grades, IReadOnlyList<Indicator> Indicators, string Text)
{
    /// <summary>The catalog items any indicator reads.</summary>
    public IReadOnlyList<string> RecordItems { get; } = Indicators.SelectMany(i => i.Items).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The grade band of a code.</summary>
    public GradeBand Band(string code) => Grades.First(g => g.Code == code);
}

/// <summary>
/// The models as data: <c>data/evaluation/*.yaml</c>, one file per published version (format in
/// <c>data/evaluation/README.md</c>). The version in force is the latest whose <c>effective</c> day has come.
/// </summary>
public static class EvaluationModels
{
    /// <summary>Loads every version in a folder, oldest first; <paramref name="isItem"/> checks item codes against the catalog.</summary>
    public static IReadOnlyList<EvaluationModel> LoadAll(string directory, Func<string, bool>? isItem = null)
    {
        var all = RuleFiles.LoadVersions(RuleFileKinds.Evaluation, directory, (yaml, file) => Parse(yaml, file, isItem), m => m.Effective, Fail);
        if (all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new EvaluationModelException($"{directory}: version {twice.Key} is defined twice");
        return all;
    }

    /// <summary>The version in force on a day (the first one when none has taken effect yet).</summary>
    public static EvaluationModel InForce(IReadOnlyList<EvaluationModel> all, DateOnly today) =>
        all.LastOrDefault(m => m.Effective <= today) ?? all[0];

    /// <summary>Parses and validates one version.</summary>
    public static EvaluationModel Parse(string yaml, string fileName, Func<string, bool>? isItem = null)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail);
        var f = fileName;
        var version = RuleFiles.Version(doc.Version, f, Fail);
        var effective = RuleFiles.Effective(doc.Effective, f, Fail);
        if (string.IsNullOrWhiteSpace(doc.PublishedBy)) throw new EvaluationModelException($"{f}: 'publishedBy' is missing (Art. 7 (2): the model is published)");
        var grades = doc.Grades.Select(g => new GradeBand(
            g.Code is "A" or "B" or "C" or "D" ? g.Code : throw new EvaluationModelException($"{f}: grade '{g.Code}' must be A, B, C or D"),
            g.Name ?? throw new EvaluationModelException($"{f}: grade {g.Code}: 'name' is missing"), g.Min ?? throw new EvaluationModelException($"{f}: grade {g.Code}: 'min' is missing"))).ToList();
        if (grades.Select(g => g.Code).ToArray() is not ["A", "B", "C", "D"])
            throw new EvaluationModelException($"{f}: 'grades' must list A, B, C and D, in that order");
        for (var i = 1; i < grades.Count; i++)
            if (grades[i].Min >= grades[i - 1].Min) throw new EvaluationModelException($"{f}: grade {grades[i].Code}: 'min' must be below grade {grades[i - 1].Code}'s");
        var indicators = new List<Indicator>();
        foreach (var d in doc.Indicators)
        {
            var w = $"{f}: indicator '{d.Code}'";
            if (string.IsNullOrWhiteSpace(d.Code)) throw new EvaluationModelException($"{f}: an indicator has no 'code'");
            if (string.IsNullOrWhiteSpace(d.Name)) throw new EvaluationModelException($"{w}: 'name' is missing");
            if (string.IsNullOrWhiteSpace(d.Rule)) throw new EvaluationModelException($"{w}: 'rule' is missing (every indicator states its rule in words)");
            switch (d.Kind)
            {
                case IndicatorKinds.Records:
                    if (d.Items.Count == 0) throw new EvaluationModelException($"{w}: 'items' is empty");
                    if (isItem is not null && d.Items.FirstOrDefault(i => !isItem(i)) is { } unknown)
                        throw new EvaluationModelException($"{w}: '{unknown}' is not a catalog item");
                    break;
                case IndicatorKinds.List:
                    if (d.List is not ("dishonesty" or "incentive")) throw new EvaluationModelException($"{w}: 'list' must be dishonesty or incentive");
                    break;
                case IndicatorKinds.PendingObjection: break;
                default: throw new EvaluationModelException($"{w}: 'kind' must be records, list or pending-objection");
            }
            if (d.Grade is not null && grades.All(g => g.Code != d.Grade)) throw new EvaluationModelException($"{w}: 'grade' must be A, B, C or D");
            var age = d.Age.Select(a => new AgeBand(a.Months, a.Factor ?? throw new EvaluationModelException($"{w}: an age band has no 'factor'"))).ToList();
            if (age.Count > 0 && age[^1].Months is not null) throw new EvaluationModelException($"{w}: the last age band must have no 'months' (it takes every older record)");
            indicators.Add(new Indicator(d.Code, d.Name, d.Kind!, d.Items, d.Serious, d.List, d.Points ?? throw new EvaluationModelException($"{w}: 'points' is missing"),
                d.Weight ?? 1m, d.Cap, age, d.Grade, d.Rule));
        }
        if (indicators.Count == 0) throw new EvaluationModelException($"{f}: 'indicators' is empty");
        if (indicators.GroupBy(i => i.Code).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new EvaluationModelException($"{f}: indicator '{dup.Key}' is defined twice");
        if (!indicators.Any(i => i.Kind == IndicatorKinds.List && i.List == "dishonesty" && i.Grade == "D"))
            throw new EvaluationModelException($"{f}: a DishonestyList subject must be graded D: an indicator of kind list, list dishonesty, grade D is required");
        return new EvaluationModel(version, effective, doc.PublishedBy, doc.Basis ?? "《黑龙江省社会信用条例》第四十七条", doc.Base ?? 0m, grades, indicators, yaml);
    }

    private static EvaluationModelException Fail(string message) => new(message);

#pragma warning disable CS8618
    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? PublishedBy { get; set; }
        public string? Basis { get; set; }
        public decimal? Base { get; set; }
        public List<GradeDoc> Grades { get; set; } = [];
        public List<IndicatorDoc> Indicators { get; set; } = [];
    }

    private sealed class GradeDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public decimal? Min { get; set; }
    }

    private sealed class IndicatorDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public List<string> Items { get; set; } = [];
        public bool? Serious { get; set; }
        public string? List { get; set; }
        public decimal? Points { get; set; }
        public decimal? Weight { get; set; }
        public decimal? Cap { get; set; }
        public List<AgeDoc> Age { get; set; } = [];
        public string? Grade { get; set; }
        public string? Rule { get; set; }
    }

    private sealed class AgeDoc
    {
        public int? Months { get; set; }
        public decimal? Factor { get; set; }
    }
#pragma warning restore CS8618
}
