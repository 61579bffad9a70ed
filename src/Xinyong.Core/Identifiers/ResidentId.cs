namespace Xinyong.Identifiers;

/// <summary>
/// A resident identity number (公民身份号码, GB 11643-1999): the key of a natural person (Art. 19). 18 characters:
/// 6-digit division code whose first two digits are a real province-level code, 8-digit birth date (a real date, not
/// in the future), 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. Personal information
/// (Art. 23): show it through <see cref="Masked"/> outside the subject's own view.
/// </summary>
public readonly record struct ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckTable = "10X98765432";

    private ResidentId(string value) => Value = value;

    /// <summary>The normalized number (a trailing <c>x</c> upper-cased).</summary>
    public string Value { get; }

    /// <summary>The date of birth encoded in positions 7-14.</summary>
    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd");

    /// <summary>True for an odd sequence number.</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    /// <summary>The six-digit division code of positions 1-6.</summary>
    public string DivisionCode => Value[..6];

    /// <summary>The display form outside the subject's own view: <c>230102********123X</c>.</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks any 18-character number as <c>230102********123X</c> (first 6, last 4 shown).</summary>
    public static string Mask(string value) =>
        value.Length == 18 ? string.Concat(value.AsSpan(0, 6), "********", value.AsSpan(14)) : Masking.MaskMiddle(value);

    /// <summary>Parses against today's date for the not-in-the-future rule.</summary>
    public static bool TryParse(string? input, DateOnly today, out ResidentId id, out IdError error)
    {
        id = default;
        var s = Uscc.Normalize(input);
        if (s.Length != 18) { error = IdError.Length; return false; }
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(s[i])) { error = IdError.Format; return false; }
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X') { error = IdError.Format; return false; }
        if (!Divisions.IsProvinceCode(s.AsSpan(0, 2))) { error = IdError.Region; return false; }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", out var birth) || birth > today || birth.Year < 1850)
        {
            error = IdError.Date;
            return false;
        }
        if (s[17] != CheckCharacter(s.AsSpan(0, 17))) { error = IdError.Checksum; return false; }
        id = new ResidentId(s);
        error = default;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the reason.</summary>
    public static ResidentId Parse(string input, DateOnly today) =>
        TryParse(input, today, out var id, out var e) ? id : throw new FormatException(e.Message(IdKind.ResidentId));

    /// <summary>The ISO 7064 MOD 11-2 check character of 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckTable[sum % 11];
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
