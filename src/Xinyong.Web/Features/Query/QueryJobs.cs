using Xinyong.Storage.Query;
using Xinyong.Web.Platform;

namespace Xinyong.Web.Features.Query;

/// <summary>
/// The query feature's background job, every <see cref="PlatformOptions.JobInterval"/> (and once at start): archives
/// records whose disclosure period ended (Art. 37), then lets the name index catch up on subjects created or renamed
/// by other processes (a CLI import). A failed run is logged and retried at the next interval.
/// </summary>
public sealed class QueryJobs(DisclosureArchive archive, SubjectSearch search, PlatformOptions options, ILogger<QueryJobs> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.JobInterval);
        do
        {
            RunOnce();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run of the job.</summary>
    public void RunOnce()
    {
        try
        {
            var n = archive.Run();
            if (n > 0) log.LogInformation("disclosure periods: {Count} records archived", n);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "disclosure-period archive failed; retrying at the next interval");
        }
        try
        {
            search.CatchUp();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "search index catch-up failed; retrying at the next interval");
        }
    }
}
