using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
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

        // PDFsharp formats the document dates with the current culture (ar-SA would write an Umm al-Qura year):
        // render under the invariant culture so that no machine setting reaches the file.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return RenderInvariant(model);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static RenderedReport RenderInvariant(CreditReportModel model)
    {
        var id = DocumentId(model.ReportNumber);
        byte[] uncompressed;
        int pages, missing;
        using (var document = new PdfDocument())
        {
            Describe(document, model, id);
            missing = ReportComposer.Compose(model, document);
            pages = document.PageCount;
            uncompressed = Save(document);
        }

        // PDFsharp compresses with the runtime's zlib, whose output may change with a runtime update or another CPU
        // architecture. So the file is saved uncompressed, opened again, and its streams compressed deterministically.
        using var final = PdfReader.Open(new MemoryStream(uncompressed), PdfDocumentOpenMode.Modify);
        final.Internals.Catalog.Elements.Remove("/Metadata");   // written anew on saving
        foreach (var item in final.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary || dictionary.Elements["/Filter"] is not null) continue;
            stream.Value = Deflate.Zlib(stream.Value);
            dictionary.Elements.SetName("/Filter", "/FlateDecode");
        }
        Describe(final, model, id);   // opening stamped the clock and a random ID into the document: set them back
        var pdf = Save(final);
        DeterministicOutput.Apply(pdf, id);
        return new RenderedReport(pdf, pages, missing);
    }

    /// <summary>The document's metadata and save options: nothing taken from the clock, the machine or chance.</summary>
    private static void Describe(PdfDocument document, CreditReportModel model, byte[] id)
    {
        document.Options.Layout = PdfWriterLayout.Compact;
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        // Dates in UTC: PDFsharp writes a local-time date with the machine's time zone offset.
        var moment = model.AsOf.UtcDateTime;
        document.Info.Title = $"公共信用信息报告 {model.ReportNumber}";
        document.Info.Author = model.Issuer;
        document.Info.Creator = "Xinyong";
        document.Info.CreationDate = moment;
        document.Info.ModificationDate = moment;
        document.Internals.FirstDocumentID = Encoding.Latin1.GetString(id);
        document.Internals.SecondDocumentID = Encoding.Latin1.GetString(id);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
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
