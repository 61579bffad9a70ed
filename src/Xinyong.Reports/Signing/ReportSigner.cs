using System.Security.Cryptography;

namespace Xinyong.Reports;

/// <summary>
/// Signs a rendered report so that a copy can be verified offline: appends, after the PDF's final <c>%%EOF</c>, one PDF
/// comment line <c>%XINYONG-SIGNATURE &lt;base64 of a small JSON&gt;</c> and a newline. The JSON holds the report
/// number, the SHA-256 of the file bytes before the line, the algorithm (ES256: ECDSA P-256 with SHA-256), the key ID
/// (SHA-256 fingerprint of the signing key's SPKI), the public key and the signature. PDF readers ignore the comment,
/// so the signed file opens and extracts like the unsigned one. Verify with <see cref="ReportVerifier"/>.
/// </summary>
public static class ReportSigner
{
    /// <summary>Returns the signed file: <paramref name="pdf"/> (with a newline added if it lacks one) and the signature line.</summary>
    /// <param name="pdf">A complete PDF file, ending with <c>%%EOF</c> and optional line-end characters.</param>
    /// <param name="reportNumber">The report number printed in the PDF (see <see cref="ReportNumber"/>).</param>
    /// <param name="key">The platform's signing key.</param>
    /// <exception cref="ArgumentException">
    /// The bytes do not end like a PDF, are already signed, or the report number is empty or not printable ASCII.
    /// </exception>
    public static byte[] Sign(byte[] pdf, string reportNumber, ReportSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(reportNumber) || reportNumber.Any(c => c is < '!' or > '~'))
            throw new ArgumentException("The report number must be non-empty printable ASCII without spaces.", nameof(reportNumber));
        if (!ReportVerifier.EndsWithEof(pdf))
            throw new ArgumentException("The bytes are not a complete PDF: they do not end with %%EOF.", nameof(pdf));
        if (pdf.AsSpan().IndexOf(SignatureBlock.Marker) >= 0)
            throw new ArgumentException("The PDF already carries a signature block.", nameof(pdf));

        byte[] content = pdf[^1] == (byte)'\n' ? pdf : [.. pdf, (byte)'\n'];
        var unsigned = new SignatureBlock(reportNumber, Convert.ToHexStringLower(SHA256.HashData(content)), key.KeyId,
            Convert.ToBase64String(key.SubjectPublicKeyInfo()), Signature: "");
        var signed = unsigned with { Signature = Convert.ToBase64String(key.Sign(unsigned.SignedBytes())) };
        return [.. content, .. signed.Line()];
    }
}
