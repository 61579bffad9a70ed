using System.Security.Cryptography;
using System.Text;
using Xinyong.Reports;

namespace Xinyong.Tests.Reports;

public class SignatureTests
{
    private static readonly Lazy<byte[]> Pdf = new(() => CreditReportRenderer.Render(SampleReports.Company()));
    private static readonly ReportSigningKey Key = ReportSigningKey.Generate();
    private static readonly Lazy<byte[]> Signed = new(() => ReportSigner.Sign(Pdf.Value, SampleReports.ReportNo, Key));

    private static int MarkerAt(byte[] file) => file.AsSpan().LastIndexOf("%XINYONG-SIGNATURE "u8);

    [Fact]
    public void A_signed_report_verifies_and_stays_a_readable_PDF()
    {
        var signed = Signed.Value;
        var result = ReportVerifier.Verify(signed, Key.PublicKeyPem);

        Assert.True(result.Valid, result.Reason);
        Assert.Equal(VerificationStatus.Valid, result.Status);
        Assert.Equal(SampleReports.ReportNo, result.ReportNumber);
        Assert.Equal(Key.KeyId, result.KeyId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(signed)), result.Sha256);
        Assert.Contains("签名有效", result.Reason);
        Assert.DoesNotContain(" / ", result.Reason);   // Chinese only

        // The original bytes come first, unchanged; one comment line follows the final %%EOF.
        Assert.Equal(Pdf.Value, signed[..Pdf.Value.Length]);
        var line = Encoding.ASCII.GetString(signed[Pdf.Value.Length..]);
        Assert.StartsWith("%XINYONG-SIGNATURE ", line);
        Assert.EndsWith("\n", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(signed.Length - signed.AsSpan().LastIndexOf("%%EOF"u8) < 1024, "readers look for %%EOF in the last 1024 bytes");

        using var json = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(line["%XINYONG-SIGNATURE ".Length..].TrimEnd('\n')));
        var root = json.RootElement;
        Assert.Equal(SampleReports.ReportNo, root.GetProperty("reportNumber").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf.Value)), root.GetProperty("sha256").GetString());
        Assert.Equal("ES256", root.GetProperty("alg").GetString());
        Assert.Equal(Key.KeyId, root.GetProperty("keyId").GetString());

        var info = Poppler.Info(signed);
        Assert.Equal(Poppler.Info(Pdf.Value)["Pages"], info["Pages"]);
        Assert.Contains(SampleReports.CompanyName, Poppler.Text(signed));
    }

    [Fact]
    public void Changing_any_single_byte_fails_with_a_precise_reason()
    {
        var signed = Signed.Value;
        var markerAt = MarkerAt(signed);
        var positions = new SortedSet<int> { 0, 1, 8, signed.Length / 2, markerAt - 6, markerAt - 1, signed.Length - 1 };
        for (var p = 0; p < markerAt; p += 997) positions.Add(p);          // throughout the PDF
        for (var p = markerAt; p < signed.Length; p++) positions.Add(p);   // every byte of the signature line

        var failures = new List<string>();
        foreach (var position in positions)
        foreach (var mask in new byte[] { 0x01, 0x20, 0x80 })
        {
            var tampered = (byte[])signed.Clone();
            tampered[position] ^= mask;
            var result = ReportVerifier.Verify(tampered, Key.PublicKeyPem);
            var expected = position < markerAt
                ? [VerificationStatus.ContentChanged]
                : new[] { VerificationStatus.SignatureDamaged, VerificationStatus.SignatureInvalid };
            if (result.Valid || !expected.Contains(result.Status))
                failures.Add($"byte {position} ^ 0x{mask:x2}: {result.Status}");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tampered)), result.Sha256);
        }
        Assert.Empty(failures);
        Assert.True(positions.Count > 700, $"only {positions.Count} positions were tried");
    }

    [Fact]
    public void Each_failure_has_its_own_reason_in_Chinese()
    {
        var signed = Signed.Value;
        var markerAt = MarkerAt(signed);

        var content = (byte[])signed.Clone();
        content[markerAt / 2] ^= 1;
        var changed = ReportVerifier.Verify(content, Key.PublicKeyPem);
        Assert.Equal(VerificationStatus.ContentChanged, changed.Status);
        Assert.Contains("内容在签名后被修改", changed.Reason);
        Assert.DoesNotContain(" / ", changed.Reason);   // Chinese only
        Assert.Equal(SampleReports.ReportNo, changed.ReportNumber);

        var unsigned = ReportVerifier.Verify(Pdf.Value, Key.PublicKeyPem);
        Assert.Equal(VerificationStatus.NoSignature, unsigned.Status);
        Assert.Contains("未找到签名", unsigned.Reason);
        Assert.DoesNotContain(" / ", unsigned.Reason);   // Chinese only
        Assert.Null(unsigned.ReportNumber);

        var truncated = ReportVerifier.Verify(signed[..^1], Key.PublicKeyPem);
        Assert.Equal(VerificationStatus.SignatureDamaged, truncated.Status);
        Assert.Contains("签名块已损坏", truncated.Reason);
        Assert.DoesNotContain(" / ", truncated.Reason);   // Chinese only

        var appended = ReportVerifier.Verify([.. signed, .. "%junk\n"u8], Key.PublicKeyPem);
        Assert.Equal(VerificationStatus.SignatureDamaged, appended.Status);

        var markerBroken = (byte[])signed.Clone();
        markerBroken[markerAt + 3] = (byte)'x';
        Assert.Equal(VerificationStatus.SignatureDamaged, ReportVerifier.Verify(markerBroken, Key.PublicKeyPem).Status);

        // A block whose report number was rewritten (and re-encoded cleanly) no longer matches its signature.
        var forged = Reencode(signed, json => json.Replace(SampleReports.ReportNo, "XY20250301AAAAAAAAAA"));
        var invalid = ReportVerifier.Verify(forged, Key.PublicKeyPem);
        Assert.Equal(VerificationStatus.SignatureInvalid, invalid.Status);
        Assert.Contains("签名无效", invalid.Reason);
        Assert.DoesNotContain(" / ", invalid.Reason);   // Chinese only
    }

    [Fact]
    public void A_report_signed_by_another_key_is_refused_and_both_keys_are_named()
    {
        using var other = ReportSigningKey.Generate();
        var byOther = ReportSigner.Sign(Pdf.Value, SampleReports.ReportNo, other);

        var result = ReportVerifier.Verify(byOther, Key.PublicKeyPem);
        Assert.False(result.Valid);
        Assert.Equal(VerificationStatus.SignedByAnotherKey, result.Status);
        Assert.Contains("由其他密钥签名", result.Reason);
        Assert.DoesNotContain(" / ", result.Reason);   // Chinese only
        Assert.Contains(other.KeyId, result.Reason);
        Assert.Contains(Key.KeyId, result.Reason);
        Assert.Equal(other.KeyId, result.KeyId);

        // The same with the key as an ECDsa object, and with the genuine file against the other key.
        using var otherPublic = ECDsa.Create();
        otherPublic.ImportFromPem(other.PublicKeyPem);
        Assert.Equal(VerificationStatus.Valid, ReportVerifier.Verify(byOther, otherPublic).Status);
        Assert.Equal(VerificationStatus.SignedByAnotherKey, ReportVerifier.Verify(Signed.Value, otherPublic).Status);

        // A forger who edits the content and re-signs with his own key is caught by the key, not fooled by the hash.
        var edited = (byte[])Pdf.Value.Clone();
        edited[100] ^= 1;
        Assert.Equal(VerificationStatus.SignedByAnotherKey,
            ReportVerifier.Verify(ReportSigner.Sign(edited, SampleReports.ReportNo, other), Key.PublicKeyPem).Status);
    }

    [Fact]
    public void Without_a_key_integrity_is_checked_but_the_file_is_never_called_valid()
    {
        var result = ReportVerifier.Verify(Signed.Value);
        Assert.False(result.Valid);
        Assert.Equal(VerificationStatus.SignerNotChecked, result.Status);
        Assert.Equal(Key.KeyId, result.KeyId);
        Assert.Contains(Key.KeyId, result.Reason);
        Assert.Contains("未核对签发者", result.Reason);

        var tampered = (byte[])Signed.Value.Clone();
        tampered[200] ^= 1;
        Assert.Equal(VerificationStatus.ContentChanged, ReportVerifier.Verify(tampered).Status);
    }

    [Fact]
    public void Signing_refuses_what_is_not_a_complete_unsigned_PDF()
    {
        Assert.Throws<ArgumentException>(() => ReportSigner.Sign(Signed.Value, SampleReports.ReportNo, Key));
        Assert.Throws<ArgumentException>(() => ReportSigner.Sign(Pdf.Value[..^10], SampleReports.ReportNo, Key));
        Assert.Throws<ArgumentException>(() => ReportSigner.Sign(Pdf.Value, "", Key));
        Assert.Throws<ArgumentException>(() => ReportSigner.Sign(Pdf.Value, "XY 123", Key));
        Assert.Throws<ArgumentException>(() => ReportVerifier.Verify(Signed.Value, "not a key"));

        // A PDF ending in %%EOF without a newline gets one before the signature line; it is part of what is signed.
        var noNewline = Pdf.Value[..^1];
        var signed = ReportSigner.Sign(noNewline, SampleReports.ReportNo, Key);
        Assert.Equal(Pdf.Value, signed[..Pdf.Value.Length]);
        Assert.True(ReportVerifier.Verify(signed, Key.PublicKeyPem).Valid);
    }

    [Fact]
    public void The_key_file_is_created_once_with_mode_600_and_loaded_afterwards()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"xinyong-keys-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "keys", "report-signing.pem");
        try
        {
            string keyId;
            using (var created = ReportSigningKey.LoadOrCreate(path))
            {
                keyId = created.KeyId;
                Assert.StartsWith("-----BEGIN PUBLIC KEY-----", created.PublicKeyPem);
            }
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                    File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            }
            Assert.Equal([path, path + ".lock"], Directory.GetFiles(Path.GetDirectoryName(path)!, "*", SearchOption.AllDirectories).Order());

            using var loaded = ReportSigningKey.LoadOrCreate(path);
            using var again = ReportSigningKey.Load(path);
            Assert.Equal(keyId, loaded.KeyId);
            Assert.Equal(keyId, again.KeyId);

            // The key ID is the SHA-256 of the published SPKI.
            using var published = ECDsa.Create();
            published.ImportFromPem(loaded.PublicKeyPem);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(published.ExportSubjectPublicKeyInfo())), keyId);

            // A report signed with the loaded key verifies against the published PEM.
            Assert.True(ReportVerifier.Verify(ReportSigner.Sign(Pdf.Value, SampleReports.ReportNo, loaded), loaded.PublicKeyPem).Valid);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Processes_racing_to_create_the_key_all_get_the_same_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"xinyong-keys-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "report-signing.pem");
        try
        {
            var ids = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
                .Select(_ => { using var k = ReportSigningKey.LoadOrCreate(path); return k.KeyId; })
                .ToList();
            Assert.Single(ids.Distinct());
            Assert.Equal([path, path + ".lock"], Directory.GetFiles(folder).Order());   // the key and its lock, no temporary file left
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Keys_other_than_ECDSA_P256_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<CryptographicException>(() => ReportSigningKey.FromPrivateKeyPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => ReportVerifier.Verify(Signed.Value, p384));
        using var rsa = RSA.Create(2048);
        Assert.ThrowsAny<Exception>(() => ReportSigningKey.FromPrivateKeyPem(rsa.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>Decodes the signature block, edits its JSON and encodes it again as a well-formed line.</summary>
    private static byte[] Reencode(byte[] signed, Func<string, string> edit)
    {
        var markerAt = MarkerAt(signed);
        var prefix = "%XINYONG-SIGNATURE ".Length;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(signed, markerAt + prefix, signed.Length - markerAt - prefix - 1)));
        return [.. signed[..(markerAt + prefix)], .. Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(edit(json)))), (byte)'\n'];
    }
}
