using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Xinyong.Reports.Pdf;

/// <summary>
/// Removes the randomness PDFsharp 6.5 puts into every file it saves: the six-letter font subset tags
/// (<c>/FontName/ABCDEF+…</c>, from <c>Guid.NewGuid</c>) and the XMP <c>xmpMM:DocumentID</c> / <c>xmpMM:InstanceID</c>
/// UUIDs. Each is replaced in place by a value of the same length derived from the document ID, so no byte offset
/// (cross-reference table, stream lengths) changes and the file stays valid.
/// </summary>
internal static class DeterministicOutput
{
    private static readonly byte[][] FontNameKeys = [Ascii("/FontName/"), Ascii("/BaseFont/")];
    private static readonly byte[][] XmpIdElements = [Ascii("<xmpMM:DocumentID>uuid:"), Ascii("<xmpMM:InstanceID>uuid:")];
    private const int TagLength = 6;
    private const int UuidLength = 36;

    /// <exception cref="InvalidOperationException">The file does not have the XMP identifiers PDFsharp 6.5 writes.</exception>
    public static void Apply(byte[] pdf, byte[] documentId)
    {
        ReplaceSubsetTags(pdf, documentId);
        var uuid = Ascii(new Guid(documentId.AsSpan(0, 16)).ToString("D"));
        foreach (var element in XmpIdElements)
        {
            var at = pdf.AsSpan().IndexOf(element);
            if (at < 0 || !Guid.TryParseExact(Encoding.ASCII.GetString(pdf, at + element.Length, UuidLength), "D", out _))
                throw new InvalidOperationException(
                    $"The PDF has no {Encoding.ASCII.GetString(element)}… identifier to make deterministic: PDFsharp's output format changed.");
            uuid.CopyTo(pdf, at + element.Length);
        }
    }

    private static void ReplaceSubsetTags(byte[] pdf, byte[] documentId)
    {
        var replacements = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in FontNameKeys)
        {
            var from = 0;
            while (true)
            {
                var found = pdf.AsSpan(from).IndexOf(key);
                if (found < 0) break;
                var tagAt = from + found + key.Length;
                from = tagAt;
                if (!IsSubsetTag(pdf, tagAt)) continue;
                var tag = Encoding.ASCII.GetString(pdf, tagAt, TagLength);
                if (!replacements.TryGetValue(tag, out var replacement))
                {
                    replacement = DerivedTag(documentId, replacements.Count, replacements.Values);
                    replacements.Add(tag, replacement);
                }
                replacement.CopyTo(pdf, tagAt);
            }
        }
    }

    private static bool IsSubsetTag(byte[] pdf, int at)
    {
        if (at + TagLength >= pdf.Length || pdf[at + TagLength] != (byte)'+') return false;
        for (var i = 0; i < TagLength; i++)
            if (pdf[at + i] is < (byte)'A' or > (byte)'Z') return false;
        return true;
    }

    /// <summary>Six uppercase letters from SHA-256(document ID ‖ ordinal), distinct from the tags already given.</summary>
    private static byte[] DerivedTag(byte[] documentId, int ordinal, IEnumerable<byte[]> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var input = new byte[documentId.Length + 8];
            documentId.CopyTo(input, 0);
            BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(documentId.Length), ordinal);
            BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(documentId.Length + 4), attempt);
            var hash = SHA256.HashData(input);
            var tag = new byte[TagLength];
            for (var i = 0; i < TagLength; i++) tag[i] = (byte)('A' + hash[i] % 26);
            if (!taken.Any(t => t.AsSpan().SequenceEqual(tag))) return tag;
        }
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
