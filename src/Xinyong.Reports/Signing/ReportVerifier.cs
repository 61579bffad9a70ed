using System.Security.Cryptography;

namespace Xinyong.Reports;

/// <summary>
/// Verifies a signed report file offline (see <see cref="ReportSigner"/>): finds the signature block, checks that it
/// is intact, that it was signed by the expected key and that not one byte of the file changed after signing.
/// Any single changed byte anywhere in a signed file makes verification fail with a precise reason.
/// </summary>
public static class ReportVerifier
{
    /// <summary>
    /// Verifies a file against the platform's public key given as SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>, as
    /// published at <c>/.well-known/xinyong-report-key</c>). Without a key the file's integrity is still checked
    /// against the key embedded in the signature block, but the result is never <see cref="VerificationResult.Valid"/>:
    /// its status is then <see cref="VerificationStatus.SignerNotChecked"/> and <see cref="VerificationResult.KeyId"/>
    /// names the key that signed.
    /// </summary>
    /// <exception cref="ArgumentException">The PEM text holds no ECDSA P-256 public key.</exception>
    public static VerificationResult Verify(byte[] file, string? publicKeyPem = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (publicKeyPem is null) return VerifyCore(file, null);
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The PEM text holds no ECDSA public key.", nameof(publicKeyPem), e);
        }
        return Verify(file, key);
    }

    /// <summary>Verifies a file against the platform's public key.</summary>
    /// <exception cref="ArgumentException">The key is not an ECDSA P-256 key.</exception>
    public static VerificationResult Verify(byte[] file, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!ReportSigningKey.IsP256(publicKey))
            throw new ArgumentException("The report key must be an ECDSA key on curve P-256.", nameof(publicKey));
        return VerifyCore(file, ReportSigningKey.KeyIdOf(publicKey));
    }

    /// <param name="file">The file as given.</param>
    /// <param name="expectedKeyId">The key ID of the platform key, or null when none was given.</param>
    private static VerificationResult VerifyCore(byte[] file, string? expectedKeyId)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        VerificationResult Result(VerificationStatus status, string? reportNumber = null, string? keyId = null) =>
            new(status, Reasons.For(status, keyId, expectedKeyId), reportNumber, sha256, keyId);

        // No marker: an unsigned PDF ends with %%EOF; anything else after the PDF's end is a damaged signature line.
        var markerAt = file.AsSpan().LastIndexOf(SignatureBlock.Marker);
        if (markerAt < 0)
            return Result(EndsWithEof(file) || file.AsSpan().IndexOf("%%EOF"u8) < 0 ? VerificationStatus.NoSignature : VerificationStatus.SignatureDamaged);

        var line = file.AsSpan(markerAt + SignatureBlock.Marker.Length);
        if (line.Length < 2 || line[^1] != (byte)'\n') return Result(VerificationStatus.SignatureDamaged);
        var block = SignatureBlock.Parse(line[..^1]);
        if (block is null) return Result(VerificationStatus.SignatureDamaged);

        // The block names its key twice, by ID and in full, both signed. A key whose bytes do not hash to the ID means
        // the block was altered. With an expected key, the block must name that key; the signature is then checked
        // under the embedded key, byte for byte the expected one.
        var spki = Convert.FromBase64String(block.PublicKey);
        var intact = Convert.ToHexStringLower(SHA256.HashData(spki)) == block.KeyId;
        if (intact)
        {
            using var embedded = ECDsa.Create();
            try
            {
                embedded.ImportSubjectPublicKeyInfo(spki, out var read);
                if (read != spki.Length || !ReportSigningKey.IsP256(embedded))
                    return Result(VerificationStatus.SignatureDamaged, block.ReportNumber, block.KeyId);
            }
            catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
            {
                return Result(VerificationStatus.SignatureDamaged, block.ReportNumber, block.KeyId);
            }
            intact = embedded.VerifyData(block.SignedBytes(), Convert.FromBase64String(block.Signature), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        if (expectedKeyId is not null && block.KeyId != expectedKeyId)
            return Result(intact ? VerificationStatus.SignedByAnotherKey : VerificationStatus.SignatureInvalid, block.ReportNumber, block.KeyId);
        if (!intact) return Result(VerificationStatus.SignatureInvalid, block.ReportNumber, block.KeyId);

        var contentHash = Convert.ToHexStringLower(SHA256.HashData(file.AsSpan(0, markerAt)));
        if (contentHash != block.Sha256) return Result(VerificationStatus.ContentChanged, block.ReportNumber, block.KeyId);
        return Result(expectedKeyId is null ? VerificationStatus.SignerNotChecked : VerificationStatus.Valid, block.ReportNumber, block.KeyId);
    }

    /// <summary>True when the bytes end with <c>%%EOF</c> followed only by line ends, spaces or tabs.</summary>
    internal static bool EndsWithEof(ReadOnlySpan<byte> file)
    {
        var end = file.Length;
        while (end > 0 && file[end - 1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t') end--;
        return file[..end].EndsWith("%%EOF"u8);
    }

    private static class Reasons
    {
        public static string For(VerificationStatus status, string? keyId, string? expectedKeyId) => status switch
        {
            VerificationStatus.Valid =>
                "签名有效：报告由平台密钥签发，签发后未被修改。",
            VerificationStatus.NoSignature =>
                "未找到签名：文件中没有信用报告签名块。",
            VerificationStatus.SignatureDamaged =>
                "签名块已损坏：文件末尾的签名块无法完整解析。",
            VerificationStatus.ContentChanged =>
                "内容在签名后被修改：文件摘要与签名记录的 SHA-256 不符。",
            VerificationStatus.SignedByAnotherKey =>
                $"由其他密钥签名：签名密钥 {keyId} 不是平台公钥 {expectedKeyId}。",
            VerificationStatus.SignatureInvalid =>
                "签名无效：签名与签名块内容不符，签名块被改动或伪造。",
            VerificationStatus.SignerNotChecked =>
                $"未核对签发者：签名完整且内容未变，但未提供平台公钥，无法确认签发密钥 {keyId} 属于平台。",
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }
}
