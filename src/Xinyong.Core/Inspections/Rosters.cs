namespace Xinyong.Inspections;

/// <summary>Roster files (UTF-8 TSV with a header line) for targets and inspectors.</summary>
public static class Rosters
{
    /// <summary>Targets: code, name, region, industry, grade, registrationUnit.</summary>
    public static IReadOnlyList<DrawTarget> Targets(string tsv) => Rows(tsv, 5, "检查对象名录").Select(c =>
        new DrawTarget(c[0], c[1], Opt(c, 2), Opt(c, 3), c[4], Opt(c, 5))).ToList();

    /// <summary>Inspectors: id, name, department, unit, qualifications (separated by ;), conflicts (kind:target separated by ;).</summary>
    public static IReadOnlyList<DrawInspector> Inspectors(string tsv) => Rows(tsv, 4, "检查人员名录").Select(c =>
        new DrawInspector(c[0], c[1], c[2], c[3], Split(Opt(c, 4)),
            Split(Opt(c, 5)).Select(x => x.Split(':') is [var k, var t] ? new DeclaredConflict(k, t) : throw new InspectionException($"检查人员{c[0]}的利益冲突“{x}”须为“类型:检查对象代码”")).ToList())).ToList();

    private static IEnumerable<string[]> Rows(string tsv, int min, string what)
    {
        var lines = tsv.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < lines.Length; i++)
        {
            var c = lines[i].Split('\t').Select(x => x.Trim()).ToArray();
            if (c.Length < min || c.Take(min).Any(string.IsNullOrEmpty)) throw new InspectionException($"{what}第{i + 1}行：前{min}列为必填项");
            yield return c;
        }
    }

    private static string? Opt(string[] c, int i) => i < c.Length && c[i].Length > 0 ? c[i] : null;

    private static List<string> Split(string? s) => s is null ? [] : s.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
