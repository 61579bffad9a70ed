namespace Xinyong.Web.Features.Publication;

/// <summary>
/// The query feature's background job, every <see cref="PlatformOptions.JobInterval"/> (and once at start): archives
/// records whose disclosure period ended (Art. 37), then lets the name index catch up on subjects created or renamed
/// by other processes (a CLI import). Each step runs even when the other fails; a failed run is logged and retried by
/// the supervisor (<see cref="SupervisedJob"/>).
/// </summary>
public sealed class QueryJobs(Xinyong.Application.Disclosure.DisclosurePeriods archive, SubjectSearch search, JobContext context) : SupervisedJob(context)
{
    /// <inheritdoc />
    public override string Name => "disclosure-archive";

    /// <summary>One run of the job.</summary>
    public override void RunOnce()
    {
        var errors = new List<Exception>();
        try
        {
            var n = archive.Run();
            if (n > 0) Log.LogInformation("disclosure periods: {Count} records archived", n);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { errors.Add(ex); }
        try { search.CatchUp(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { errors.Add(ex); }
        if (errors.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(errors[0]).Throw();
        if (errors.Count > 1) throw new AggregateException("disclosure-period archive and search index catch-up both failed", errors);
    }
}
