using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Xinyong.Reports.Pdf;

/// <summary>Lays out one credit report: cover page, basic information, the sections, the notes, then headers and footers.</summary>
internal sealed class ReportComposer
{
    private const double BodySize = 10;
    private const double LineHeight = 15;
    private const double PadX = 5;
    private const double PadY = 4;
    private const double LabelWidth = 112;
    private const double TitleSize = 11;
    private const double TitleLineHeight = 16.5;
    private const double HeadingSize = 14;

    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);
    private static readonly XPen CellPen = new(XColor.FromArgb(0x99, 0x99, 0x99), 0.5);
    private static readonly XBrush LabelFill = new XSolidBrush(XColor.FromArgb(0xF0, 0xF2, 0xF5));
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
    private static readonly XColor MarkRed = XColor.FromArgb(0xC0, 0x1C, 0x1C);
    private static readonly XBrush MarkText = new XSolidBrush(MarkRed);
    private static readonly XBrush MarkFill = new XSolidBrush(XColor.FromArgb(0xFD, 0xEC, 0xEC));
    private static readonly XPen MarkPen = new(MarkRed, 0.8);
    private static readonly XPen RulePen = new(XColor.FromArgb(0x33, 0x33, 0x33), 0.8);

    private readonly CreditReportModel model;
    private readonly PdfDocument document;
    private readonly PageFlow flow;

    private ReportComposer(CreditReportModel model, PdfDocument document, PageFlow flow)
    {
        this.model = model;
        this.document = document;
        this.flow = flow;
    }

    /// <summary>Draws the whole report into an empty document; returns the number of characters no font could draw.</summary>
    public static int Compose(CreditReportModel model, PdfDocument document)
    {
        using var flow = new PageFlow(document);
        var composer = new ReportComposer(model, document, flow);
        composer.Cover();
        flow.NewPage();
        var number = 0;
        var basic = model.Subject.BasicInfo;
        composer.Section(++number, model.Subject.BasicTitle, null, basic.Count == 0 ? null : () => composer.FieldTable(basic));
        foreach (var section in model.Sections)
        {
            var entries = section.Entries;
            composer.Section(++number, section.Title, entries.Count, entries.Count == 0 ? null : () => composer.Entries(entries));
        }
        composer.Notes();
        flow.ClosePage();
        composer.HeadersAndFooters();
        return flow.MissingGlyphs;
    }

    /// <summary>A report moment in Beijing time, e.g. 2025年3月1日 08:00（北京时间）.</summary>
    public static string BeijingTime(DateTimeOffset moment)
    {
        var t = moment.ToOffset(BeijingOffset);
        return string.Create(CultureInfo.InvariantCulture, $"{t.Year}年{t.Month}月{t.Day}日 {t:HH:mm}（北京时间）");
    }

    private void Cover()
    {
        flow.NewPage();
        flow.Y = PageFlow.Top + 48;
        Centered("公共信用信息报告", 26, XBrushes.Black, bold: true);
        flow.Y += 44;
        Centered(model.FullVersion ? "完整版，仅供信用主体本人使用" : "公开版", 13, model.FullVersion ? MarkText : Grey);
        flow.Y += 40;

        var isPerson = model.Subject.KindLabel == "自然人";
        FieldTable(
        [
            new ReportField("信用主体名称", model.Subject.Name),
            new ReportField(isPerson ? "身份证件号码" : "统一社会信用代码", model.Subject.Code),
            new ReportField("主体类型", model.Subject.KindLabel),
            new ReportField("报告编号", model.ReportNumber),
            new ReportField("信息截至", BeijingTime(model.AsOf)),
            new ReportField("出具机构", model.Issuer),
        ]);

        const double qrSize = 128;
        var urlLines = flow.Wrap(model.VerifyUrl, 8, PageFlow.Width);
        flow.Y += 28;
        flow.EnsureRoom(qrSize + 24 + urlLines.Count * 11);
        QrCodeDrawing.Draw(flow.Gfx, model.VerifyUrl, PageFlow.Left + (PageFlow.Width - qrSize) / 2, flow.Y, qrSize);
        flow.Y += qrSize + 4;
        Centered("扫码核验", 12, XBrushes.Black, bold: true);
        flow.Y += 20;
        foreach (var line in urlLines)
        {
            Centered(line, 8, Grey);
            flow.Y += 11;
        }

        flow.Y += 18;
        Paragraph("本报告依据公共信用信息平台截至上述时间归集的公共信用信息出具，免费提供。"
                  + "报告附有数字签名：可扫描二维码在线核验，也可使用平台公布的公钥离线验证。", BodySize, Grey);
    }

    /// <summary>A numbered section heading, then its body, or 无 when it has none. A count, when given, follows the title.</summary>
    private void Section(int number, string title, int? entryCount, Action? body)
    {
        var heading = $"{ChineseNumeral(number)}、{title}" + (entryCount is > 0 ? $"（共 {entryCount} 条）" : "");
        var headingLines = flow.Wrap(heading, HeadingSize, PageFlow.Width);
        var headingHeight = headingLines.Count * HeadingSize * 1.5 + 8;
        // Keep the heading with the start of what follows: a title line and one table row.
        flow.EnsureRoom(headingHeight + TitleLineHeight + LineHeight + 2 * PadY + 6);
        flow.Y += 6;
        foreach (var line in headingLines)
        {
            flow.DrawLine(line, PageFlow.Left, flow.Y, HeadingSize, XBrushes.Black, bold: true);
            flow.Y += HeadingSize * 1.5;
        }
        flow.Gfx.DrawLine(RulePen, PageFlow.Left, flow.Y, PageFlow.Right, flow.Y);
        flow.Y += 8;

        if (body is null)
        {
            flow.DrawLine("无", PageFlow.Left + PadX, flow.Y, BodySize, XBrushes.Black);
            flow.Y += LineHeight + 10;
            return;
        }
        body();
        flow.Y += 8;
    }

    private void Entries(IReadOnlyList<ReportEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++) Entry(i + 1, entries[i]);
    }

    private void Entry(int index, ReportEntry entry)
    {
        const double markSize = 9;
        var markWidth = entry.Mark is null ? 0 : flow.TextWidth(entry.Mark, markSize) + 2 * PadX;
        var titleLines = flow.Wrap($"{index}. {entry.Title}", TitleSize, PageFlow.Width - markWidth - (markWidth > 0 ? 8 : 0));
        flow.EnsureRoom(Math.Min(titleLines.Count * TitleLineHeight + LineHeight + 2 * PadY + 4, PageFlow.Bottom - PageFlow.Top));

        if (entry.Mark is not null)
        {
            var box = new XRect(PageFlow.Right - markWidth, flow.Y, markWidth, TitleLineHeight - 1);
            flow.Gfx.DrawRectangle(MarkPen, MarkFill, box);
            flow.DrawLine(entry.Mark, box.X + PadX, box.Y + (box.Height - markSize * 1.1) / 2, markSize, MarkText, bold: true);
        }
        foreach (var line in titleLines)
        {
            flow.EnsureRoom(TitleLineHeight);
            flow.DrawLine(line, PageFlow.Left, flow.Y, TitleSize, XBrushes.Black, bold: true);
            flow.Y += TitleLineHeight;
        }
        flow.Y += 3;
        FieldTable(entry.Fields);
        flow.Y += 10;
    }

    /// <summary>
    /// A two-column table of label/value rows. Long labels and values wrap. A row of up to four lines that does not fit
    /// the room left moves to the next page; a taller row splits across pages, at least two lines on each side, its
    /// label cell reading （续） where the label has run out, so nothing is ever cut off.
    /// </summary>
    private void FieldTable(IReadOnlyList<ReportField> fields)
    {
        const int keepWhole = 4;
        const int minPart = 2;
        var valueWidth = PageFlow.Width - LabelWidth;
        foreach (var field in fields)
        {
            var labelLines = flow.Wrap(field.Label, BodySize, LabelWidth - 2 * PadX);
            var valueLines = flow.Wrap(field.Value, BodySize, valueWidth - 2 * PadX);
            var total = Math.Max(labelLines.Count, valueLines.Count);
            var done = 0;
            while (done < total)
            {
                var remaining = total - done;
                var fit = (int)Math.Floor((flow.Room - 2 * PadY) / LineHeight);
                var take = remaining;
                if (fit < remaining)
                {
                    if (remaining <= keepWhole || fit < minPart)
                    {
                        flow.NewPage();
                        continue;
                    }
                    take = Math.Min(fit, remaining - minPart);
                }

                var height = take * LineHeight + 2 * PadY;
                var gfx = flow.Gfx;
                gfx.DrawRectangle(CellPen, LabelFill, PageFlow.Left, flow.Y, LabelWidth, height);
                gfx.DrawRectangle(CellPen, PageFlow.Left + LabelWidth, flow.Y, valueWidth, height);

                var top = flow.Y + PadY;
                if (done > 0 && done >= labelLines.Count)
                    flow.DrawLine("（续）", PageFlow.Left + PadX, top + (LineHeight - BodySize * 1.1) / 2, BodySize, Grey);
                for (var i = 0; i < take; i++)
                {
                    var lineTop = top + i * LineHeight + (LineHeight - BodySize * 1.1) / 2;
                    if (done + i < labelLines.Count)
                        flow.DrawLine(labelLines[done + i], PageFlow.Left + PadX, lineTop, BodySize, Grey);
                    if (done + i < valueLines.Count)
                        flow.DrawLine(valueLines[done + i], PageFlow.Left + LabelWidth + PadX, lineTop, BodySize, XBrushes.Black);
                }
                flow.Y += height;
                done += take;
                if (done < total) flow.NewPage();
            }
        }
    }

    private void Notes()
    {
        if (model.Notes.Count == 0) return;
        flow.EnsureRoom(HeadingSize * 1.5 + 14 + LineHeight);
        flow.Y += 6;
        flow.DrawLine("说明", PageFlow.Left, flow.Y, HeadingSize, XBrushes.Black, bold: true);
        flow.Y += HeadingSize * 1.5;
        flow.Gfx.DrawLine(RulePen, PageFlow.Left, flow.Y, PageFlow.Right, flow.Y);
        flow.Y += 8;
        for (var i = 0; i < model.Notes.Count; i++)
        {
            var prefix = $"{i + 1}. ";
            var indent = flow.TextWidth(prefix, BodySize);
            var lines = flow.Wrap(model.Notes[i], BodySize, PageFlow.Width - indent);
            for (var j = 0; j < lines.Count; j++)
            {
                flow.EnsureRoom(LineHeight);
                if (j == 0) flow.DrawLine(prefix, PageFlow.Left, flow.Y, BodySize, XBrushes.Black);
                flow.DrawLine(lines[j], PageFlow.Left + indent, flow.Y, BodySize, XBrushes.Black);
                flow.Y += LineHeight;
            }
            flow.Y += 3;
        }
    }

    private void HeadersAndFooters()
    {
        var pages = document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            const double size = 9;
            flow.DrawLine(gfx, "公共信用信息报告", PageFlow.Left, 40, size, Grey);
            var number = $"报告编号：{model.ReportNumber}";
            flow.DrawLine(gfx, number, PageFlow.Right - flow.TextWidth(number, size), 40, size, Grey);
            gfx.DrawLine(CellPen, PageFlow.Left, 54, PageFlow.Right, 54);

            var footer = string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 页 共 {pages} 页");
            flow.DrawLine(gfx, footer, PageFlow.Left + (PageFlow.Width - flow.TextWidth(footer, size)) / 2, 800, size, Grey);
        }
    }

    private void Centered(string text, double size, XBrush brush, bool bold = false) =>
        flow.DrawLine(text, PageFlow.Left + (PageFlow.Width - flow.TextWidth(text, size)) / 2, flow.Y, size, brush, bold);

    private void Paragraph(string text, double size, XBrush brush)
    {
        foreach (var line in flow.Wrap(text, size, PageFlow.Width))
        {
            flow.EnsureRoom(size * 1.5);
            flow.DrawLine(line, PageFlow.Left, flow.Y, size, brush);
            flow.Y += size * 1.5;
        }
    }

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers; reports have far fewer than 100 sections).</summary>
    internal static string ChineseNumeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10;
        var units = n % 10;
        return (tens == 1 ? "" : digits[tens].ToString()) + "十" + (units == 0 ? "" : digits[units].ToString());
    }
}
