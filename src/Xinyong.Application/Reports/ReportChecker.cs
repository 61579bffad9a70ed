using Xinyong.Reports;
using Xinyong.Storage.Reports;

namespace Xinyong.Application.Reports;

/// <summary>The outcome of checking a report file online.</summary>
/// <param name="Valid">True only when the file is signed by the platform key, unchanged, and recorded in the register.</param>
/// <param name="Status">
/// valid, not-registered, or what the signature check found: no-signature, signature-damaged, content-changed,
/// signed-by-another-key, signature-invalid.
/// </param>
/// <param name="Reason">Why, in Chinese.</param>
/// <param name="ReportNo">The report number the file claims (from its signature block), when it can be read.</param>
/// <param name="Sha256">The SHA-256 of the file as given.</param>
/// <param name="Registered">
/// The register's entry of the claimed report number, when there is one: for a valid file, what it certifies; for an
/// altered one, what the genuine report certified.
/// </param>
public sealed record ReportCheck(bool Valid, string Status, string Reason, string? ReportNo, string Sha256, IssuedReport? Registered);

/// <summary>
/// Checks an uploaded report file: its signature under the platform key (<see cref="ReportVerifier"/>) and the register
/// (the SHA-256 of the file must be that of a report the platform issued, under the number it claims). A report signed
/// with an earlier platform key stays valid when the register holds exactly its bytes under that key.
/// </summary>
public sealed class ReportChecker(ReportRegistry registry, ReportSigningKey key)
{
    /// <summary>Checks one file.</summary>
    public ReportCheck Check(byte[] file)
    {
        var signature = ReportVerifier.Verify(file, key.PublicKeyPem);
        var claimed = signature.ReportNumber is { } n && ReportNumber.IsValid(n) ? registry.Get(n) : null;
        var registered = claimed is not null && claimed.Sha256 == signature.Sha256;
        // A report signed before the platform's key was replaced: intact under the key the register names for it.
        var earlierKey = signature.Status == VerificationStatus.SignedByAnotherKey && registered && claimed!.KeyId == signature.KeyId;
        if (!signature.Valid && !earlierKey)
            return new ReportCheck(false, StatusCode(signature.Status), signature.Reason, signature.ReportNumber, signature.Sha256, claimed);
        if (!registered)
            return new ReportCheck(false, "not-registered",
                "未登记：签名有效，但平台登记簿中没有以该编号出具、内容与本文件一致的报告，请勿采信。",
                signature.ReportNumber, signature.Sha256, claimed);
        var signer = earlierKey ? $"平台此前使用的签名密钥 {claimed!.KeyId}" : "平台签名密钥";
        return new ReportCheck(true, "valid",
            $"有效：本文件是{ReportFormat.Beijing(claimed!.IssuedAt)}由平台出具的信用报告 {claimed.ReportNo}，由{signer}签名，出具后未被修改。",
            claimed.ReportNo, signature.Sha256, claimed);
    }

    /// <summary>The API's name of a signature check outcome: valid, no-signature, signature-damaged …</summary>
    public static string StatusCode(VerificationStatus status) => status switch
    {
        VerificationStatus.Valid => "valid",
        VerificationStatus.NoSignature => "no-signature",
        VerificationStatus.SignatureDamaged => "signature-damaged",
        VerificationStatus.ContentChanged => "content-changed",
        VerificationStatus.SignedByAnotherKey => "signed-by-another-key",
        VerificationStatus.SignatureInvalid => "signature-invalid",
        VerificationStatus.SignerNotChecked => "signer-not-checked",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
