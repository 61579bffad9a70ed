using System.Security.Cryptography;
using System.Text.Json;
using Xinyong.Network;
using Xinyong.Storage.Network;

namespace Xinyong.Application.Network;

/// <summary>The signature file beside a batch file (<c>FILE.sig.json</c>).</summary>
/// <param name="From">The signing node.</param>
/// <param name="To">The node the batch is for.</param>
/// <param name="Timestamp">Unix milliseconds.</param>
/// <param name="Nonce">128 random bits, hex.</param>
/// <param name="Lines">Lines in the batch file.</param>
/// <param name="Sha256">SHA-256 of the batch file (hex).</param>
/// <param name="Signature">ECDSA P-256 / SHA-256 (IEEE P1363, base64) over the canonical text of <see cref="MessageSignature"/>.</param>
public sealed record BatchSignature(string From, string To, long Timestamp, string Nonce, int Lines, string Sha256, string Signature);

/// <summary>
/// Signed JSON-lines batches: the national link's file form (the province's upward changes, one
/// <see cref="NetworkMessage"/> a line) and the national list decisions imported as a source. Each batch file has its
/// signature beside it; a file whose bytes or signer do not match is refused whole.
/// </summary>
public static class SignedBatchFiles
{
    /// <summary>The JSON of batches and export lines (the same on the wire and in files).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Writes <paramref name="messages"/> as <c>DIR/FROM-TO-FIRST-LAST.jsonl</c> and its signature; returns the file.</summary>
    public static string Write(string directory, string from, string to, IReadOnlyList<NetworkMessage> messages, ECDsa key, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{from}-{to}-{messages[0].Seq:D12}-{messages[^1].Seq:D12}.jsonl");
        using (var w = new StreamWriter(file, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
            foreach (var m in messages) w.WriteLine(JsonSerializer.Serialize(m, Json));
        Sign(file, from, to, key, now);
        return file;
    }

    /// <summary>Signs an existing file (e.g. a national list batch) and writes <c>FILE.sig.json</c>.</summary>
    public static BatchSignature Sign(string file, string from, string to, ECDsa key, DateTimeOffset now)
    {
        var bytes = File.ReadAllBytes(file);
        var ts = now.ToUnixTimeMilliseconds();
        var nonce = MessageSignature.NewNonce();
        var sig = new BatchSignature(from, to, ts, nonce, CountLines(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)),
            MessageSignature.Sign(key, from, to, ts, nonce, bytes));
        File.WriteAllText(SignatureOf(file), JsonSerializer.Serialize(sig, Json));
        return sig;
    }

    /// <summary>The signature file of a batch file.</summary>
    public static string SignatureOf(string file) => file + ".sig.json";

    /// <summary>Checks a batch file against its signature and the signer's trusted key; returns the signature or throws with the reason.</summary>
    /// <exception cref="InvalidDataException">Unsigned, signed by another node, for another node, or changed since it was signed.</exception>
    public static BatchSignature Verify(string file, string expectedFrom, string? expectedTo, NodeKeys keys)
    {
        var sigFile = SignatureOf(file);
        if (!File.Exists(sigFile)) throw new InvalidDataException($"{Path.GetFileName(file)}: no signature file {Path.GetFileName(sigFile)}");
        var sig = JsonSerializer.Deserialize<BatchSignature>(File.ReadAllText(sigFile), Json)
                  ?? throw new InvalidDataException($"{Path.GetFileName(sigFile)}: empty");
        if (sig.From != expectedFrom) throw new InvalidDataException($"{Path.GetFileName(file)}: signed by node {sig.From}, not {expectedFrom}");
        if (expectedTo is not null && sig.To != expectedTo) throw new InvalidDataException($"{Path.GetFileName(file)}: addressed to node {sig.To}, not {expectedTo}");
        using var key = keys.Peer(sig.From) ?? throw new InvalidDataException($"node {sig.From}'s public key is not trusted here (xinyong network trust)");
        var bytes = File.ReadAllBytes(file);
        if (!MessageSignature.Verify(key, sig.From, sig.To, sig.Timestamp, sig.Nonce, bytes, sig.Signature))
            throw new InvalidDataException($"{Path.GetFileName(file)}: the signature does not match the file (changed after signing, or not signed by node {sig.From})");
        return sig;
    }

    private static int CountLines(byte[] bytes)
    {
        var n = 0;
        foreach (var b in bytes) if (b == (byte)'\n') n++;
        return bytes.Length > 0 && bytes[^1] != (byte)'\n' ? n + 1 : n;
    }
}
