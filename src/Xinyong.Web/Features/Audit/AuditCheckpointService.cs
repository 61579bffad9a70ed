using Xinyong.Storage.Audit;

namespace Xinyong.Web.Features.Audit;

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
