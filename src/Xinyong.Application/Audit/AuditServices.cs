using Xinyong.Calendar;
using Xinyong.Storage.Audit;
using Xinyong.Application.Platform;

namespace Xinyong.Application.Audit;

/// <summary>The audit chain's services: its key ring and checkpoint log in the keys folder, and the chain.</summary>
public static class AuditServices
{
    /// <summary>The ring of HMAC keys (one JSON line per key, mode 0600).</summary>
    public const string KeyRingFile = "audit-hmac.keys";

    /// <summary>The checkpoint signing key (ECDSA P-256, PKCS#8 PEM, mode 0600).</summary>
    public const string CheckpointKeyFile = "audit-checkpoint.pem";

    /// <summary>The append-only log of signed checkpoints (one JSON line each).</summary>
    public const string CheckpointLogFile = "audit-checkpoints.jsonl";

    /// <summary>The chain of <paramref name="db"/> under the keys folder of <paramref name="secrets"/>, outside a service
    /// container (a restore verifies the store it has just written with the keys restored beside it).</summary>
    public static AuditChain ChainOf(Xinyong.Storage.Database db, Secrets secrets, TimeProvider clock) =>
        new(db, clock, AuditKeyRing.LoadOrCreate(secrets.PathOf(KeyRingFile), clock),
            AuditCheckpointLog.Open(secrets.PathOf(CheckpointKeyFile), secrets.PathOf(CheckpointLogFile)));

    /// <summary>Registers the key ring, the checkpoint log and the chain for the keys folder of <paramref name="secrets"/>.</summary>
    public static IServiceCollection AddAuditChain(this IServiceCollection s, Secrets secrets, TimeProvider clock)
    {
        s.AddSingleton(_ => AuditKeyRing.LoadOrCreate(secrets.PathOf(KeyRingFile), clock));
        s.AddSingleton(_ => AuditCheckpointLog.Open(secrets.PathOf(CheckpointKeyFile), secrets.PathOf(CheckpointLogFile)));
        s.AddSingleton<AuditChain>();
        return s;
    }
}
