using System.Globalization;
using Xinyong.Rules;

namespace Xinyong.Emergencies;

/// <summary>A declarations file that cannot be loaded, or a declaration that is not valid; the message names the entry and the field.</summary>
public sealed class EmergencyDeclarationException(string message) : Exception(message);

/// <summary>
/// An emergency declaration (《黑龙江省社会信用条例》第三十条第三款、第四款; 《黑龙江省促进中小企业发展条例》第十二条): during
/// <see cref="From"/>..<see cref="To"/>, for subjects of the declared regions, performance periods are extended, negative
/// records are held for the deciding unit's confirmation before publication (审慎认定) and repair decisions are shortened.
/// </summary>
/// <param name="Code">Stable code.</param>
/// <param name="Kind">自然灾害, 事故灾难, 公共卫生事件 or 社会安全事件.</param>
/// <param name="Name">What it is (e.g. 哈尔滨市防汛Ⅳ级应急响应).</param>
/// <param name="Regions">Six-digit division codes; a province (xx0000) or city (xxxx00) code covers its districts.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="PerformanceExtensionDays">Calendar days added to the subject's performance periods opened during it (0 = none).</param>
/// <param name="RepairDecisionWorkingDays">The shortened repair decision period in working days (null = unchanged).</param>
/// <param name="HoldRecords">Whether negative records of the regions decided during it are held for confirmation.</param>
/// <param name="DeclaredBy">Who declared it.</param>
/// <param name="Basis">The basis as published.</param>
/// <param name="Source">file (data/emergencies) or staff (declared on the staff page or the API).</param>
public sealed record EmergencyDeclaration(
    string Code, string Kind, string Name, IReadOnlyList<string> Regions, DateOnly From, DateOnly To, int PerformanceExtensionDays,
    int? RepairDecisionWorkingDays, bool HoldRecords, string DeclaredBy, string Basis, string Source)
{
    /// <summary>The kinds of emergency of Art. 30 (3).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["自然灾害", "事故灾难", "公共卫生事件", "社会安全事件"];

    /// <summary>The default basis.</summary>
    public const string DefaultBasis = "《黑龙江省社会信用条例》第三十条第三款、第四款；《黑龙江省促进中小企业发展条例》第十二条";

    /// <summary>Whether the declaration is in force on a day.</summary>
    public bool InForceOn(DateOnly day) => From <= day && day <= To;

    /// <summary>Whether a subject of <paramref name="division"/> (six-digit code) is in a declared region.</summary>
    public bool Covers(string? division) => division is { Length: >= 6 } d && Regions.Any(r => d.StartsWith(Prefix(r), StringComparison.Ordinal));

    /// <summary>The part of a division code that its subdivisions share: 230000 → 23, 230100 → 2301, 230102 → 230102.</summary>
    public static string Prefix(string region) => region.EndsWith("0000", StringComparison.Ordinal) ? region[..2] : region.EndsWith("00", StringComparison.Ordinal) ? region[..4] : region;

    /// <summary>Checks a declaration; throws with the field named in Chinese.</summary>
    public static EmergencyDeclaration Validate(EmergencyDeclaration d)
    {
        static EmergencyDeclarationException Bad(string m) => new(m);
        if (string.IsNullOrWhiteSpace(d.Code) || d.Code.Length > 60) throw Bad("须填写声明编码（不超过60个字符）");
        if (!Kinds.Contains(d.Kind)) throw Bad($"突发事件类型须为{string.Join("、", Kinds)}之一");
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200) throw Bad("须填写突发事件名称（不超过200个字符）");
        if (d.Regions.Count == 0) throw Bad("须填写受影响的行政区划代码");
        foreach (var r in d.Regions)
            if (r.Length != 6 || !r.All(char.IsAsciiDigit)) throw Bad($"“{r}”不是六位行政区划代码");
        if (d.To < d.From) throw Bad("应急期间的最后一日不能早于其第一日");
        if (d.PerformanceExtensionDays is < 0 or > 366) throw Bad("延长履行期限的天数须在0至366之间");
        if (d.RepairDecisionWorkingDays is < 1 or > 5) throw Bad("压缩后的信用修复决定时限须为1至5个工作日（不长于一般时限）");
        if (string.IsNullOrWhiteSpace(d.DeclaredBy)) throw Bad("须填写发布机关");
        return d;
    }

    /// <summary>Loads every <c>emergencies/*.yaml</c> of a rules folder (none when the folder does not exist).</summary>
    public static IReadOnlyList<EmergencyDeclaration> Load(string rulesDirectory)
    {
        var kind = RuleFileKinds.Emergencies;
        return RuleFiles.LoadFolder(kind, kind.DirectoryIn(rulesDirectory), Parse, m => new EmergencyDeclarationException(m)).SelectMany(d => d).ToList();
    }

    /// <summary>Parses one file of declarations.</summary>
    public static IReadOnlyList<EmergencyDeclaration> Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, m => new EmergencyDeclarationException(m));
        var result = new List<EmergencyDeclaration>();
        foreach (var (e, i) in (doc?.Declarations ?? []).Select((e, i) => (e, i)))
        {
            DateOnly Day(string? v, string field) => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new EmergencyDeclarationException($"{fileName}: declarations[{i}].{field} must be a date (yyyy-MM-dd)");
            try
            {
                result.Add(Validate(new EmergencyDeclaration(e.Code?.Trim() ?? "", e.Kind?.Trim() ?? "", e.Name?.Trim() ?? "", e.Regions.Select(r => r.Trim()).ToList(),
                    Day(e.From, "from"), Day(e.To, "to"), e.PerformanceExtensionDays, e.RepairDecisionWorkingDays, e.HoldRecords,
                    e.DeclaredBy?.Trim() ?? "", string.IsNullOrWhiteSpace(e.Basis) ? DefaultBasis : e.Basis.Trim(), "file")));
            }
            catch (EmergencyDeclarationException ex) { throw new EmergencyDeclarationException($"{fileName}: declarations[{i}]: {ex.Message}"); }
        }
        if (result.GroupBy(d => d.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new EmergencyDeclarationException($"{fileName}: code '{twice.Key}' is declared twice");
        return result;
    }

    private sealed class Doc
    {
        public List<EntryDoc> Declarations { get; set; } = [];
    }

    private sealed class EntryDoc
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public List<string> Regions { get; set; } = [];
        public string? From { get; set; }
        public string? To { get; set; }
        public int PerformanceExtensionDays { get; set; }
        public int? RepairDecisionWorkingDays { get; set; }
        public bool HoldRecords { get; set; }
        public string? DeclaredBy { get; set; }
        public string? Basis { get; set; }
    }
}
