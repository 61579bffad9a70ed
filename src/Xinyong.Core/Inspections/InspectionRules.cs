using Xinyong.Rules;

namespace Xinyong.Inspections;

/// <summary>Inspection rules that cannot be loaded, or a draw that cannot be made; the message says why (Chinese for people).</summary>
public sealed class InspectionException(string message) : Exception(message)
{
    /// <summary>A plan with this code is published already.</summary>
    public static InspectionException PlanExists(string code) => new($"抽查计划{code}已存在");

    /// <summary>The plan was drawn already: a draw is made once.</summary>
    public static InspectionException AlreadyDrawn(string code) => new($"抽查计划{code}已抽取，不能重新抽取");
}

/// <summary>An inspection item: code, general or key, name.</summary>
public sealed record InspectionItem(string Code, string Kind, string Name);

/// <summary>A department's tiered supervision (Art. 48): percent drawn and plans a year per grade, items and the inspectors' qualification.</summary>
public sealed record DepartmentRules(string Code, string Name, IReadOnlyDictionary<string, decimal> Ratios, IReadOnlyDictionary<string, int> Frequency,
    string? Qualification, IReadOnlyList<InspectionItem> Items);

/// <summary>A kind of conflict of interest; with <see cref="InspectorField"/>/<see cref="TargetField"/> it is found by matching fields, else declared.</summary>
public sealed record ConflictKind(string Code, string Name, string? InspectorField, string? TargetField);

/// <summary>The inspection rules as data (<c>data/inspections/*.yaml</c>).</summary>
public sealed record InspectionRules(
    string Version, DateOnly Effective, string Basis, int PublishWithinWorkingDays, int InspectorsPerTarget,
    DepartmentRules Default, IReadOnlyList<DepartmentRules> Departments, IReadOnlyList<string> KeyItemsForGrades, IReadOnlyList<ConflictKind> Conflicts)
{
    /// <summary>The grades, best first.</summary>
    public static readonly string[] Grades = ["A", "B", "C", "D"];

    /// <summary>A department's rules (the default ratios for one not listed).</summary>
    public DepartmentRules Of(string department) => Departments.FirstOrDefault(d => d.Code == department) ?? Default with { Code = department };

    /// <summary>Loads the version in force on <paramref name="today"/> from a folder.</summary>
    public static InspectionRules Load(string directory, DateOnly today)
    {
        var all = RuleFiles.LoadVersions(RuleFileKinds.Inspections, directory, Parse, r => r.Effective, Fail);
        return all.LastOrDefault(r => r.Effective <= today) ?? all[0];
    }

    /// <summary>Parses and validates one file.</summary>
    public static InspectionRules Parse(string yaml, string f)
    {
        var d = RuleFiles.Read<Doc>(yaml, f, Fail);
        var version = RuleFiles.Version(d.Version, f, Fail);
        var effective = RuleFiles.Effective(d.Effective, f, Fail);
        if (d.InspectorsPerTarget < 2) throw new InspectionException($"{f}: 'inspectorsPerTarget' must be at least 2");
        DepartmentRules Dept(DeptDoc x, string where)
        {
            foreach (var g in InspectionRules.Grades)
            {
                if (!x.Ratios.TryGetValue(g, out var r) || r < 0 || r > 100) throw new InspectionException($"{f}: {where}: 'ratios' needs {g} between 0 and 100 (percent)");
                if (!x.Frequency.TryGetValue(g, out var n) || n < 0) throw new InspectionException($"{f}: {where}: 'frequency' needs {g} (plans a year)");
            }
            if (x.Items.FirstOrDefault(i => i.Kind is not ("general" or "key")) is { } bad) throw new InspectionException($"{f}: {where}: item '{bad.Code}': 'kind' must be general or key");
            return new DepartmentRules(x.Code ?? "", x.Name ?? x.Code ?? "", x.Ratios, x.Frequency, x.Qualification,
                x.Items.Select(i => new InspectionItem(i.Code ?? throw new InspectionException($"{f}: {where}: an item has no code"), i.Kind!, i.Name ?? i.Code!)).ToList());
        }
        var conflicts = d.Conflicts.Select(c => new ConflictKind(c.Code ?? throw new InspectionException($"{f}: a conflict has no code"), c.Name ?? c.Code!,
            c.Match?.GetValueOrDefault("inspector"), c.Match?.GetValueOrDefault("target"))).ToList();
        foreach (var c in conflicts.Where(c => c.InspectorField is not null))
        {
            if (c.InspectorField is not ("unit" or "department")) throw new InspectionException($"{f}: conflict '{c.Code}': match.inspector must be unit or department");
            if (c.TargetField is not ("registrationUnit" or "region" or "industry")) throw new InspectionException($"{f}: conflict '{c.Code}': match.target must be registrationUnit, region or industry");
        }
        return new InspectionRules(version, effective, d.Basis ?? "", d.PublishWithinWorkingDays, d.InspectorsPerTarget,
            Dept(d.Default ?? throw new InspectionException($"{f}: 'default' is missing"), "default"),
            d.Departments.Select(x => Dept(x, $"department '{x.Code}'")).ToList(), d.KeyItemsForGrades, conflicts);
    }

    private static InspectionException Fail(string message) => new(message);

#pragma warning disable CS8618
    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public string? Basis { get; set; }
        public int PublishWithinWorkingDays { get; set; } = 20;
        public int InspectorsPerTarget { get; set; } = 2;
        public DeptDoc? Default { get; set; }
        public List<DeptDoc> Departments { get; set; } = [];
        public List<string> KeyItemsForGrades { get; set; } = [];
        public List<ConflictDoc> Conflicts { get; set; } = [];
    }

    private sealed class DeptDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public Dictionary<string, decimal> Ratios { get; set; } = [];
        public Dictionary<string, int> Frequency { get; set; } = [];
        public string? Qualification { get; set; }
        public List<ItemDoc> Items { get; set; } = [];
    }

    private sealed class ItemDoc
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
    }

    private sealed class ConflictDoc
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public Dictionary<string, string>? Match { get; set; }
    }
#pragma warning restore CS8618
}
