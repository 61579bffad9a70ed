using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Xinyong.Reports.Pdf;

/// <summary>What a PDF says of itself: its title, author and the one moment it carries (creation and modification).</summary>
/// <param name="Title">The document title (/Title).</param>
/// <param name="Author">The document author (/Author).</param>
/// <param name="Moment">A UTC moment: PDFsharp writes a local-time date with the machine's time zone offset.</param>
internal sealed record PdfDescription(string Title, string Author, DateTime Moment);

/// <summary>
/// The one way the renderers (<see cref="CreditReportRenderer"/>, <see cref="WrittenNoticeRenderer"/>) turn what they
/// draw into a file whose bytes depend on nothing but what they draw: rendered under the invariant culture, metadata
/// without the clock, the machine or chance, saved uncompressed, opened again and every stream compressed by this
/// assembly's own Deflate encoder (the runtime's zlib may change with a runtime update or another CPU architecture),
/// and the document and XMP IDs derived from <c>id</c>.
/// </summary>
internal static class DeterministicPdf
{
    /// <summary>Runs <paramref name="render"/> under the invariant culture: PDFsharp formats the document dates with the
    /// current culture (ar-SA would write an Umm al-Qura year), so no machine setting reaches the file.</summary>
    public static T Invariant<T>(Func<T> render)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>The PDF of what <paramref name="compose"/> draws into a new document described by <paramref name="description"/>.</summary>
    /// <param name="description">The title, author and moment the PDF carries.</param>
    /// <param name="id">The 16-byte document ID (trailer /ID).</param>
    /// <param name="compose">Draws the pages into the new document.</param>
    public static byte[] Build(PdfDescription description, byte[] id, Action<PdfDocument> compose)
    {
        byte[] uncompressed;
        using (var document = new PdfDocument())
        {
            Describe(document, description, id);
            compose(document);
            uncompressed = Save(document);
        }

        using var final = PdfReader.Open(new MemoryStream(uncompressed), PdfDocumentOpenMode.Modify);
        final.Internals.Catalog.Elements.Remove("/Metadata");   // written anew on saving
        foreach (var item in final.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary || dictionary.Elements["/Filter"] is not null) continue;
            stream.Value = Deflate.Zlib(stream.Value);
            dictionary.Elements.SetName("/Filter", "/FlateDecode");
        }
        Describe(final, description, id);   // opening stamped the clock and a random ID into the document: set them back
        var pdf = Save(final);
        DeterministicOutput.Apply(pdf, id);
        return pdf;
    }

    /// <summary>The document's metadata and save options: nothing taken from the clock, the machine or chance.</summary>
    private static void Describe(PdfDocument document, PdfDescription description, byte[] id)
    {
        document.Options.Layout = PdfWriterLayout.Compact;
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        document.Info.Title = description.Title;
        document.Info.Author = description.Author;
        document.Info.Creator = "Xinyong";
        document.Info.CreationDate = description.Moment;
        document.Info.ModificationDate = description.Moment;
        document.Internals.FirstDocumentID = Encoding.Latin1.GetString(id);
        document.Internals.SecondDocumentID = Encoding.Latin1.GetString(id);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
