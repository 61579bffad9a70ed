namespace Xinyong.Identifiers;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): the one key of a legal person, unincorporated
/// organisation, individual business or government body (Art. 19). Always 18 upper-case characters with a valid check
/// character; an instance cannot hold anything else.
/// </summary>
public readonly record struct Uscc
{
    /// <summary>The characters GB 32100 allows, in the order of their values 0..30 (no I, O, Z, S, V).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The value of each ASCII character, or -1 when GB 32100 does not allow it.</summary>
    private static readonly sbyte[] ValueOf = BuildValues();

    private static sbyte[] BuildValues()
    {
        var t = new sbyte[128];
        Array.Fill(t, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) t[Alphabet[i]] = (sbyte)i;
        return t;
    }

    private Uscc(string value) => Value = value;

    /// <summary>The normalized code: upper case, no spaces.</summary>
    public string Value { get; }

    /// <summary>Positions 3-8: the administrative division code (GB/T 2260) of the registering authority.</summary>
    public string DivisionCode => Value.Substring(2, 6);

    /// <summary>Parses, accepting spaces and lower case; returns the precise reason on failure.</summary>
    public static bool TryParse(string? input, out Uscc uscc, out IdError error)
    {
        uscc = default;
        var s = Normalize(input);
        if (s.Length != 18) { error = IdError.Length; return false; }
        Span<int> values = stackalloc int[18];
        for (var i = 0; i < 18; i++)
        {
            var v = s[i] < 128 ? ValueOf[s[i]] : -1;
            if (v < 0) { error = IdError.Format; return false; }
            values[i] = v;
        }
        if (values[17] != CheckValue(values[..17])) { error = IdError.Checksum; return false; }
        uscc = new Uscc(s);
        error = default;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the reason.</summary>
    public static Uscc Parse(string input) =>
        TryParse(input, out var u, out var e) ? u : throw new FormatException(e.Message(IdKind.Uscc));

    /// <summary>Computes the check character for the first 17 characters (which must be valid).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters expected", nameof(first17));
        Span<int> values = stackalloc int[17];
        for (var i = 0; i < 17; i++)
        {
            values[i] = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]));
            if (values[i] < 0) throw new ArgumentException($"'{first17[i]}' is not a USCC character", nameof(first17));
        }
        return Alphabet[CheckValue(values)];
    }

    private static int CheckValue(ReadOnlySpan<int> values)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += values[i] * Weights[i];
        var c = 31 - sum % 31;
        return c == 31 ? 0 : c;
    }

    internal static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input)) return string.Empty;
        var clean = true;
        foreach (var ch in input)
            if (char.IsWhiteSpace(ch) || char.IsAsciiLetterLower(ch)) { clean = false; break; }
        if (clean) return input;
        Span<char> buf = input.Length <= 64 ? stackalloc char[input.Length] : new char[input.Length];
        var n = 0;
        foreach (var ch in input)
        {
            if (char.IsWhiteSpace(ch)) continue;
            buf[n++] = char.ToUpperInvariant(ch);
        }
        return new string(buf[..n]);
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
