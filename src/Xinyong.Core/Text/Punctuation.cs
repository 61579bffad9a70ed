using System.Text.RegularExpressions;

namespace Xinyong.Text;

/// <summary>
/// Joins Chinese sentences and clauses without doubled punctuation: a reason typed by a person ("材料齐全。") placed
/// before the 。 or ； of a message template must not read "材料齐全。。" or "材料齐全。；".
/// </summary>
public static partial class Punctuation
{
    /// <summary>
    /// <paramref name="text"/> trimmed of white space and of its closing 。；，、.,; (so that the caller adds the one it
    /// needs); an empty string for null.
    /// </summary>
    public static string Clause(string? text) => (text ?? "").Trim().TrimEnd('。', '；', '，', '、', ';', ',', '.', ' ', '\u3000');

    /// <summary>
    /// <paramref name="text"/> with every run of 。；，、 collapsed to its last mark ("。。" → "。", "。；" → "；"). Ellipses
    /// (……) and other marks are left alone.
    /// </summary>
    public static string Tidy(string text) => Run().Replace(text, m => m.Value[^1..]);

    /// <summary>Whether <see cref="Tidy"/> collapses runs of this mark (。；，、).</summary>
    public static bool IsCollapsed(char c) => c is '。' or '；' or '，' or '、';

    [GeneratedRegex("[。；，、]{2,}")]
    private static partial Regex Run();
}
