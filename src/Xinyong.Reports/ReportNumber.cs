using System.Globalization;
using System.Security.Cryptography;

namespace Xinyong.Reports;

/// <summary>
/// Report numbers (报告编号): <c>XY</c>, the issue date in Beijing time as <c>yyyyMMdd</c>, then 10 random characters
/// of Crockford's base32 alphabet (0-9 and A-Z without I, L, O, U), e.g. <c>XY20250301K7Q2M9ZC4T</c>. The random part
/// carries 50 bits from the operating system's cryptographic generator, so numbers are unique in practice and cannot
/// be guessed from one another.
/// </summary>
public static class ReportNumber
{
    /// <summary>The fixed prefix of every report number.</summary>
    public const string Prefix = "XY";

    /// <summary>The length of a report number: prefix, 8 date digits, 10 random characters.</summary>
    public const int Length = 20;

    private const int RandomLength = 10;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>A new report number for a report issued at <paramref name="issuedAt"/> (its date taken in Beijing time).</summary>
    public static string New(DateTimeOffset issuedAt)
    {
        Span<char> random = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++) random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Concat(Prefix, issuedAt.ToOffset(Beijing).ToString("yyyyMMdd", CultureInfo.InvariantCulture), random);
    }

    /// <summary>
    /// True when <paramref name="value"/> has the report number format: the prefix, a real calendar date, and 10
    /// characters of the alphabet (upper case only).
    /// </summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length }
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(value.AsSpan(Prefix.Length, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && value.AsSpan(Prefix.Length + 8).IndexOfAnyExcept(Alphabet) < 0;
}
