using System.Security.Cryptography;
using System.Text;
using Xinyong.Reports.Pdf;

namespace Xinyong.Reports;

/// <summary>
/// Turns a <see cref="CreditReportModel"/> into the PDF of a public credit information report (公共信用信息报告):
/// A4 pages in Simplified Chinese with a cover page (title, version, subject, report number, the moment reflected in
/// Beijing time, issuer, verification QR code), the basic information, the model's sections in order (an empty
/// section reads 无; an entry's mark such as 异议处理中 is boxed in red), and the notes; every page carries the report
/// number in its header and 第 X 页 共 Y 页 in its footer.
/// </summary>
/// <remarks>
/// All text is real, extractable text in the two fonts shipped inside this assembly (AR PL SungtiL GB, with Droid
/// Sans Fallback for characters outside it). Rendering is deterministic: equal models give byte-identical PDFs on
/// every machine, whatever its time zone, culture, CPU or .NET patch level (dates fixed to
/// <see cref="CreditReportModel.AsOf"/>, document and XMP IDs and font subset tags derived from the report number,
/// streams compressed by this assembly's own Deflate encoder). A new PDFsharp version or new fonts may change the bytes.
/// The renderer is thread-safe. It installs its own PDFsharp font resolver on first use.
/// </remarks>
public static class CreditReportRenderer
{
    /// <summary>Renders the report and returns the PDF file's bytes.</summary>
    public static byte[] Render(CreditReportModel model) => RenderDetailed(model).Pdf;

    /// <summary>Renders the report and returns the PDF with its page count and the number of characters no font has.</summary>
    /// <exception cref="ArgumentException">The model lacks a report number or a verification URL.</exception>
    public static RenderedReport RenderDetailed(CreditReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.ReportNumber, nameof(model) + "." + nameof(model.ReportNumber));
        ArgumentException.ThrowIfNullOrWhiteSpace(model.VerifyUrl, nameof(model) + "." + nameof(model.VerifyUrl));
        ReportFonts.EnsureInitialized();
        return DeterministicPdf.Invariant(() =>
        {
            int pages = 0, missing = 0;
            var pdf = DeterministicPdf.Build(new PdfDescription($"公共信用信息报告 {model.ReportNumber}", model.Issuer, model.AsOf.UtcDateTime),
                DocumentId(model.ReportNumber), document =>
                {
                    missing = ReportComposer.Compose(model, document);
                    pages = document.PageCount;
                });
            return new RenderedReport(pdf, pages, missing);
        });
    }

    /// <summary>The PDF document ID (trailer /ID): the first 16 bytes of SHA-256("xinyong-report:" + report number).</summary>
    internal static byte[] DocumentId(string reportNumber) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("xinyong-report:" + reportNumber))[..16];
}

/// <summary>A rendered report.</summary>
/// <param name="Pdf">The PDF file's bytes (unsigned; see <see cref="ReportSigner"/>).</param>
/// <param name="PageCount">The number of pages, the cover included.</param>
/// <param name="MissingGlyphs">
/// How many characters neither shipped font can draw (they are drawn with the fallback font and may show as boxes);
/// 0 for ordinary Chinese text.
/// </param>
public sealed record RenderedReport(byte[] Pdf, int PageCount, int MissingGlyphs);
