using Xinyong.Identifiers;

namespace Xinyong.Subjects;

/// <summary>The kinds of credit subject (信用主体).</summary>
public enum SubjectKind
{
    /// <summary>法人</summary>
    LegalPerson,
    /// <summary>非法人组织</summary>
    Unincorporated,
    /// <summary>个体工商户</summary>
    IndividualBusiness,
    /// <summary>自然人</summary>
    NaturalPerson,
    /// <summary>国家机关</summary>
    GovernmentBody,
}

/// <summary>Codes and Chinese names of subject kinds; inference from a USCC.</summary>
public static class SubjectKinds
{
    /// <summary>The stable code: legal-person, unincorporated, individual-business, natural-person, government-body.</summary>
    public static string Code(this SubjectKind k) => k switch
    {
        SubjectKind.LegalPerson => "legal-person",
        SubjectKind.Unincorporated => "unincorporated",
        SubjectKind.IndividualBusiness => "individual-business",
        SubjectKind.NaturalPerson => "natural-person",
        SubjectKind.GovernmentBody => "government-body",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>The Chinese name used on pages and reports.</summary>
    public static string Chinese(this SubjectKind k) => k switch
    {
        SubjectKind.LegalPerson => "法人",
        SubjectKind.Unincorporated => "非法人组织",
        SubjectKind.IndividualBusiness => "个体工商户",
        SubjectKind.NaturalPerson => "自然人",
        SubjectKind.GovernmentBody => "国家机关",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>Parses a code.</summary>
    public static SubjectKind? FromCode(string? code) =>
        Enum.GetValues<SubjectKind>().Cast<SubjectKind?>().FirstOrDefault(k => k!.Value.Code() == code);

    /// <summary>
    /// The kind a USCC implies by its registration authority and organisation type (GB 32100-2015, positions 1-2):
    /// 11 机关 → government body, 92 个体工商户 → individual business; the others are organisations, treated as legal
    /// persons unless the record says 非法人组织.
    /// </summary>
    public static SubjectKind FromUscc(Uscc code) => code.Value[..2] switch
    {
        "11" => SubjectKind.GovernmentBody,
        "92" => SubjectKind.IndividualBusiness,
        _ => SubjectKind.LegalPerson,
    };
}
