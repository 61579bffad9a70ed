using Xinyong.Collection;
using Xinyong.Storage.Audit;

namespace Xinyong.Web.Features.Audit;

/// <summary>One published checkpoint: the day's last signed head of the audit chain.</summary>
public sealed record PublishedCheckpoint(DateOnly Date, long Seq, long Entries, string Hash, DateTimeOffset At, string Prev, string KeyId, string Signature, string SignedText);

/// <summary>The published checkpoints with what a third party needs to check them.</summary>
public sealed record PublishedCheckpoints(string Algorithm, string KeyId, string PublicKey, string SignedTextFormat, IReadOnlyList<PublishedCheckpoint> Checkpoints);

/// <summary>
/// The daily checkpoints of the audit chain, published so that anyone can keep them and later show that the chain was
/// not cut short or rewritten (Art. 17): <c>GET /api/v1/open/audit-checkpoints</c> (open data, no sign-in) and the page
/// <c>/audit/checkpoints</c>. Each is the day's last signed head, with the public key that checks it.
/// </summary>
public static class AuditCheckpointEndpoints
{
    /// <summary>How the signed text is made, for those who check a checkpoint with their own tools.</summary>
    public const string SignedTextFormat = "xinyong-audit-checkpoint/1\\n{seq}\\n{entries}\\n{hash}\\n{at: UTC, yyyy-MM-ddTHH:mm:ssZ}\\n{prev}\\n{keyId}\\n (UTF-8)";

    /// <summary>The algorithm of the signature.</summary>
    public const string Algorithm = "ES256: ECDSA P-256 with SHA-256 over the UTF-8 signed text; signature r||s (IEEE P1363, 64 bytes) in base64; keyId = SHA-256 of the public key's SPKI (DER), hex";

    /// <summary>The published checkpoints of the last <paramref name="days"/> days.</summary>
    public static PublishedCheckpoints Published(AuditCheckpointLog log, TimeProvider clock, int days) =>
        new(Algorithm, log.KeyId, log.PublicKeyPem, SignedTextFormat,
            log.Daily(clock.Today(), days).Select(d => new PublishedCheckpoint(d.Date, d.Checkpoint.Seq, d.Checkpoint.Entries, d.Checkpoint.Hash,
                d.Checkpoint.At, d.Checkpoint.Prev, d.Checkpoint.KeyId, d.Checkpoint.Signature, d.Checkpoint.SignedText())).ToList());

    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/open/audit-checkpoints", (int? days, AuditCheckpointLog log, TimeProvider clock) =>
        {
            var n = days ?? 30;
            if (n is < 1 or > 366)
                throw Refusal.Invalid("audit.invalid", "days须在1至366之间", [new FieldError("days", "out-of-range", "days须在1至366之间")]);
            return Results.Json(Published(log, clock, n), ApiJson.Options);
        })
        .RequireRule(AccessRules.Public)
        .WithTags("Open data")
        .WithSummary("The audit chain's daily signed checkpoints and the public key that checks them")
        .WithDescription("days (1-366, default 30). For each Beijing day, the last signed head of the audit chain: the newest entry's number (seq), how many entries the chain held (entries), its hash, when it was signed (at), the SHA-256 of the checkpoint log's line before it (prev), the signing key's id and the signature. Verify with publicKey (SPKI PEM): ECDSA P-256/SHA-256 over signedText. Keep them: a later checkpoint whose chain does not contain an earlier one shows that the chain was cut short or rewritten.")
        .Produces<PublishedCheckpoints>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
