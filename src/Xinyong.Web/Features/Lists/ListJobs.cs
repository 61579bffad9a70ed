using Xinyong.Storage.Lists;

namespace Xinyong.Web.Features.Lists;

/// <summary>
/// Entries leave the list on time without an operator: every <see cref="PlatformOptions.JobInterval"/> the entries whose
/// period ended, or whose supporting record was revoked, are marked ended in the list and the audit chain. (Checks and
/// pages already disregard them from the first day they are no longer in force.) Supervised: a failed run is logged and
/// retried (<see cref="SupervisedJob"/>).
/// </summary>
public sealed class ListJobs(Xinyong.Application.Lists.ListEnding lists, TimeProvider clock, JobContext context) : SupervisedJob(context)
{
    /// <summary>The actor the audit chain names.</summary>
    public const string Actor = "platform:lists-job";

    /// <inheritdoc />
    public override string Name => "lists";

    /// <inheritdoc />
    public override void RunOnce()
    {
        var n = lists.EndLapsed(clock.Today(), Actor);
        if (n > 0) Log.LogInformation("lists: {Count} entries ended (period over or basis revoked)", n);
    }
}
