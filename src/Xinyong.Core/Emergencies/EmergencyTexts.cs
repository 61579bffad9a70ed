namespace Xinyong.Emergencies;

/// <summary>What people read about emergency declarations (Art. 30 (3), (4)): the audit summary, the refusal of a taken
/// code and the record events of the deciding unit's confirmation (审慎认定) of a held record.</summary>
public static class EmergencyTexts
{
    /// <summary>A declaration with this code exists.</summary>
    public static Refusal CodeTaken(string code) => Refusal.Conflict("emergency.code-taken", $"声明编码“{code}”已被使用");

    /// <summary>One line naming a declaration: kind, name, regions and days.</summary>
    public static string Summary(EmergencyDeclaration d) => $"{d.Kind}：{d.Name}，{string.Join("、", d.Regions)}，{d.From:yyyy-MM-dd}至{d.To:yyyy-MM-dd}";

    /// <summary>The record event of the deciding unit's decision on a held record, with its reason.</summary>
    public static string Decided(bool confirm, string reason) =>
        (confirm ? "应急期间暂缓公示的失信信息经认定单位确认后公示：" : "应急期间暂缓公示的失信信息经认定单位审慎认定后撤回，不予公示和使用：") + reason;
}
