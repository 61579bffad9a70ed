using System.Collections.Frozen;

namespace Xinyong.Identifiers;

/// <summary>One administrative division (GB/T 2260).</summary>
public sealed record Division(string Code, string Level, string Name, string? Parent);

/// <summary>
/// Administrative division codes (GB/T 2260): every province-level unit of China and every prefecture- and
/// county-level unit of Heilongjiang. Loaded from <c>data/reference/cn-divisions.tsv</c>, embedded in this assembly.
/// </summary>
public static class Divisions
{
    private static readonly Lazy<FrozenDictionary<string, Division>> All = new(Load);

    /// <summary>Every known division by its six-digit code.</summary>
    public static FrozenDictionary<string, Division> ByCode => All.Value;

    /// <summary>True when <paramref name="twoDigits"/> is the prefix of a province-level unit (11 Beijing … 82 Macao).</summary>
    public static bool IsProvinceCode(ReadOnlySpan<char> twoDigits) =>
        twoDigits.Length == 2 && All.Value.TryGetValue(string.Concat(twoDigits, "0000"), out var d) && d.Level == "province";

    /// <summary>The name of a division, or null when unknown.</summary>
    public static string? NameOf(string code) => All.Value.TryGetValue(code, out var d) ? d.Name : null;

    /// <summary>The divisions of Heilongjiang (23) at the given level: <c>prefecture</c> or <c>county</c>.</summary>
    public static IReadOnlyList<Division> Heilongjiang(string level) =>
        All.Value.Values.Where(d => d.Level == level && d.Code.StartsWith("23", StringComparison.Ordinal))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    private static FrozenDictionary<string, Division> Load()
    {
        using var s = typeof(Divisions).Assembly.GetManifestResourceStream("cn-divisions.tsv")
            ?? throw new InvalidOperationException("cn-divisions.tsv is not embedded");
        using var r = new StreamReader(s);
        var map = new Dictionary<string, Division>();
        var header = true;
        while (r.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header) { header = false; continue; }
            var f = line.Split('\t');
            map[f[0]] = new Division(f[0], f[1], f[2], f.Length > 3 && f[3].Length > 0 ? f[3] : null);
        }
        return map.ToFrozenDictionary();
    }
}
