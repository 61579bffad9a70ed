using System.Globalization;
using System.Text;

namespace Xinyong.Collection;

/// <summary>Parsing and normalization of field values as government exports write them.</summary>
public static class FieldValues
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy.MM.dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy年MM月dd日",
        "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>Parses a date in any of the layouts providers use.</summary>
    public static bool TryParseDate(string s, out DateOnly date)
    {
        // Fast path: the normalized form yyyy-MM-dd.
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' &&
            int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) &&
            int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) &&
            int.TryParse(s.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d) &&
            y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            date = new DateOnly(y, m, d);
            return true;
        }
        s = s.Trim();
        if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>Parses an amount in 万元: digits with an optional decimal point (thousands separators tolerated).</summary>
    public static bool TryParseAmount(string s, out decimal amount)
    {
        var t = s.Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>
    /// The form of a document number used to recognise the same decision twice: full-width to half-width, the
    /// bracket variants 〔〕【】[]（）() unified, spaces removed, upper case.
    /// </summary>
    public static string KeyForm(string s)
    {
        var n = s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(n.Length);
        foreach (var ch in n)
        {
            if (char.IsWhiteSpace(ch)) continue;
            sb.Append(ch switch
            {
                '〔' or '【' or '[' or '(' or '［' or '｛' or '{' => '[',
                '〕' or '】' or ']' or ')' or '］' or '｝' or '}' => ']',
                _ => char.ToUpperInvariant(ch),
            });
        }
        return sb.ToString();
    }

    /// <summary>Trims and collapses inner runs of white space; removes control characters.</summary>
    public static string Clean(string s)
    {
        var t = s.Trim();
        if (t.AsSpan().IndexOfAny("\r\n\t\u0000\u00a0\u3000") < 0) return t;
        var sb = new StringBuilder(t.Length);
        var space = false;
        foreach (var ch in t)
        {
            if (char.IsControl(ch) || char.IsWhiteSpace(ch))
            {
                if (!space && ch is not '\0') sb.Append(' ');
                space = true;
                continue;
            }
            space = false;
            sb.Append(ch);
        }
        return sb.ToString().Trim();
    }
}
