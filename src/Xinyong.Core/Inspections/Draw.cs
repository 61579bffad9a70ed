using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xinyong.Inspections;

/// <summary>A target on a plan's roster: its code, name, region, industry, credit grade and registration unit.</summary>
public sealed record DrawTarget(string Code, string Name, string? Region, string? Industry, string Grade, string? RegistrationUnit);

/// <summary>A conflict an inspector declared with one target (kind from the rules' conflicts).</summary>
public sealed record DeclaredConflict(string Kind, string Target);

/// <summary>An inspector on the roster: id, name, department, unit, qualifications and declared conflicts.</summary>
public sealed record DrawInspector(string Id, string Name, string Department, string Unit, IReadOnlyList<string> Qualifications, IReadOnlyList<DeclaredConflict> Conflicts);

/// <summary>A department taking part in a plan, with the ratios (percent per grade), qualification and items fixed when the plan was published.</summary>
public sealed record PlanDepartment(string Code, string Name, IReadOnlyDictionary<string, decimal> Ratios, string? Qualification, IReadOnlyList<InspectionItem> Items);

/// <summary>An inspection plan as published before the draw: everything the draw function reads besides the rosters and the seed.</summary>
public sealed record DrawPlan(
    string Code, string Name, string RulesVersion, string Scope, IReadOnlyList<PlanDepartment> Departments, int InspectorsPerTarget,
    IReadOnlyList<string> KeyItemsForGrades, IReadOnlyList<ConflictKind> Conflicts, DateTimeOffset PublishedAt, DateTimeOffset SeedAt, string SeedSource);

/// <summary>The commitment published with the plan: the hashes of the plan and of both rosters, and their combination.</summary>
public sealed record DrawCommitment(string PlanHash, string TargetsHash, string InspectorsHash, string Commitment);

/// <summary>The seed: the public value (with its recorded source), when it was taken, and the derived seed.</summary>
public sealed record DrawSeed(string PublicValue, string Source, DateTimeOffset TakenAt, string Seed);

/// <summary>One (joint) inspection: the target, the departments that drew it, the merged items and the inspectors drawn.</summary>
public sealed record DrawnInspection(string Target, string Grade, IReadOnlyList<string> Departments, IReadOnlyList<string> Items, IReadOnlyList<string> Inspectors);

/// <summary>The result: the number drawn per department and grade, and the inspections in target order.</summary>
public sealed record DrawResult(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Sizes, IReadOnlyList<DrawnInspection> Inspections);

/// <summary>The published draw (<c>xinyong-draw/1</c>): plan, rosters, commitment, seed and result.</summary>
public sealed record DrawDocument(string Format, DrawPlan Plan, IReadOnlyList<DrawTarget> Targets, IReadOnlyList<DrawInspector> Inspectors,
    DrawCommitment Commitment, DrawSeed? Seed, DrawResult? Result);

/// <summary>The outcome of verifying a published draw: whether it recomputes, and where it differs.</summary>
public sealed record DrawVerification(bool Matches, IReadOnlyList<string> Differences);

/// <summary>
/// 双随机 draws anyone can verify (《优化营商环境条例》第五十四条; 《黑龙江省社会信用条例》第四十八条). Commit, then reveal:
/// the plan and the SHA-256 hashes of its canonical text and of both rosters are published with the moment the seed will
/// be taken; the seed is SHA-256 of the commitment and a public value nobody at the platform controls (recorded with its
/// source); the draw is a deterministic function of plan, rosters and seed, in which every choice orders candidates by
/// SHA-256(seed ‖ label). The canonical forms and the algorithm are in docs/evaluation-and-inspections.md.
/// </summary>
public static class Draws
{
    /// <summary>The format name.</summary>
    public const string Format = "xinyong-draw/1";

    /// <summary>JSON of published draws (camelCase, indented).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Parses a published draw.</summary>
    /// <exception cref="InspectionException">Not a draw document.</exception>
    public static DrawDocument Parse(string json)
    {
        try
        {
            var d = JsonSerializer.Deserialize<DrawDocument>(json, Json) ?? throw new InspectionException("文件为空");
            if (d.Format != Format) throw new InspectionException($"format须为{Format}");
            if (d.Plan is null || d.Targets is null || d.Inspectors is null || d.Commitment is null) throw new InspectionException("文件缺少plan、targets、inspectors或commitment");
            return d;
        }
        catch (JsonException ex) { throw new InspectionException($"不是有效的抽查公示文件（JSON第{ex.LineNumber + 1}行）：{ex.Message}"); }
    }

    /// <summary>Makes a plan from the rules in force for the departments taking part.</summary>
    public static DrawPlan Plan(InspectionRules rules, string code, string name, string scope, IReadOnlyList<string> departments,
        DateTimeOffset publishedAt, DateTimeOffset seedAt, string seedSource)
    {
        if (seedAt <= publishedAt) throw new InspectionException("取种时间须晚于计划公布时间（先公布承诺，后取随机数）");
        if (departments.Count == 0) throw new InspectionException("抽查计划须至少有一个检查部门");
        if (string.IsNullOrWhiteSpace(seedSource)) throw new InspectionException("须说明随机数来源（公开来源，平台无法控制）");
        var depts = departments.Distinct().Select(d => rules.Of(d)).Select(d => new PlanDepartment(d.Code, d.Name, d.Ratios, d.Qualification, d.Items)).ToList();
        return new DrawPlan(code, name, rules.Version, scope, depts, rules.InspectorsPerTarget, rules.KeyItemsForGrades, rules.Conflicts, publishedAt, seedAt, seedSource);
    }

    /// <summary>Validates the rosters and commits to plan and rosters (published before the seed is taken).</summary>
    public static DrawDocument Commit(DrawPlan plan, IReadOnlyList<DrawTarget> targets, IReadOnlyList<DrawInspector> inspectors)
    {
        Validate(plan, targets, inspectors);
        var ts = targets.OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        var ins = inspectors.OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        return new DrawDocument(Format, plan, ts, ins, CommitmentOf(plan, ts, ins), null, null);
    }

    /// <summary>Takes the seed from the public value (after the announced moment) and draws.</summary>
    public static DrawDocument Reveal(DrawDocument committed, string publicValue, string source, DateTimeOffset takenAt)
    {
        if (takenAt < committed.Plan.SeedAt) throw new InspectionException($"未到公布的取种时间（{committed.Plan.SeedAt:yyyy-MM-dd HH:mm}）");
        if (string.IsNullOrWhiteSpace(publicValue)) throw new InspectionException("须填写公开随机数");
        if (string.IsNullOrWhiteSpace(source)) throw new InspectionException("须说明公开随机数的来源");
        var seed = SeedOf(committed.Commitment.Commitment, publicValue.Trim(), source.Trim());
        var d = committed with { Seed = new DrawSeed(publicValue.Trim(), source.Trim(), takenAt, seed) };
        return d with { Result = Run(d.Plan, d.Targets, d.Inspectors, seed) };
    }

    /// <summary>The commitment of a plan and its rosters.</summary>
    public static DrawCommitment CommitmentOf(DrawPlan plan, IReadOnlyList<DrawTarget> targets, IReadOnlyList<DrawInspector> inspectors)
    {
        var p = Sha(CanonicalPlan(plan));
        var t = Sha(CanonicalTargets(targets));
        var i = Sha(CanonicalInspectors(inspectors));
        return new DrawCommitment(p, t, i, Sha($"{Format}\n{p}\n{t}\n{i}\n"));
    }

    /// <summary>seed = SHA-256(commitment ‖ "\n" ‖ public value ‖ "\n" ‖ source ‖ "\n"), hex.</summary>
    public static string SeedOf(string commitment, string publicValue, string source) => Sha($"{commitment}\n{publicValue}\n{source}\n");

    /// <summary>The draw: a deterministic function of plan, rosters and seed.</summary>
    /// <exception cref="InspectionException">A target drawn has too few eligible inspectors (named).</exception>
    public static DrawResult Run(DrawPlan plan, IReadOnlyList<DrawTarget> targets, IReadOnlyList<DrawInspector> inspectors, string seed)
    {
        var sizes = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        var chosen = new Dictionary<string, List<string>>(StringComparer.Ordinal);   // target → departments
        foreach (var d in plan.Departments)
        {
            var bySize = new Dictionary<string, int>();
            foreach (var g in InspectionRules.Grades)
            {
                var pool = targets.Where(t => t.Grade == g).ToList();
                var n = SizeOf(pool.Count, d.Ratios.GetValueOrDefault(g));
                bySize[g] = n;
                foreach (var t in pool.OrderBy(t => Key(seed, $"target\n{d.Code}\n{t.Code}"), ByteOrder.Instance).ThenBy(t => t.Code, StringComparer.Ordinal).Take(n))
                    (chosen.TryGetValue(t.Code, out var l) ? l : chosen[t.Code] = []).Add(d.Code);
            }
            sizes[d.Code] = bySize;
        }
        var byCode = targets.ToDictionary(t => t.Code, StringComparer.Ordinal);
        var inspections = new List<DrawnInspection>();
        foreach (var code in chosen.Keys.Order(StringComparer.Ordinal))
        {
            var t = byCode[code];
            var depts = plan.Departments.Where(d => chosen[code].Contains(d.Code)).ToList();
            var items = depts.SelectMany(d => d.Items.Where(i => i.Kind == "general" || plan.KeyItemsForGrades.Contains(t.Grade)))
                .Select(i => i.Code).Distinct().ToList();
            var eligible = inspectors
                .Where(i => depts.Any(d => d.Code == i.Department && (d.Qualification is null || i.Qualifications.Contains(d.Qualification))))
                .Where(i => ConflictOf(plan, i, t) is null)
                .OrderBy(i => Key(seed, $"inspector\n{t.Code}\n{i.Id}"), ByteOrder.Instance).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var picked = new List<string>();
            foreach (var d in depts)   // at least one inspector of each department of a joint inspection
            {
                var first = eligible.FirstOrDefault(i => i.Department == d.Code && !picked.Contains(i.Id))
                            ?? throw new InspectionException($"检查对象{t.Code}（{t.Name}）：{d.Name}没有具备资格且无利益冲突的检查人员");
                picked.Add(first.Id);
            }
            var need = Math.Max(plan.InspectorsPerTarget, depts.Count);
            foreach (var i in eligible)
            {
                if (picked.Count >= need) break;
                if (!picked.Contains(i.Id)) picked.Add(i.Id);
            }
            if (picked.Count < need)
                throw new InspectionException($"检查对象{t.Code}（{t.Name}）：具备资格且无利益冲突的检查人员只有{picked.Count}名，不足{need}名");
            inspections.Add(new DrawnInspection(t.Code, t.Grade, depts.Select(d => d.Code).ToList(), items, picked.Order(StringComparer.Ordinal).ToList()));
        }
        return new DrawResult(sizes, inspections);
    }

    /// <summary>The number drawn from <paramref name="count"/> targets at <paramref name="percent"/>: ⌈count × percent / 100⌉.</summary>
    public static int SizeOf(int count, decimal percent) => (int)Math.Ceiling(count * percent / 100m);

    /// <summary>The conflict that excludes an inspector from a target, or null.</summary>
    public static ConflictKind? ConflictOf(DrawPlan plan, DrawInspector i, DrawTarget t)
    {
        foreach (var k in plan.Conflicts)
        {
            if (k.InspectorField is null)
            {
                if (i.Conflicts.Any(c => c.Kind == k.Code && c.Target == t.Code)) return k;
                continue;
            }
            var a = k.InspectorField switch { "unit" => i.Unit, "department" => i.Department, _ => null };
            var b = k.TargetField switch { "registrationUnit" => t.RegistrationUnit, "region" => t.Region, "industry" => t.Industry, _ => null };
            if (!string.IsNullOrEmpty(a) && a == b) return k;
        }
        return null;
    }

    /// <summary>Recomputes a published draw from its material and says whether (and where) it differs.</summary>
    public static DrawVerification Verify(DrawDocument d)
    {
        var diff = new List<string>();
        var c = CommitmentOf(d.Plan, d.Targets, d.Inspectors);
        if (c.PlanHash != d.Commitment.PlanHash) diff.Add($"计划（plan）的哈希不符：公布{d.Commitment.PlanHash}，重算{c.PlanHash}");
        if (c.TargetsHash != d.Commitment.TargetsHash) diff.Add($"检查对象名录（targets）的哈希不符：公布{d.Commitment.TargetsHash}，重算{c.TargetsHash}");
        if (c.InspectorsHash != d.Commitment.InspectorsHash) diff.Add($"检查人员名录（inspectors）的哈希不符：公布{d.Commitment.InspectorsHash}，重算{c.InspectorsHash}");
        if (c.Commitment != d.Commitment.Commitment) diff.Add($"承诺值（commitment）不符：公布{d.Commitment.Commitment}，重算{c.Commitment}");
        if (d.Plan.SeedAt <= d.Plan.PublishedAt) diff.Add("取种时间不晚于计划公布时间");
        if (d.Seed is null || d.Result is null) { diff.Add("尚未抽取：文件没有随机数（seed）或抽取结果（result）"); return new DrawVerification(false, diff); }
        if (d.Seed.TakenAt < d.Plan.SeedAt) diff.Add($"随机数取于{d.Seed.TakenAt:O}，早于公布的取种时间{d.Plan.SeedAt:O}");
        var seed = SeedOf(d.Commitment.Commitment, d.Seed.PublicValue, d.Seed.Source);
        if (seed != d.Seed.Seed) diff.Add($"随机种子（seed）不符：公布{d.Seed.Seed}，由承诺值和公开随机数重算{seed}");
        DrawResult r;
        try { r = Run(d.Plan, d.Targets, d.Inspectors, seed); }
        catch (InspectionException ex) { diff.Add($"无法重算抽取结果：{ex.Message}"); return new DrawVerification(false, diff); }
        foreach (var (dept, bySize) in r.Sizes)
            foreach (var (g, n) in bySize)
                if (!(d.Result.Sizes.TryGetValue(dept, out var p) && p.TryGetValue(g, out var pn) && pn == n))
                    diff.Add($"部门{dept}的{g}级抽取数量不符：重算{n}");
        var published = d.Result.Inspections.ToDictionary(i => i.Target, StringComparer.Ordinal);
        foreach (var i in r.Inspections)
        {
            if (!published.Remove(i.Target, out var p)) { diff.Add($"检查对象{i.Target}应被抽中，公布结果中没有"); continue; }
            if (!p.Departments.SequenceEqual(i.Departments)) diff.Add($"检查对象{i.Target}的检查部门不符：公布{string.Join(",", p.Departments)}，重算{string.Join(",", i.Departments)}");
            if (!p.Items.SequenceEqual(i.Items)) diff.Add($"检查对象{i.Target}的检查事项不符：公布{string.Join(",", p.Items)}，重算{string.Join(",", i.Items)}");
            if (!p.Inspectors.SequenceEqual(i.Inspectors)) diff.Add($"检查对象{i.Target}的检查人员不符：公布{string.Join(",", p.Inspectors)}，重算{string.Join(",", i.Inspectors)}");
            if (p.Grade != i.Grade) diff.Add($"检查对象{i.Target}的信用等级不符：公布{p.Grade}，名录{i.Grade}");
        }
        foreach (var extra in published.Keys) diff.Add($"检查对象{extra}不应被抽中，公布结果中却有");
        return new DrawVerification(diff.Count == 0, diff);
    }

    private static void Validate(DrawPlan plan, IReadOnlyList<DrawTarget> targets, IReadOnlyList<DrawInspector> inspectors)
    {
        if (targets.Count == 0) throw new InspectionException("检查对象名录为空");
        if (targets.GroupBy(t => t.Code).FirstOrDefault(g => g.Count() > 1) is { } t2) throw new InspectionException($"检查对象{t2.Key}在名录中重复");
        if (targets.FirstOrDefault(t => !InspectionRules.Grades.Contains(t.Grade)) is { } bad) throw new InspectionException($"检查对象{bad.Code}的信用等级须为A、B、C或D");
        if (inspectors.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1) is { } i2) throw new InspectionException($"检查人员{i2.Key}在名录中重复");
        var kinds = plan.Conflicts.Where(k => k.InspectorField is null).Select(k => k.Code).ToHashSet();
        foreach (var i in inspectors)
            if (i.Conflicts.FirstOrDefault(c => !kinds.Contains(c.Kind)) is { } c)
                throw new InspectionException($"检查人员{i.Id}申报的利益冲突类型“{c.Kind}”不在规则中（{string.Join("、", kinds)}）");
        var all = targets.SelectMany(t => new[] { t.Code, t.Name, t.Region, t.Industry, t.RegistrationUnit })
            .Concat(inspectors.SelectMany(i => new[] { i.Id, i.Name, i.Department, i.Unit }.Concat(i.Qualifications).Concat(i.Conflicts.SelectMany(c => new[] { c.Kind, c.Target }))));
        if (all.FirstOrDefault(v => v is not null && (v.Contains('\t') || v.Contains('\n') || v.Contains(',') || v.Contains('\r'))) is { } v)
            throw new InspectionException($"名录中的“{v}”含有制表符、换行或逗号");
    }

    /// <summary>The plan's canonical text (hashed into the commitment).</summary>
    public static string CanonicalPlan(DrawPlan p)
    {
        var s = new StringBuilder();
        s.Append("code\t").Append(p.Code).Append('\n').Append("name\t").Append(p.Name).Append('\n')
         .Append("rules\t").Append(p.RulesVersion).Append('\n').Append("scope\t").Append(p.Scope).Append('\n')
         .Append("publishedAt\t").Append(Instant(p.PublishedAt)).Append('\n').Append("seedAt\t").Append(Instant(p.SeedAt)).Append('\n')
         .Append("seedSource\t").Append(p.SeedSource).Append('\n').Append("inspectorsPerTarget\t").Append(p.InspectorsPerTarget).Append('\n')
         .Append("keyItemsForGrades\t").Append(string.Join(",", p.KeyItemsForGrades)).Append('\n');
        foreach (var d in p.Departments)
        {
            s.Append("department\t").Append(d.Code).Append('\t').Append(d.Name).Append('\t').Append(d.Qualification).Append('\t')
             .Append(string.Join(",", InspectionRules.Grades.Select(g => $"{g}={Num(d.Ratios.GetValueOrDefault(g))}"))).Append('\n');
            foreach (var i in d.Items) s.Append("item\t").Append(d.Code).Append('\t').Append(i.Code).Append('\t').Append(i.Kind).Append('\t').Append(i.Name).Append('\n');
        }
        foreach (var k in p.Conflicts) s.Append("conflict\t").Append(k.Code).Append('\t').Append(k.Name).Append('\t').Append(k.InspectorField).Append('\t').Append(k.TargetField).Append('\n');
        return s.ToString();
    }

    /// <summary>The target roster's canonical text: one line per target in code order.</summary>
    public static string CanonicalTargets(IReadOnlyList<DrawTarget> targets) => string.Concat(targets.OrderBy(t => t.Code, StringComparer.Ordinal)
        .Select(t => $"{t.Code}\t{t.Name}\t{t.Region}\t{t.Industry}\t{t.Grade}\t{t.RegistrationUnit}\n"));

    /// <summary>The inspector roster's canonical text: one line per inspector in id order.</summary>
    public static string CanonicalInspectors(IReadOnlyList<DrawInspector> inspectors) => string.Concat(inspectors.OrderBy(i => i.Id, StringComparer.Ordinal)
        .Select(i => $"{i.Id}\t{i.Name}\t{i.Department}\t{i.Unit}\t{string.Join(",", i.Qualifications.Order(StringComparer.Ordinal))}\t" +
                     $"{string.Join(",", i.Conflicts.Select(c => $"{c.Kind}:{c.Target}").Order(StringComparer.Ordinal))}\n"));

    private static string Instant(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Num(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static byte[] Key(string seed, string label) => SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{label}"));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
