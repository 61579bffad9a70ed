namespace Xinyong.Measures;

/// <summary>The three kinds of measure (Art. 26, 31).</summary>
public enum MeasureKind
{
    /// <summary>守信激励措施 (Art. 26).</summary>
    Incentive,
    /// <summary>失信约束措施 (Art. 31 (1)).</summary>
    Constraint,
    /// <summary>失信惩戒措施 (Art. 31 (2)).</summary>
    Punishment,
}

/// <summary>The published list a measure belongs to.</summary>
public enum MeasureSource
{
    /// <summary>守信激励措施清单 (Art. 26).</summary>
    IncentiveList,
    /// <summary>失信约束措施清单 (Art. 31 (1)).</summary>
    ConstraintList,
    /// <summary>全国失信惩戒措施基础清单.</summary>
    NationalBase,
    /// <summary>本省失信惩戒措施补充清单 (Art. 31 (2)).</summary>
    ProvincialSupplement,
}

/// <summary>Codes and Chinese names of measure kinds and sources.</summary>
public static class MeasureNames
{
    /// <summary>The API code: incentive, constraint or punishment.</summary>
    public static string Code(this MeasureKind k) => k switch
    {
        MeasureKind.Incentive => "incentive",
        MeasureKind.Constraint => "constraint",
        MeasureKind.Punishment => "punishment",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>The Chinese name.</summary>
    public static string Chinese(this MeasureKind k) => k switch
    {
        MeasureKind.Incentive => "守信激励措施",
        MeasureKind.Constraint => "失信约束措施",
        MeasureKind.Punishment => "失信惩戒措施",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>The Chinese name of the published list.</summary>
    public static string Chinese(this MeasureSource s) => s switch
    {
        MeasureSource.IncentiveList => "守信激励措施清单",
        MeasureSource.ConstraintList => "失信约束措施清单",
        MeasureSource.NationalBase => "全国失信惩戒措施基础清单",
        MeasureSource.ProvincialSupplement => "本省失信惩戒措施补充清单",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}

/// <summary>A workflow in which a department checks a subject (Art. 44), e.g. procurement.</summary>
/// <param name="Code">The API code, e.g. <c>procurement</c>.</param>
/// <param name="Name">The Chinese name.</param>
/// <param name="Basis">The article that embeds the check in this workflow.</param>
public sealed record Scenario(string Code, string Name, string Basis);

/// <summary>What calls for a measure (or, as <see cref="Measure.Unless"/>, rules it out).</summary>
/// <param name="Lists">Credit lists (<c>dishonesty</c>, <c>incentive</c>) whose entries in force trigger it.</param>
/// <param name="Items">Catalog items whose records in force trigger it.</param>
/// <param name="SeriousOnly">Only records graded serious trigger it.</param>
public sealed record MeasureTriggers(IReadOnlyList<string> Lists, IReadOnlyList<string> Items, bool SeriousOnly)
{
    /// <summary>Nothing.</summary>
    public static readonly MeasureTriggers None = new([], [], false);

    /// <summary>True when nothing triggers.</summary>
    public bool IsEmpty => Lists.Count == 0 && Items.Count == 0;
}

/// <summary>How long a measure lasts (Art. 31 (3): every punishment measure states its period).</summary>
/// <param name="Months">A cap counted from the start of the trigger (list entry start, record decision date); null =
/// as long as the trigger lasts.</param>
/// <param name="Text">The period as published, in Chinese.</param>
public sealed record MeasurePeriod(int? Months, string Text);

/// <summary>One measure of a published measures list.</summary>
/// <param name="Code">Stable code, e.g. <c>P-31-2</c>.</param>
/// <param name="Kind">Incentive, constraint or punishment.</param>
/// <param name="Source">The published list it belongs to.</param>
/// <param name="Name">What the department does, in Chinese.</param>
/// <param name="Scenarios">The scenario codes where it applies.</param>
/// <param name="Basis">Its legal basis.</param>
/// <param name="Triggers">What calls for it.</param>
/// <param name="Unless">What rules it out (e.g. an incentive for a subject also on the DishonestyList).</param>
/// <param name="SubjectKinds">Subject kinds it applies to (codes); empty = all.</param>
/// <param name="RequiresPublication">Only when the triggering entry is published (Art. 37: a subject may decline).</param>
/// <param name="Period">Its period.</param>
public sealed record Measure(
    string Code,
    MeasureKind Kind,
    MeasureSource Source,
    string Name,
    IReadOnlyList<string> Scenarios,
    string Basis,
    MeasureTriggers Triggers,
    MeasureTriggers Unless,
    IReadOnlyList<string> SubjectKinds,
    bool RequiresPublication,
    MeasurePeriod Period);

/// <summary>A behaviour of Art. 29: a ground of a DishonestyList decision.</summary>
/// <param name="Code">e.g. <c>art29-5</c>.</param>
/// <param name="Ref">The article reference, e.g. 第二十九条第五项.</param>
/// <param name="Name">A short name.</param>
/// <param name="Text">The article's text.</param>
public sealed record Ground(string Code, string Ref, string Name, string Text)
{
    /// <summary>How a decision states it: name and article.</summary>
    public string Statement => $"{Name}（{Ref}）";
}

/// <summary>A code and its Chinese name (roles, notification recipients, exemption conditions).</summary>
public sealed record Named(string Code, string Name);

/// <summary>Art. 28 (3): court-listed judgment debtors join the DishonestyList automatically.</summary>
/// <param name="Item">The catalog item of the court's records (失信被执行人).</param>
/// <param name="Ground">The Art. 29 ground stated.</param>
/// <param name="Basis">The legal basis stated.</param>
/// <param name="RemovalConditions">The removal conditions stated.</param>
/// <param name="Remedy">The remedy stated.</param>
public sealed record CourtListingRule(string Item, Ground Ground, string Basis, string RemovalConditions, string Remedy);

/// <summary>Art. 33: the persons a market entity's listing also applies to.</summary>
/// <param name="Item">The catalog item of their personal record.</param>
/// <param name="Basis">The legal basis.</param>
/// <param name="SubjectKinds">The kinds of subject that are market entities.</param>
/// <param name="Roles">The roles (法定代表人 …); the names are the item's enum values.</param>
public sealed record LinkedPersonRule(string Item, string Basis, IReadOnlyList<string> SubjectKinds, IReadOnlyList<Named> Roles);

/// <summary>Art. 32 (2): whom the deciding unit notifies.</summary>
/// <param name="Basis">The legal basis.</param>
/// <param name="Recipients">The recipients owed a notification.</param>
public sealed record NotificationRule(string Basis, IReadOnlyList<Named> Recipients);

/// <summary>How a state organ or state-owned unit is recognised (Art. 32).</summary>
/// <param name="Kinds">Subject kinds that are state organs.</param>
/// <param name="RegistrationItem">The registration item whose field marks a state-owned unit.</param>
/// <param name="Field">That field.</param>
/// <param name="EqualsValue">The value that marks it.</param>
public sealed record StateBodyRule(IReadOnlyList<string> Kinds, string RegistrationItem, string Field, string EqualsValue);

/// <summary>The rules of DishonestyList decisions (Art. 28-33).</summary>
public sealed record DishonestyRules(
    int DefaultMonths,
    string Basis,
    string RemovalConditions,
    string Remedy,
    IReadOnlyList<Ground> Grounds,
    CourtListingRule Court,
    LinkedPersonRule LinkedPersons,
    StateBodyRule StateBodies,
    NotificationRule StateBodyNotifications,
    NotificationRule StateEmployeeNotifications)
{
    /// <summary>A ground by code, or null.</summary>
    public Ground? GroundOf(string code) => Grounds.FirstOrDefault(g => g.Code == code);
}

/// <summary>A published criterion of the IncentiveList (Art. 25).</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Name">The recognition, e.g. 纳税信用A级纳税人.</param>
/// <param name="Unit">The kind of sector authority that recognises it.</param>
/// <param name="Basis">Where the criterion is published.</param>
/// <param name="Months">The default period of a recognition.</param>
public sealed record IncentiveCriterion(string Code, string Name, string Unit, string Basis, int Months);

/// <summary>Art. 30 (2): the conditions under which an act carries no constraint or punishment measure.</summary>
/// <param name="Basis">The legal basis.</param>
/// <param name="Conditions">Every condition, all of which the deciding unit affirms.</param>
public sealed record ExemptionRule(string Basis, IReadOnlyList<Named> Conditions);

/// <summary>
/// One published version of the incentive and punishment rules: the check scenarios, the measures lists, the rules of
/// both credit lists and the Art. 30 exemption, in force from <see cref="Effective"/>.
/// </summary>
public sealed record MeasuresVersion(
    string Version,
    DateOnly Effective,
    string PublishedBy,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyList<Measure> Measures,
    DishonestyRules Dishonesty,
    IReadOnlyList<IncentiveCriterion> Incentive,
    ExemptionRule Exemption)
{
    /// <summary>Every catalog item whose records can trigger or rule out a measure of this version.</summary>
    public IReadOnlyList<string> RecordItems { get; } =
        Measures.SelectMany(m => m.Triggers.Items.Concat(m.Unless.Items)).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>A scenario by code, or null.</summary>
    public Scenario? ScenarioOf(string code) => Scenarios.FirstOrDefault(s => s.Code == code);

    /// <summary>An incentive criterion by code, or null.</summary>
    public IncentiveCriterion? CriterionOf(string code) => Incentive.FirstOrDefault(c => c.Code == code);
}
