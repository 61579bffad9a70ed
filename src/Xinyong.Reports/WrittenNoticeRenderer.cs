using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Xinyong.Reports.Pdf;

namespace Xinyong.Reports;

/// <summary>
/// A written notice (书面告知书) to a party of a case: the outcome of a review, the result of a closing. Rendered as a
/// one- or more-page A4 PDF in the credit report's fonts and layout.
/// </summary>
/// <param name="Title">The notice's title, e.g. 营商环境监督案件办理结果告知书.</param>
/// <param name="DocumentNumber">The case number (printed under the title and in every page's header).</param>
/// <param name="Addressee">To whom (the complainant or the respondent), followed by a colon on the page.</param>
/// <param name="Paragraphs">The body, one paragraph each.</param>
/// <param name="Issuer">The issuing authority (the signature).</param>
/// <param name="IssuedOn">The date of the notice.</param>
public sealed record WrittenNotice(string Title, string DocumentNumber, string Addressee, IReadOnlyList<string> Paragraphs, string Issuer, DateOnly IssuedOn);

/// <summary>
/// Renders a <see cref="WrittenNotice"/> to PDF like <see cref="CreditReportRenderer"/>: real, extractable Chinese text in
/// the shipped fonts, 第 X 页 共 Y 页 in the footer, deterministic bytes (equal notices give equal files).
/// </summary>
public static class WrittenNoticeRenderer
{
    private const double BodySize = 12;
    private const double LineHeight = 22;

    /// <summary>Renders the notice and returns the PDF file's bytes.</summary>
    public static byte[] Render(WrittenNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ReportFonts.EnsureInitialized();
        return DeterministicPdf.Invariant(() => DeterministicPdf.Build(
            new PdfDescription($"{notice.Title} {notice.DocumentNumber}", notice.Issuer, new DateTime(notice.IssuedOn, TimeOnly.MinValue, DateTimeKind.Utc)),
            SHA256.HashData(Encoding.UTF8.GetBytes($"xinyong-notice:{notice.DocumentNumber}:{notice.Title}:{notice.IssuedOn:yyyy-MM-dd}"))[..16],
            document => Compose(notice, document)));
    }

    private static void Compose(WrittenNotice notice, PdfDocument document)
    {
        using var flow = new PageFlow(document);
        flow.NewPage();
        flow.Y = PageFlow.Top + 24;
        foreach (var line in flow.Wrap(notice.Title, 20, PageFlow.Width))
        {
            flow.DrawLine(line, PageFlow.Left + (PageFlow.Width - flow.TextWidth(line, 20)) / 2, flow.Y, 20, XBrushes.Black, bold: true);
            flow.Y += 30;
        }
        var no = $"案件编号：{notice.DocumentNumber}";
        flow.DrawLine(no, PageFlow.Left + (PageFlow.Width - flow.TextWidth(no, BodySize)) / 2, flow.Y, BodySize, XBrushes.Black);
        flow.Y += LineHeight * 2;
        flow.DrawLine(notice.Addressee + "：", PageFlow.Left, flow.Y, BodySize, XBrushes.Black);
        flow.Y += LineHeight;
        var indent = flow.TextWidth("　　", BodySize);
        foreach (var paragraph in notice.Paragraphs)
        {
            var lines = flow.Wrap(paragraph, BodySize, PageFlow.Width - indent);
            for (var i = 0; i < lines.Count; i++)
            {
                flow.EnsureRoom(LineHeight);
                flow.DrawLine(lines[i], PageFlow.Left + (i == 0 ? indent : 0), flow.Y, BodySize, XBrushes.Black);
                flow.Y += LineHeight;
            }
        }
        flow.Y += LineHeight * 2;
        flow.EnsureRoom(LineHeight * 2);
        var date = string.Create(CultureInfo.InvariantCulture, $"{notice.IssuedOn.Year}年{notice.IssuedOn.Month}月{notice.IssuedOn.Day}日");
        flow.DrawLine(notice.Issuer, PageFlow.Right - flow.TextWidth(notice.Issuer, BodySize), flow.Y, BodySize, XBrushes.Black);
        flow.Y += LineHeight;
        flow.DrawLine(date, PageFlow.Right - flow.TextWidth(date, BodySize), flow.Y, BodySize, XBrushes.Black);
        flow.ClosePage();

        var pages = document.PageCount;
        var grey = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
        for (var i = 0; i < pages; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            const double size = 9;
            flow.DrawLine(gfx, notice.Title, PageFlow.Left, 40, size, grey);
            flow.DrawLine(gfx, no, PageFlow.Right - flow.TextWidth(no, size), 40, size, grey);
            var footer = string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 页 共 {pages} 页");
            flow.DrawLine(gfx, footer, PageFlow.Left + (PageFlow.Width - flow.TextWidth(footer, size)) / 2, 800, size, grey);
        }
    }
}
