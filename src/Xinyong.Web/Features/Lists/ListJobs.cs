using Xinyong.Calendar;
using Xinyong.Storage.Lists;
using Xinyong.Web.Platform;

namespace Xinyong.Web.Features.Lists;

/// <summary>
/// Entries leave the list on time without an operator: every <see cref="PlatformOptions.JobInterval"/> the entries whose
/// period ended, or whose supporting record was revoked, are marked ended in the list and the audit chain. (Checks and
/// pages already disregard them from the first day they are no longer in force.)
/// </summary>
public sealed class ListJobs(ListStore lists, PlatformOptions options, TimeProvider clock, ILogger<ListJobs> log) : BackgroundService
{
    /// <summary>The actor the audit chain names.</summary>
    public const string Actor = "platform:lists-job";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.JobInterval);
        do
        {
            try
            {
                var n = lists.EndLapsed(clock.Today(), Actor);
                if (n > 0) log.LogInformation("lists: {Count} entries ended (period over or basis revoked)", n);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "lists: ending lapsed entries failed; retrying at the next interval");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
