using System.Text;
using PdfSharp.Drawing;

namespace Xinyong.Reports.Pdf;

/// <summary>
/// Breaks text into lines that fit a width. Chinese text may break between any two characters, except before
/// closing punctuation (，。、）…) and after opening punctuation (（《“…); Latin words and numbers stay whole unless
/// a single word is wider than the line. Explicit line breaks in the text are kept. Nothing is ever dropped:
/// the lines, joined, hold every non-space character of the text in order.
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart = "，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}";
    private const string NoLineEnd = "（《「『【〔〈“‘([{";

    public static List<string> Wrap(XGraphics measure, string text, double size, double maxWidth)
    {
        var lines = new List<string>();
        var paragraphs = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ').Split('\n');
        foreach (var paragraph in paragraphs) WrapParagraph(measure, paragraph, size, maxWidth, lines);
        return lines;
    }

    private static void WrapParagraph(XGraphics measure, string paragraph, double size, double maxWidth, List<string> lines)
    {
        var runes = paragraph.EnumerateRunes().ToArray();
        if (runes.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }

        var rare = ReportFonts.NeedsFallback(paragraph);
        var start = 0;
        while (start < runes.Length)
        {
            double width = 0;
            var end = start;           // exclusive end of the runes that fit
            var lastBreak = -1;        // a break allowed before this index (> start)
            while (end < runes.Length)
            {
                if (end > start && CanBreakBetween(runes[end - 1], runes[end])) lastBreak = end;
                // A paragraph holding a rare character may draw any of its lines with either font (ReportFonts.Runs
                // decides per line): measure the wider of the two so that no line overflows.
                var w = rare
                    ? Math.Max(ReportFonts.Width(measure, runes[end].Value, ReportFonts.FaceIn(runes[end].Value, false) ?? FontFace.Fallback, size),
                               ReportFonts.Width(measure, runes[end].Value, ReportFonts.FaceIn(runes[end].Value, true) ?? FontFace.Fallback, size))
                    : ReportFonts.Width(measure, runes[end].Value, ReportFonts.FaceFor(runes[end].Value) ?? FontFace.Fallback, size);
                if (width + w > maxWidth && end > start && !Rune.IsWhiteSpace(runes[end])) break;
                width += w;
                end++;
            }

            var cut = end == runes.Length ? end : lastBreak > start ? lastBreak : end;
            lines.Add(Concat(runes, start, cut).TrimEnd());
            start = cut;
            while (start < runes.Length && Rune.IsWhiteSpace(runes[start])) start++;
        }
    }

    private static bool CanBreakBetween(Rune before, Rune after)
    {
        if (Rune.IsWhiteSpace(after)) return false;   // spaces hang at the end of a line
        if (Rune.IsWhiteSpace(before)) return true;
        if (IsIn(NoLineStart, after) || IsIn(NoLineEnd, before)) return false;
        return IsIdeographicOrWide(before) || IsIdeographicOrWide(after);
    }

    private static bool IsIn(string set, Rune r) => r.IsBmp && set.Contains((char)r.Value);

    private static bool IsIdeographicOrWide(Rune r) =>
        r.Value >= 0x2E80 && !(r.Value >= 0xFF61 && r.Value <= 0xFFDC) && !(r.Value >= 0xFE00 && r.Value <= 0xFE0F);

    private static string Concat(Rune[] runes, int from, int to)
    {
        var sb = new StringBuilder();
        for (var i = from; i < to; i++) sb.Append(runes[i].ToString());
        return sb.ToString();
    }
}
