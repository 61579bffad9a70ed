using System.Globalization;
using System.Text;

namespace Xinyong.Publication;

/// <summary>
/// Partial-name search of subjects: names and queries are normalized the same way (full-width to half-width, upper
/// case, no spaces or punctuation) and cut into overlapping pairs of characters (bigrams). A subject matches when its
/// normalized name contains the normalized query; the bigrams only find the candidates fast. Natural persons' names are
/// never indexed (Art. 23): a person is found only by the exact identity number.
/// </summary>
public static class NameSearch
{
    /// <summary>The shortest query searched by name, in characters after normalization.</summary>
    public const int MinQueryLength = 2;

    /// <summary>The longest query searched by name; longer text is cut.</summary>
    public const int MaxQueryLength = 40;

    /// <summary>The normalized form of a name or a query.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var n = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(n.Length);
        foreach (var r in n.EnumerateRunes())
        {
            var cat = Rune.GetUnicodeCategory(r);
            if (Rune.IsWhiteSpace(r) || Rune.IsControl(r) || IsPunctuation(cat)) continue;
            sb.Append(Rune.ToUpperInvariant(r).ToString());
        }
        return sb.ToString();
    }

    /// <summary>The distinct bigrams of a normalized text, in order of first occurrence (whole characters, never half a pair of surrogates).</summary>
    public static IReadOnlyList<string> Bigrams(string normalized)
    {
        var runes = normalized.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var result = new List<string>(Math.Max(0, runes.Length - 1));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Length; i++)
        {
            var g = runes[i] + runes[i + 1];
            if (seen.Add(g)) result.Add(g);
        }
        return result;
    }

    /// <summary>The query as searched: normalized and cut to <see cref="MaxQueryLength"/> characters.</summary>
    public static string Query(string? text)
    {
        var n = Normalize(text);
        var runes = n.EnumerateRunes().ToArray();
        return runes.Length <= MaxQueryLength ? n : string.Concat(runes.Take(MaxQueryLength).Select(r => r.ToString()));
    }

    /// <summary>Whether a normalized query is long enough to search by name.</summary>
    public static bool Searchable(string normalizedQuery) => normalizedQuery.EnumerateRunes().Count() >= MinQueryLength;

    /// <summary>
    /// The sort key of a matching name for a normalized query: the exact name first (0), then names that start with the
    /// query (1), then the others (2); within each, shorter names first. Ties are broken by name, ordinal.
    /// </summary>
    public static (int Rank, int Length) Rank(string normalizedName, string normalizedQuery) =>
        (normalizedName == normalizedQuery ? 0 : normalizedName.StartsWith(normalizedQuery, StringComparison.Ordinal) ? 1 : 2, normalizedName.Length);

    private static bool IsPunctuation(UnicodeCategory c) => c is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
        or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
        or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol;
}
