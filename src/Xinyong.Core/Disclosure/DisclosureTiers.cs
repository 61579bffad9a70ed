using System.Globalization;
using Xinyong.Catalog;

namespace Xinyong.Disclosure;

/// <summary>
/// The three tiers of dishonesty information of the national Credit Repair Measures (《信用修复管理办法》, NDRC Order
/// No. 36 of 2025, in force 2026-04-01): minor (轻微), general (一般), serious (严重).
/// </summary>
public enum Tier { Minor, General, Serious }

/// <summary>Codes and Chinese names of the tiers.</summary>
public static class Tiers
{
    /// <summary>The stable code used in the API and the store: minor, general, serious.</summary>
    public static string Code(this Tier t) => t switch { Tier.Minor => "minor", Tier.Serious => "serious", _ => "general" };

    /// <summary>The Chinese name: 轻微, 一般, 严重.</summary>
    public static string Chinese(this Tier t) => t switch { Tier.Minor => "轻微", Tier.Serious => "严重", _ => "一般" };

    /// <summary>The Chinese name of a stored code, or the code itself.</summary>
    public static string ChineseOf(string? code) => Parse(code) is { } t ? t.Chinese() + "失信信息" : code ?? "";

    /// <summary>Parses a code (minor, general, serious) or a Chinese name (轻微, 一般, 严重); null when neither.</summary>
    public static Tier? Parse(string? value) => value?.Trim() switch
    {
        "minor" or "轻微" => Tier.Minor,
        "general" or "一般" => Tier.General,
        "serious" or "严重" => Tier.Serious,
        _ => null,
    };
}

/// <summary>The disclosure window of a tier, in months counted from the decision date.</summary>
/// <param name="MinMonths">Repair may be applied for from the end of this minimum (0: as soon as the obligation is fulfilled).</param>
/// <param name="MaxMonths">Publication ends automatically at this maximum.</param>
/// <param name="Published">Whether records of the tier are published at all (minor: not, unless a sector rule says so).</param>
public sealed record TierWindow(int MinMonths, int MaxMonths, bool Published);

/// <summary>A condition of a tier rule; every part given must hold.</summary>
/// <param name="Field">The field tested (a field code of the item).</param>
/// <param name="EqualsAny">The value equals one of these.</param>
/// <param name="ContainsAny">The value contains one of these.</param>
/// <param name="OnlyOf">Every part of the value (split at 、，,；;/ and spaces) is one of these: e.g. 警告 or 通报批评 only.</param>
/// <param name="AmountAtLeast">The value is an amount of at least this many 万元.</param>
/// <param name="AuthorityContains">The sector: the deciding authority's name contains one of these.</param>
public sealed record TierCondition(
    string? Field, IReadOnlyList<string> EqualsAny, IReadOnlyList<string> ContainsAny, IReadOnlyList<string> OnlyOf,
    decimal? AmountAtLeast, IReadOnlyList<string> AuthorityContains)
{
    private static readonly char[] Separators = ['、', '，', ',', '；', ';', '/', ' ', '　', '和', '及', '并'];

    /// <summary>Whether the condition holds for a record.</summary>
    public bool Holds(Func<string, string?> valueOf, string? authority)
    {
        if (AuthorityContains.Count > 0 && (authority is null || !AuthorityContains.Any(a => authority.Contains(a, StringComparison.Ordinal))))
            return false;
        if (Field is null) return true;
        var v = valueOf(Field)?.Trim();
        if (string.IsNullOrEmpty(v)) return false;
        if (EqualsAny.Count > 0 && !EqualsAny.Contains(v)) return false;
        if (ContainsAny.Count > 0 && !ContainsAny.Any(c => v.Contains(c, StringComparison.Ordinal))) return false;
        if (OnlyOf.Count > 0)
        {
            var parts = v.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0 || !parts.All(p => OnlyOf.Contains(p))) return false;
        }
        if (AmountAtLeast is { } min &&
            !(decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= min)) return false;
        return true;
    }
}

/// <summary>One published classification rule of an item: when it applies and the tier it assigns.</summary>
/// <param name="Id">Stable id within the item (kept on the record with the version).</param>
/// <param name="Name">What the rule says, in Chinese (shown to the subject).</param>
/// <param name="Tier">The tier assigned; null when taken from <paramref name="FromField"/>.</param>
/// <param name="FromField">The deciding unit's own classification: a field whose value (轻微/一般/严重) is the tier.</param>
/// <param name="When">When the rule applies.</param>
/// <param name="PublishMonths">For minor: a sector rule that publishes the record for this many months (at most 3).</param>
public sealed record TierRule(string Id, string Name, Tier? Tier, string? FromField, TierCondition When, int? PublishMonths);

/// <summary>What records decided before a file's effective date follow.</summary>
public enum EarlierRecords
{
    /// <summary>The catalog item's own periods in force before (two grades: serious or not) — the rule in force when decided.</summary>
    Catalog,
    /// <summary>The tiers of the earliest file, as if decided on its effective date.</summary>
    Tiers,
}

/// <summary>One published version of the disclosure rules (<c>data/disclosure/*.yaml</c>).</summary>
/// <param name="Version">The version label.</param>
/// <param name="Effective">Records decided on or after this day follow this version (until a later one).</param>
/// <param name="Basis">The national rules it implements.</param>
/// <param name="Earlier">What records decided before the earliest version's effective date follow.</param>
/// <param name="Windows">The window of each tier.</param>
/// <param name="Items">The rules of each catalog item, first match wins.</param>
/// <param name="File">The file it was read from (for errors).</param>
public sealed record DisclosureVersion(
    string Version, DateOnly Effective, string Basis, EarlierRecords Earlier, IReadOnlyDictionary<Tier, TierWindow> Windows,
    IReadOnlyDictionary<string, IReadOnlyList<TierRule>> Items, string File);

/// <summary>The tier a record got at collection and what follows from it.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="RuleId">The rule that assigned it, as kept on the record: <c>version:item/rule</c>.</param>
/// <param name="RuleName">What the rule says, in Chinese.</param>
/// <param name="Published">Whether the record is published to the public.</param>
/// <param name="MinMonths">The minimum window (repair from its end).</param>
/// <param name="MaxMonths">The maximum window (publication and use end at its end).</param>
public sealed record TierDecision(Tier Tier, string RuleId, string RuleName, bool Published, int MinMonths, int MaxMonths)
{
    /// <summary>The last day of the window counted from the decision date (a year from 2026-04-10 ends 2027-04-10).</summary>
    public DateOnly Ends(DateOnly decided) => decided.AddMonths(MaxMonths);

    /// <summary>The first day a repair may be applied for.</summary>
    public DateOnly RepairFrom(DateOnly decided) => decided.AddMonths(MinMonths);
}

/// <summary>
/// The tier rules of one catalog item over every published version: the version whose effective date is the latest not
/// after the decision date applies; a record decided before the earliest version follows what that version declares
/// (<see cref="EarlierRecords"/>). Pure: no I/O.
/// </summary>
public sealed class ItemTiering(string item, IReadOnlyList<DisclosureVersion> versions)
{
    /// <summary>The versions that have rules for the item, oldest first.</summary>
    public IReadOnlyList<DisclosureVersion> Versions { get; } = versions.Where(v => v.Items.ContainsKey(item)).OrderBy(v => v.Effective).ToList();

    /// <summary>The rule id kept on records decided before the earliest version when it declares <see cref="EarlierRecords.Catalog"/>.</summary>
    public string EarlierRuleId => $"{Versions[0].Version}:{item}/before-effective";

    /// <summary>
    /// The tier of a record decided on <paramref name="decided"/>, or null when the catalog's own periods apply (a record
    /// decided before the rules took effect, as the earliest version declares).
    /// </summary>
    /// <param name="decided">The decision date.</param>
    /// <param name="valueOf">The record's normalized value of a field code.</param>
    /// <param name="authority">The deciding authority's name (the sector).</param>
    public TierDecision? Decide(DateOnly decided, Func<string, string?> valueOf, string? authority)
    {
        var version = Versions.LastOrDefault(v => v.Effective <= decided);
        if (version is null)
        {
            if (Versions[0].Earlier == EarlierRecords.Catalog) return null;
            version = Versions[0];
        }
        foreach (var r in version.Items[item])
        {
            if (!r.When.Holds(valueOf, authority)) continue;
            Tier? tier = r.Tier;
            if (r.FromField is { } ff)
            {
                tier = Tiers.Parse(valueOf(ff));
                if (tier is null) continue;
            }
            var w = version.Windows[tier!.Value];
            var published = w.Published || r.PublishMonths is > 0;
            var max = tier == Tier.Minor && r.PublishMonths is { } pm && pm > 0 ? Math.Min(pm, w.MaxMonths) : w.MaxMonths;
            return new TierDecision(tier.Value, $"{version.Version}:{item}/{r.Id}", r.Name, published, w.MinMonths, max);
        }
        throw new InvalidOperationException($"{version.File}: no tier rule of item '{item}' applies (the last rule must apply to every record)");
    }

    /// <summary>What a stored rule id says, in Chinese; null when no version has it.</summary>
    public string? Describe(string ruleId)
    {
        if (ruleId == EarlierRuleId)
            return $"{Day(Versions[0].Effective)}前作出的决定，适用作出时目录规定的公示期限";
        foreach (var v in Versions)
            foreach (var r in v.Items[item])
                if ($"{v.Version}:{item}/{r.Id}" == ruleId) return $"{r.Name}（{v.Basis}，{v.Version}版）";
        return null;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
