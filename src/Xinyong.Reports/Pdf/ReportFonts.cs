using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Xinyong.Reports.Pdf;

/// <summary>Which of the two shipped fonts draws a piece of text.</summary>
internal enum FontFace
{
    /// <summary>AR PL SungtiL GB (GB2312 coverage): the report's typeface.</summary>
    Primary,

    /// <summary>
    /// Droid Sans Fallback: lines holding characters the primary font lacks (喆, 堃, 镕, 龑 …), drawn with it
    /// throughout so that the rare characters match their neighbours.
    /// </summary>
    Fallback,
}

/// <summary>A piece of a line drawn with one font.</summary>
internal readonly record struct TextRun(string Text, FontFace Face, double Width);

/// <summary>
/// The report's fonts: both TrueType files ship inside this assembly, so every machine renders the same glyphs.
/// PDFsharp is initialised here once per process (AGPL licence, font resolver).
/// </summary>
internal static class ReportFonts
{
    private const string PrimaryFamily = "Xinyong Report Sung";
    private const string FallbackFamily = "Xinyong Report Fallback";
    private const string PrimaryResource = "Xinyong.Reports.Fonts.gbsn00lp.ttf";
    private const string FallbackResource = "Xinyong.Reports.Fonts.DroidSansFallbackFull.ttf";

    private static readonly object InitLock = new();
    private static bool initialized;

    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
    private static readonly ConcurrentDictionary<(double Size, bool Bold, FontFace Face), XFont> Fonts = new();
    private static readonly ConcurrentDictionary<(int CodePoint, double Size, FontFace Face), double> Widths = new();
    private static readonly ConcurrentDictionary<int, FontFace?> Coverage = new();

    /// <summary>Sets the PDFsharp licence and this assembly's font resolver, once per process.</summary>
    /// <exception cref="InvalidOperationException">Another font resolver was installed before.</exception>
    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref initialized)) return;
        lock (InitLock)
        {
            if (initialized) return;
            PdfSharpLicense.SetAgplLicense();
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                    break;
                case EmbeddedFontResolver:
                    break;
                default:
                    throw new InvalidOperationException(
                        "A PDFsharp font resolver other than the credit report's is installed; the report fonts cannot be resolved.");
            }
            Volatile.Write(ref initialized, true);
        }
    }

    /// <summary>The font for a face, size and weight (bold is simulated: both fonts have one weight).</summary>
    public static XFont Get(FontFace face, double size, bool bold) =>
        Fonts.GetOrAdd((size, bold, face), k => new XFont(
            k.Face == FontFace.Primary ? PrimaryFamily : FallbackFamily,
            k.Size,
            k.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
            FontOptions));

    /// <summary>
    /// The face that has a glyph for the code point: the primary font when it has one, else the fallback,
    /// else null (neither has it).
    /// </summary>
    public static FontFace? FaceFor(int codePoint) =>
        Coverage.GetOrAdd(codePoint, static cp =>
            GlyphHelper.GlyphIndexFromCodePoint(cp, Get(FontFace.Primary, 10, false)) != 0 ? FontFace.Primary
            : GlyphHelper.GlyphIndexFromCodePoint(cp, Get(FontFace.Fallback, 10, false)) != 0 ? FontFace.Fallback
            : null);

    /// <summary>The advance width in points of one code point drawn with a face at a size.</summary>
    public static double Width(XGraphics measure, int codePoint, FontFace face, double size) =>
        Widths.GetOrAdd((codePoint, size, face), k =>
            measure.MeasureString(char.ConvertFromUtf32(k.CodePoint), Get(k.Face, k.Size, false)).Width);

    /// <summary>Whether the fallback font has a glyph for the code point.</summary>
    private static bool FallbackHas(int codePoint) =>
        FallbackCoverage.GetOrAdd(codePoint, static cp => GlyphHelper.GlyphIndexFromCodePoint(cp, Get(FontFace.Fallback, 10, false)) != 0);

    private static readonly ConcurrentDictionary<int, bool> FallbackCoverage = new();

    /// <summary>
    /// Whether a line is drawn with the fallback font as a whole: it holds a character the primary font lacks (喆, 堃 …).
    /// The fallback covers GB2312 too, so the rare character then matches the text around it instead of a sans-serif
    /// glyph standing among Song ones (Art. 24 reports carry subjects' names, which often hold such characters).
    /// </summary>
    public static bool NeedsFallback(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (FaceFor(rune.Value) == FontFace.Fallback) return true;
        return false;
    }

    /// <summary>
    /// The face that draws a code point in a line: the primary font, unless the line needs the fallback
    /// (<see cref="NeedsFallback"/>) and the fallback has the glyph; a character only one font has goes to that font.
    /// </summary>
    public static FontFace? FaceIn(int codePoint, bool lineNeedsFallback) =>
        lineNeedsFallback && FallbackHas(codePoint) ? FontFace.Fallback : FaceFor(codePoint);

    /// <summary>
    /// Splits a line into runs that each use one font: a line whose characters the primary font all has is drawn
    /// with it; a line holding a character only the fallback has is drawn with the fallback throughout (see
    /// <see cref="FaceIn"/>). A character neither font has is drawn with the fallback and counted in
    /// <paramref name="missing"/>.
    /// </summary>
    public static List<TextRun> Runs(XGraphics measure, string text, double size, ref int missing)
    {
        var runs = new List<TextRun>();
        var current = new StringBuilder();
        var currentFace = FontFace.Primary;
        var whole = NeedsFallback(text);
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var found = FaceIn(rune.Value, whole);
            if (found is null) missing++;
            var face = found ?? FontFace.Fallback;
            if (current.Length > 0 && face != currentFace)
            {
                runs.Add(new TextRun(current.ToString(), currentFace, width));
                current.Clear();
                width = 0;
            }
            currentFace = face;
            current.Append(rune.ToString());
            width += Width(measure, rune.Value, face, size);
        }
        if (current.Length > 0) runs.Add(new TextRun(current.ToString(), currentFace, width));
        return runs;
    }

    /// <summary>The advance width of a whole string, each character in the face that draws it.</summary>
    public static double MeasureWidth(XGraphics measure, string text, double size)
    {
        double width = 0;
        var whole = NeedsFallback(text);
        foreach (var rune in text.EnumerateRunes())
            width += Width(measure, rune.Value, FaceIn(rune.Value, whole) ?? FontFace.Fallback, size);
        return width;
    }

    /// <summary>Resolves the two family names to the font files embedded in this assembly.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private static readonly Lazy<byte[]> PrimaryBytes = new(() => Load(PrimaryResource));
        private static readonly Lazy<byte[]> FallbackBytes = new(() => Load(FallbackResource));

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
        {
            PrimaryFamily => new FontResolverInfo(PrimaryFamily, bold, italic),
            FallbackFamily => new FontResolverInfo(FallbackFamily, bold, italic),
            _ => null,
        };

        public byte[]? GetFont(string faceName) => faceName switch
        {
            PrimaryFamily => PrimaryBytes.Value,
            FallbackFamily => FallbackBytes.Value,
            _ => null,
        };

        private static byte[] Load(string resource)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The font resource {resource} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
