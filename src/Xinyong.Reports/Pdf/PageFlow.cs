using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Xinyong.Reports.Pdf;

/// <summary>
/// Places content top to bottom on A4 pages inside fixed margins and opens a new page when the content does not
/// fit. Draws text in runs of the font that has each glyph and counts the characters neither font has.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    public const double Left = 56;
    public const double Right = 539;     // A4 width 595 − 56
    public const double Top = 72;
    public const double Bottom = 782;    // A4 height 842 − 60
    public const double Width = Right - Left;

    private readonly PdfDocument document;
    private XGraphics? gfx;
    private int missingGlyphs;

    public PageFlow(PdfDocument document)
    {
        this.document = document;
        Measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    /// <summary>A graphics context for measuring text only.</summary>
    public XGraphics Measure { get; }

    /// <summary>The vertical position of the next content on the current page.</summary>
    public double Y { get; set; }

    /// <summary>Characters drawn so far that neither font has a glyph for.</summary>
    public int MissingGlyphs => missingGlyphs;

    /// <summary>The current page's graphics (a page is opened on first use).</summary>
    public XGraphics Gfx
    {
        get
        {
            if (gfx is null) NewPage();
            return gfx!;
        }
    }

    /// <summary>Room left on the current page, in points.</summary>
    public double Room => gfx is null ? Bottom - Top : Bottom - Y;

    /// <summary>Closes the current page and opens the next one, the cursor at the top margin.</summary>
    public void NewPage()
    {
        ClosePage();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        gfx = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    /// <summary>Finishes drawing on the current page (the pages can then be drawn on again, e.g. for footers).</summary>
    public void ClosePage()
    {
        gfx?.Dispose();
        gfx = null;
    }

    /// <summary>Opens a new page when less than <paramref name="height"/> points are left on this one.</summary>
    public void EnsureRoom(double height)
    {
        if (gfx is null || Y + height > Bottom) NewPage();
    }

    /// <summary>Wraps text to a width.</summary>
    public List<string> Wrap(string text, double size, double maxWidth) => LineBreaker.Wrap(Measure, text, size, maxWidth);

    /// <summary>The width of a single line of text.</summary>
    public double TextWidth(string text, double size) => ReportFonts.MeasureWidth(Measure, text, size);

    /// <summary>Draws one line of text with its top-left corner at (x, top).</summary>
    public void DrawLine(string text, double x, double top, double size, XBrush brush, bool bold = false) =>
        DrawLine(Gfx, text, x, top, size, brush, bold);

    /// <summary>
    /// Draws one line of text on the given graphics (used for headers and footers of finished pages). All runs share
    /// one baseline, so characters from the two fonts line up.
    /// </summary>
    public void DrawLine(XGraphics target, string text, double x, double top, double size, XBrush brush, bool bold = false)
    {
        var baseline = top + size * 0.88;
        foreach (var run in ReportFonts.Runs(Measure, text, size, ref missingGlyphs))
        {
            target.DrawString(run.Text, ReportFonts.Get(run.Face, size, bold), brush, x, baseline, XStringFormats.BaseLineLeft);
            x += run.Width;
        }
    }

    public void Dispose()
    {
        gfx?.Dispose();
        Measure.Dispose();
    }
}
