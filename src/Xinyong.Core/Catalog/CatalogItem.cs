namespace Xinyong.Catalog;

/// <summary>The nature of an item: basic (登记类), positive (守信), negative (失信), neutral.</summary>
public enum Nature { Basic, Positive, Negative, Neutral }

/// <summary>The share attribute of an item towards government departments (Art. 22).</summary>
public enum ShareAttribute { Unconditional, Conditional, None }

/// <summary>The open attribute of an item towards the public (Art. 23).</summary>
public enum OpenAttribute
{
    /// <summary>Open to anyone: published on the portal, in reports and in open data.</summary>
    Unconditional,
    /// <summary>Open by query with the subject's authorization, or by agreement.</summary>
    Conditional,
    /// <summary>Not open.</summary>
    None,
}

/// <summary>The value type of a field; it decides validation and normalization.</summary>
public enum FieldType
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A calendar date, written yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd or yyyy年M月d日; normalized to yyyy-MM-dd.</summary>
    Date,
    /// <summary>An amount in 万元 (ten thousand yuan): a non-negative decimal, at most 6 decimals.</summary>
    AmountWan,
    /// <summary>A unified social credit code (checked).</summary>
    Uscc,
    /// <summary>A USCC or a resident identity number (court layouts put either in one column).</summary>
    SubjectCode,
    /// <summary>An identity document number whose type is given by the subject-id-type field.</summary>
    IdNumber,
    /// <summary>One value of a closed list.</summary>
    Enum,
    /// <summary>A whole number.</summary>
    Integer,
}

/// <summary>
/// What a field means to the platform, independent of its label: the pipeline finds the subject, the decision
/// document number and the dates through roles, so a new catalog item needs no code.
/// </summary>
public enum FieldRole
{
    None,
    SubjectName,
    SubjectCategory,
    SubjectUscc,
    SubjectIdType,
    SubjectIdNumber,
    /// <summary>One column holding either a USCC or a resident identity number.</summary>
    SubjectCode,
    LegalRepresentative,
    DecisionNumber,
    DecisionDate,
    ValidFrom,
    ValidTo,
    PublicUntil,
    AuthorityName,
    AuthorityUscc,
    SourceUnitName,
    SourceUnitUscc,
    Procedure,
    Amount,
    Region,
}

/// <summary>One field of an item's schema.</summary>
/// <param name="Code">The stable English code used in the API and in stored JSON (camelCase).</param>
/// <param name="Label">The Chinese header providers use (e.g. 行政处罚决定书文号).</param>
/// <param name="Type">The value type.</param>
/// <param name="Required">Whether a record without it is rejected.</param>
/// <param name="Personal">Personal information of a natural person (Art. 23): masked outside the subject's own view.</param>
/// <param name="Role">What the field means to the pipeline.</param>
/// <param name="Values">For <see cref="FieldType.Enum"/>: the allowed values.</param>
/// <param name="Aliases">Other headers accepted for this field.</param>
/// <param name="MaxLength">The longest accepted text.</param>
/// <param name="Mask">How a personal field is masked; by default from its type (identity numbers) or as a name.</param>
/// <param name="FreeText">
/// Free text that may carry personal information (违法事实, 备注, a decision number …): screened at collection and masked
/// outside the subject's own view wherever it holds a resident identity number, a telephone number or the name of a person
/// the record is about (<see cref="Xinyong.Identifiers.PersonalText"/>).
/// </param>
public sealed record FieldDef(
    string Code,
    string Label,
    FieldType Type,
    bool Required,
    bool Personal,
    FieldRole Role,
    IReadOnlyList<string> Values,
    IReadOnlyList<string> Aliases,
    int MaxLength,
    MaskKind Mask = MaskKind.Auto,
    bool FreeText = false);

/// <summary>How a personal field is shown outside the subject's own view (Art. 23).</summary>
public enum MaskKind
{
    /// <summary>Identity numbers as 230102********123X, other text as a name (surname kept).</summary>
    Auto,
    Name,
    Id,
    Phone,
    Address,
    BirthDate,
    /// <summary>Not shown at all.</summary>
    Hide,
}

/// <summary>Disclosure periods in months; null maximum means indefinitely (positive and basic items, Art. 37).</summary>
/// <param name="MinMonths">The shortest period a provider may declare.</param>
/// <param name="MaxMonths">The longest; null = no limit.</param>
/// <param name="DefaultMonths">Used when the record declares no end of publication; null = indefinitely.</param>
/// <param name="RepairAfterMonths">For negative items: repair may be applied for after this many months of publication.</param>
public sealed record DisclosureRule(int MinMonths, int? MaxMonths, int? DefaultMonths, int? RepairAfterMonths);

/// <summary>A rule that refuses a record as not being public credit information (e.g. 简易程序 penalties, Art. 18).</summary>
/// <param name="Field">The field code tested.</param>
/// <param name="EqualsAny">Refuse when the value equals one of these.</param>
/// <param name="ContainsAny">Refuse when the value contains one of these.</param>
/// <param name="Code">The error code reported.</param>
/// <param name="Reason">The reason, in Chinese.</param>
public sealed record ExclusionRule(string Field, IReadOnlyList<string> EqualsAny, IReadOnlyList<string> ContainsAny, string Code, string Reason);

/// <summary>How a negative record is graded serious (longer disclosure, Art. 29 grounds).</summary>
/// <param name="Field">The field tested.</param>
/// <param name="ContainsAny">Serious when the value contains one of these.</param>
/// <param name="AmountAtLeast">Serious when the item's amount field reaches this many 万元.</param>
public sealed record SeverityRule(string? Field, IReadOnlyList<string> ContainsAny, decimal? AmountAtLeast);

/// <summary>The repair rule of an item (Art. 40; 《黑龙江省“十四五”社会信用体系建设规划》三（三）).</summary>
/// <param name="Allowed">Whether records of the item can be repaired at all.</param>
/// <param name="Conditions">What the subject must have done, in Chinese.</param>
/// <param name="Evidence">The evidence an application carries (fine paid, rectification, commitment, training …).</param>
public sealed record RepairRule(bool Allowed, IReadOnlyList<string> Conditions, IReadOnlyList<string> Evidence);

/// <summary>
/// One item of the public credit information catalog (公共信用信息目录, Art. 18): the concrete behaviour it records,
/// the provider units, data source, nature, share and open attributes, disclosure period, update cycle, repair rule,
/// and its field schema.
/// </summary>
public sealed record CatalogItem
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The Art. 18 category, 1-10.</summary>
    public required int Category { get; init; }
    public required string Behaviour { get; init; }
    public required IReadOnlyList<string> ProviderUnits { get; init; }
    public required string DataSource { get; init; }
    public required Nature Nature { get; init; }
    public required ShareAttribute Share { get; init; }
    public required OpenAttribute Open { get; init; }
    public required DisclosureRule Disclosure { get; init; }
    /// <summary>Serious grading for negative items; null when the item has one grade.</summary>
    public DisclosureRule? SeriousDisclosure { get; init; }
    public SeverityRule? Severity { get; init; }
    /// <summary>The update cycle: providers push within this many working days of the decision.</summary>
    public required int UpdateWorkingDays { get; init; }
    public required RepairRule Repair { get; init; }
    public required IReadOnlyList<ExclusionRule> Exclusions { get; init; }
    /// <summary>Subject kinds the item applies to (legal-person, natural-person …); empty = all.</summary>
    public required IReadOnlyList<string> SubjectKinds { get; init; }
    /// <summary>The fields whose values identify one record of a subject (usually the decision document number).</summary>
    public required IReadOnlyList<string> KeyFields { get; init; }
    public required IReadOnlyList<FieldDef> Fields { get; init; }
    /// <summary>The catalog group the portal and the report show the item in (<see cref="CatalogGroup"/>, the code of one of <see cref="Catalog.Groups"/>).</summary>
    public required string Group { get; init; }
    /// <summary>
    /// The tier rules of the national Credit Repair Measures for this negative item (<c>data/disclosure/</c>), attached at
    /// load; null when no published rule names the item (its own periods apply).
    /// </summary>
    public Disclosure.ItemTiering? Tiering { get; init; }

    /// <summary>The field with a role, if any.</summary>
    public FieldDef? FieldWith(FieldRole role) => Fields.FirstOrDefault(f => f.Role == role);

    /// <summary>A field by code.</summary>
    public FieldDef? Field(string code) => Fields.FirstOrDefault(f => f.Code == code);
}

/// <summary>A published version of the whole catalog.</summary>
/// <param name="Version">The version label, e.g. 2026.1.</param>
/// <param name="Effective">The date from which it applies.</param>
/// <param name="PublishedBy">The publishing authority.</param>
/// <param name="Items">The items by code.</param>
/// <param name="Groups">The groups of the portal and the report, in their order (<see cref="CatalogGroup.Order"/>).</param>
public sealed record Catalog(string Version, DateOnly Effective, string PublishedBy, IReadOnlyDictionary<string, CatalogItem> Items, IReadOnlyList<CatalogGroup> Groups)
{
    /// <summary>An item by code, or null.</summary>
    public CatalogItem? Item(string code) => Items.TryGetValue(code, out var i) ? i : null;

    /// <summary>A group by code, or null.</summary>
    public CatalogGroup? Group(string code) => Groups.FirstOrDefault(g => g.Code == code);
}
