using Xinyong.Calendar;
using Xinyong.Storage.Audit;
using Xinyong.Web.Platform;

namespace Xinyong.Web.Features.Audit;

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

/// <summary>
/// Signs the chain's head outside the database: at start, then every half minute when entries were appended, and once
/// each Beijing day (the published daily checkpoint). Nothing is signed over a chain that does not verify; that is logged
/// as an error and shown at <c>/staff/audit</c>.
/// </summary>
public sealed class AuditCheckpointService(AuditChain chain, TimeProvider clock, ILogger<AuditCheckpointService> log) : BackgroundService
{
    /// <summary>How often the service looks for new entries.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        DateOnly? signedOn = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (signedOn is not null && signedOn == clock.Today() && !chain.HasUncheckpointedAppends) continue;
            try
            {
                var w = chain.WriteCheckpoint();
                if (w.Verification.Valid) signedOn = clock.Today();
                else log.LogError("audit chain does not verify ({Code}: {Reason}); no checkpoint signed", w.Verification.Code, w.Verification.Reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "audit checkpoint failed; retrying in {Interval}", Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
