using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Xinyong.Reports;

/// <summary>
/// The signature block appended after a report's final <c>%%EOF</c>: one PDF comment line
/// <c>%XINYONG-SIGNATURE &lt;base64 of JSON&gt;</c> and a newline. The JSON is compact with its members in this order:
/// <c>v</c> (format version, 1), <c>reportNumber</c>, <c>sha256</c> (hex of the file bytes before the line),
/// <c>alg</c> (<c>ES256</c>: ECDSA P-256 with SHA-256, signature r‖s), <c>keyId</c> (hex SHA-256 of the SPKI),
/// <c>publicKey</c> (base64 SPKI of the signing key) and <c>signature</c> (base64). The signature covers the UTF-8
/// JSON of the same object without its <c>signature</c> member, so every other member is signed.
/// </summary>
internal sealed record SignatureBlock(string ReportNumber, string Sha256, string KeyId, string PublicKey, string Signature)
{
    public const string Algorithm = "ES256";
    public const int FormatVersion = 1;
    public static readonly byte[] Marker = "%XINYONG-SIGNATURE "u8.ToArray();

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bytes the signature is computed over.</summary>
    public byte[] SignedBytes() => Json(withSignature: false);

    /// <summary>The whole comment line, newline included.</summary>
    public byte[] Line() => [.. Marker, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(Json(withSignature: true))), (byte)'\n'];

    /// <summary>
    /// Reads the text after the marker (base64 of the JSON, without the newline). Returns null unless the text is
    /// exactly what <see cref="Line"/> writes for the values it holds: canonical base64, the members in order, no
    /// extra whitespace, a 64-hex-digit hash and key ID, canonical base64 key and signature.
    /// </summary>
    public static SignatureBlock? Parse(ReadOnlySpan<byte> base64)
    {
        if (!TryCanonicalBase64(Encoding.ASCII.GetString(base64), out var json)) return null;
        SignatureBlock block;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number
                || !v.TryGetInt32(out var version) || version != FormatVersion
                || Str(root, "alg") != Algorithm
                || Str(root, "reportNumber") is not { Length: > 0 } reportNumber
                || Str(root, "sha256") is not { } sha256
                || Str(root, "keyId") is not { } keyId
                || Str(root, "publicKey") is not { } publicKey
                || Str(root, "signature") is not { } signature)
                return null;
            block = new SignatureBlock(reportNumber, sha256, keyId, publicKey, signature);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // malformed JSON, or invalid UTF-8 in a string
        {
            return null;
        }

        var wellFormed = IsLowerHex(block.Sha256, 64) && IsLowerHex(block.KeyId, 64)
            && TryCanonicalBase64(block.PublicKey, out _)
            && TryCanonicalBase64(block.Signature, out var signatureBytes) && signatureBytes.Length == 64;
        return wellFormed && block.Json(withSignature: true).AsSpan().SequenceEqual(json) ? block : null;
    }

    /// <summary>Decodes base64 only when re-encoding the bytes gives back exactly the same text.</summary>
    public static bool TryCanonicalBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        bytes = buffer[..written];
        return Convert.ToBase64String(bytes) == text;
    }

    private byte[] Json(bool withSignature)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("v", FormatVersion);
            w.WriteString("reportNumber", ReportNumber);
            w.WriteString("sha256", Sha256);
            w.WriteString("alg", Algorithm);
            w.WriteString("keyId", KeyId);
            w.WriteString("publicKey", PublicKey);
            if (withSignature) w.WriteString("signature", Signature);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static bool IsLowerHex(string s, int length) =>
        s.Length == length && s.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}
