using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Xinyong.Audit;

/// <summary>One entry of the audit chain.</summary>
public sealed record AuditEntry
{
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string Target { get; init; } = "";
    public string? Detail { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";
    /// <summary>The audit key whose HMAC-SHA256 <see cref="Hash"/> is; null for an entry of an earlier version (plain SHA-256).</summary>
    public string? KeyId { get; init; }
}

/// <summary>One key of the audit chain: its id (stored on each entry) and its secret bytes.</summary>
public sealed record AuditKey(string Id, byte[] Secret, DateTimeOffset Created)
{
    /// <summary>The id of a secret: <c>ak-</c> and the first 16 hex digits of HMAC-SHA256(secret, "xinyong audit key id").
    /// It names the key without revealing it, and a forged id cannot be matched to a real key.</summary>
    public static string IdOf(byte[] secret) =>
        "ak-" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, "xinyong audit key id"u8))[..16];
}

/// <summary>Where keyed entries begin: how many unkeyed entries (written by earlier versions) came before the first keyed
/// one, and the hash of the last of them (the all-zero genesis hash when there were none).</summary>
public sealed record AuditOrigin(long Entries, string Hash);

/// <summary>
/// A signed head of the audit chain: the newest entry's number (<see cref="Seq"/>) and hash, how many entries the chain
/// held up to it, when it was signed, and the SHA-256 of the log's line before it (<see cref="Prev"/>, so the log is a
/// chain too), signed with ECDSA P-256 / SHA-256 by the platform's checkpoint key. Anyone holding the published public
/// key can check it: the signed bytes are the UTF-8 text of <see cref="SignedText"/>, the signature is r‖s (IEEE P1363,
/// 64 bytes) in base64.
/// </summary>
public sealed record AuditCheckpoint
{
    [JsonPropertyName("seq")] public long Seq { get; init; }
    [JsonPropertyName("entries")] public long Entries { get; init; }
    [JsonPropertyName("hash")] public string Hash { get; init; } = "";
    /// <summary>When it was signed (UTC, whole seconds).</summary>
    [JsonPropertyName("at")] public DateTimeOffset At { get; init; }
    /// <summary>SHA-256 (hex) of the log's previous line as written (UTF-8, without its line feed); 64 zeros for the first line.</summary>
    [JsonPropertyName("prev")] public string Prev { get; init; } = "";
    /// <summary>The signing key's id: SHA-256 of its public key (SPKI, DER), lower-case hex.</summary>
    [JsonPropertyName("keyId")] public string KeyId { get; init; } = "";
    [JsonPropertyName("signature")] public string Signature { get; init; } = "";

    /// <summary>The text that is signed: seven lines, each ending with a line feed.</summary>
    public string SignedText() => string.Create(CultureInfo.InvariantCulture,
        $"xinyong-audit-checkpoint/1\n{Seq}\n{Entries}\n{Hash}\n{At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\n{Prev}\n{KeyId}\n");

    /// <summary>The <see cref="Prev"/> of the first line.</summary>
    public const string First = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The <see cref="Prev"/> a line following <paramref name="line"/> carries.</summary>
    public static string PrevOf(string? line) => line is null ? First : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
}

/// <summary>A checkpoint as read from the log: its line number and text, and either the checkpoint or why the line could
/// not be read (<see cref="NotJson"/> or <see cref="WithoutHash"/>; the walk gives the words).</summary>
public sealed record AuditCheckpointLine(int Line, string Raw, AuditCheckpoint? Checkpoint, string? Unreadable)
{
    /// <summary>The line is not JSON.</summary>
    public const string NotJson = "not-json";

    /// <summary>The line carries no hash.</summary>
    public const string WithoutHash = "without-hash";
}
