namespace Xinyong.Reports;

/// <summary>The outcome of verifying a signed report file.</summary>
/// <param name="Status">What the verification found.</param>
/// <param name="Reason">A precise explanation in Chinese, for people (CLI output, web page).</param>
/// <param name="ReportNumber">The report number recorded in the signature block, when the block could be read.</param>
/// <param name="Sha256">The SHA-256 of the whole file as given, 64 lower-case hex digits.</param>
/// <param name="KeyId">The key ID recorded in the signature block, when the block could be read.</param>
public sealed record VerificationResult(VerificationStatus Status, string Reason, string? ReportNumber, string Sha256, string? KeyId)
{
    /// <summary>True only when the file is signed by the expected platform key and unchanged since signing.</summary>
    public bool Valid => Status == VerificationStatus.Valid;
}

/// <summary>What verifying a report file found.</summary>
public enum VerificationStatus
{
    /// <summary>Signed by the expected key; not one byte changed since signing.</summary>
    Valid,

    /// <summary>The file carries no signature block (an unsigned PDF, or not a report).</summary>
    NoSignature,

    /// <summary>There is a signature block, or data after the PDF's end, that cannot be read intact.</summary>
    SignatureDamaged,

    /// <summary>The signature block is genuine but the bytes before it differ from those signed.</summary>
    ContentChanged,

    /// <summary>The file was validly signed, but by a key other than the expected one.</summary>
    SignedByAnotherKey,

    /// <summary>The signature does not verify: the signature block was altered or forged.</summary>
    SignatureInvalid,

    /// <summary>
    /// No expected key was given: the signature is intact under the key embedded in the block and the content is
    /// unchanged, but nothing shows that key is the platform's.
    /// </summary>
    SignerNotChecked,
}
