using System.Text.RegularExpressions;

namespace Xinyong.Identifiers;

/// <summary>The other valid identity documents of a natural person without a resident number (Art. 19).</summary>
public enum OtherIdType
{
    /// <summary>护照: a passport, Chinese or foreign.</summary>
    Passport,
    /// <summary>港澳居民来往内地通行证: H or M followed by 8 (or 10) digits.</summary>
    HongKongMacaoPermit,
    /// <summary>台湾居民来往大陆通行证: 8 (or 10) digits.</summary>
    TaiwanPermit,
    /// <summary>外国人永久居留身份证: 3 letters + 12 digits (2004 card) or 18 characters starting with 9 (2023 card).</summary>
    ForeignPermanentResidence,
    /// <summary>港澳台居民居住证: 18 characters, division 810000/820000/830000, MOD 11-2 check.</summary>
    HmtResidencePermit,
}

/// <summary>An identity document other than the resident identity card: a type and a normalized number.</summary>
public readonly partial record struct OtherIdDocument
{
    private OtherIdDocument(OtherIdType type, string number) { Type = type; Number = number; }

    /// <summary>Which document.</summary>
    public OtherIdType Type { get; }

    /// <summary>The normalized number: upper case, no spaces.</summary>
    public string Number { get; }

    /// <summary>The stable code of the type: <c>passport</c>, <c>hk-macao-permit</c>, <c>taiwan-permit</c>,
    /// <c>foreign-permanent-residence</c>, <c>hmt-residence-permit</c>.</summary>
    public string TypeCode => CodeOf(Type);

    /// <summary>The display form outside the holder's own view.</summary>
    public string Masked => Masking.MaskMiddle(Number);

    /// <summary>Type codes and their Chinese names (as 双公示 files write 证件类型).</summary>
    public static readonly IReadOnlyList<(OtherIdType Type, string Code, string Chinese)> Types =
    [
        (OtherIdType.Passport, "passport", "护照"),
        (OtherIdType.HongKongMacaoPermit, "hk-macao-permit", "港澳居民来往内地通行证"),
        (OtherIdType.TaiwanPermit, "taiwan-permit", "台湾居民来往大陆通行证"),
        (OtherIdType.ForeignPermanentResidence, "foreign-permanent-residence", "外国人永久居留身份证"),
        (OtherIdType.HmtResidencePermit, "hmt-residence-permit", "港澳台居民居住证"),
    ];

    /// <summary>The code of a type.</summary>
    public static string CodeOf(OtherIdType t) => Types.First(x => x.Type == t).Code;

    /// <summary>The Chinese name of a type.</summary>
    public static string ChineseOf(OtherIdType t) => Types.First(x => x.Type == t).Chinese;

    /// <summary>Finds a type by its code or its Chinese name (also the common variants 护照号, 港澳通行证, 台胞证, 永居证).</summary>
    public static bool TryParseType(string? text, out OtherIdType type)
    {
        type = default;
        var t = (text ?? string.Empty).Trim();
        foreach (var x in Types)
            if (t.Equals(x.Code, StringComparison.OrdinalIgnoreCase) || t == x.Chinese) { type = x.Type; return true; }
        (OtherIdType, string[])[] variants =
        [
            (OtherIdType.Passport, ["护照号", "护照号码", "外国护照", "中国护照"]),
            (OtherIdType.HongKongMacaoPermit, ["港澳通行证", "回乡证", "港澳居民往来内地通行证"]),
            (OtherIdType.TaiwanPermit, ["台胞证", "台湾通行证"]),
            (OtherIdType.ForeignPermanentResidence, ["永久居留证", "外国人永久居留证", "永居证"]),
            (OtherIdType.HmtResidencePermit, ["居住证", "港澳居民居住证", "台湾居民居住证"]),
        ];
        foreach (var (ty, names) in variants)
            if (names.Contains(t)) { type = ty; return true; }
        return false;
    }

    /// <summary>Parses a number of a known type.</summary>
    public static bool TryParse(OtherIdType type, string? input, out OtherIdDocument doc, out IdError error)
    {
        doc = default;
        var s = Uscc.Normalize(input);
        var (minLen, maxLen) = type switch
        {
            OtherIdType.Passport => (5, 17),
            OtherIdType.HongKongMacaoPermit => (9, 11),
            OtherIdType.TaiwanPermit => (8, 10),
            OtherIdType.ForeignPermanentResidence => (15, 18),
            OtherIdType.HmtResidencePermit => (18, 18),
            _ => (0, 0),
        };
        if (s.Length < minLen || s.Length > maxLen) { error = IdError.Length; return false; }
        var ok = type switch
        {
            OtherIdType.Passport => PassportPattern().IsMatch(s),
            OtherIdType.HongKongMacaoPermit => HkMacaoPattern().IsMatch(s),
            OtherIdType.TaiwanPermit => TaiwanPattern().IsMatch(s),
            OtherIdType.ForeignPermanentResidence => OldPermanentPattern().IsMatch(s) || NewPermanentPattern().IsMatch(s),
            OtherIdType.HmtResidencePermit => HmtPattern().IsMatch(s),
            _ => false,
        };
        if (!ok) { error = IdError.Format; return false; }
        if (s.Length == 18 && s[17] != ResidentId.CheckCharacter(s.AsSpan(0, 17))) { error = IdError.Checksum; return false; }
        doc = new OtherIdDocument(type, s);
        error = default;
        return true;
    }

    [GeneratedRegex("^[A-Z0-9]{5,17}$")] private static partial Regex PassportPattern();
    [GeneratedRegex(@"^[HM]\d{8}(\d{2})?$")] private static partial Regex HkMacaoPattern();
    [GeneratedRegex(@"^\d{8}(\d{2})?$")] private static partial Regex TaiwanPattern();
    [GeneratedRegex(@"^[A-Z]{3}\d{12}$")] private static partial Regex OldPermanentPattern();
    [GeneratedRegex(@"^9\d{16}[\dX]$")] private static partial Regex NewPermanentPattern();
    [GeneratedRegex(@"^8[123]0000\d{11}[\dX]$")] private static partial Regex HmtPattern();

    /// <inheritdoc />
    public override string ToString() => $"{TypeCode}:{Number}";
}
