using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Collection;

/// <summary>A batch a background worker claimed: its file waits in <paramref name="Spool"/>; <paramref name="Owner"/> is the
/// claim (the process and the claim's own mark), which every write of the run checks; <paramref name="Resumed"/> when an
/// earlier run of the batch was interrupted (its rows carry <see cref="WebImportQueue.InterruptedMark"/>).</summary>
public sealed record ClaimedBatch(long Id, string Provider, string Item, string Channel, string? FileName, string Spool, string Owner, bool Resumed);

/// <summary>A batch of the queue, waiting or being processed.</summary>
public sealed class QueuedBatch
{
    public long Id { get; init; }
    public string Provider { get; init; } = "";
    public string Item { get; init; } = "";
    public string Channel { get; init; } = "";
    public string? FileName { get; init; }
    public string Spool { get; init; } = "";
    public string? Owner { get; init; }
    public DateTimeOffset? HeartbeatAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// Files uploaded for background processing (the portal's upload, the API's asynchronous import): the request stores the
/// file in a spool file and the batch in the "processing" state (not finished, no owner yet), and answers at once; a worker
/// claims the batch and runs the pipeline over the file (<see cref="CollectionPipeline.ImportClaimed"/>). A batch whose
/// worker died (its process is gone, or its heartbeat is older than the lease) is claimed again and resumed: the rows the
/// interrupted run committed are first marked as that run's (<see cref="InterruptedMark"/>), and the new run takes each of
/// them over once, as a batch sent again does (<see cref="BatchRecovery"/>), so the batch lands exactly once under its id.
/// </summary>
public sealed class WebImportQueue(Database db, TimeProvider clock)
{
    /// <summary>The <c>records.batch_id</c> of rows an interrupted run of batch <paramref name="batchId"/> committed, while
    /// the run that resumes the batch has not yet taken them over (batch ids are positive: this is never a batch).</summary>
    public static long InterruptedMark(long batchId) => -batchId;

    /// <summary>Stores a new batch in the "processing" state, waiting for a worker; answers its id.</summary>
    public long Enqueue(string provider, string item, string channel, string? fileName, string spool, long fileSize, int? totalRows)
    {
        using var c = db.Open();
        return c.QuerySingle<long>(
            "INSERT INTO batches (provider, batch_key, item, channel, file_name, received_at, spool, file_size, total_rows) " +
            "VALUES (@provider, @key, @item, @channel, @fileName, @now, @spool, @fileSize, @totalRows) RETURNING id",
            new { provider, key = $"{channel}:{Guid.NewGuid():N}", item, channel, fileName, now = clock.GetUtcNow(), spool, fileSize, totalRows });
    }

    /// <summary>The batches not finished whose file waits for a worker (oldest first).</summary>
    public IReadOnlyList<QueuedBatch> Waiting()
    {
        using var c = db.Open();
        return c.Query<QueuedBatch>(
            "SELECT id, provider, item, channel, file_name AS FileName, spool, owner, heartbeat_at AS HeartbeatAt, received_at AS ReceivedAt " +
            "FROM batches WHERE spool IS NOT NULL AND finished_at IS NULL ORDER BY id").ToList();
    }

    /// <summary>
    /// Claims a waiting batch for this process: one never started, or one whose worker is dead or silent past
    /// <paramref name="lease"/>. Null when another worker holds it or claimed it first.
    /// </summary>
    public ClaimedBatch? TryClaim(QueuedBatch b, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        if (b.Owner is not null && !BatchRecovery.IsAbandoned(new BatchRecovery.InProgress { Id = b.Id, Owner = b.Owner, HeartbeatAt = b.HeartbeatAt, ReceivedAt = b.ReceivedAt }, now, lease))
            return null;
        var mine = $"{BatchRecovery.Owner}/{Guid.NewGuid():N}";
        using var c = db.Open();
        using var tx = c is Microsoft.Data.Sqlite.SqliteConnection lite ? lite.BeginTransaction(deferred: false) : c.BeginTransaction();
        // Compare-and-set on the owner seen: of two workers that saw the same owner, one wins.
        var n = c.Execute(
            "UPDATE batches SET owner = @mine, heartbeat_at = @now, rows_read = 0, accepted = 0, updated = 0, duplicates = 0, rejected = 0 " +
            "WHERE id = @id AND finished_at IS NULL AND COALESCE(owner, '') = @seen",
            new { mine, now, id = b.Id, seen = b.Owner ?? "" }, tx);
        if (n != 1) return null;
        var resumed = b.Owner is not null;
        if (resumed)
            c.Execute("UPDATE records SET batch_id = @mark WHERE batch_id = @id", new { mark = InterruptedMark(b.Id), id = b.Id }, tx);
        tx.Commit();
        return new ClaimedBatch(b.Id, b.Provider, b.Item, b.Channel, b.FileName, b.Spool, mine, resumed);
    }

    /// <summary>Ends a claimed batch that could not be completed, with the reason for its provider (Chinese), while the
    /// claim holds. True when this call ended it.</summary>
    public bool Fail(ClaimedBatch b, string error)
    {
        using var c = db.Open();
        return c.Execute("UPDATE batches SET finished_at = @now, error = @error, spool = NULL WHERE id = @id AND owner = @owner AND finished_at IS NULL",
            new { now = clock.GetUtcNow(), error, id = b.Id, owner = b.Owner }) == 1;
    }

    /// <summary>Forgets the spool file of a finished batch (the caller deletes the file).</summary>
    public void Finished(ClaimedBatch b)
    {
        using var c = db.Open();
        c.Execute("UPDATE batches SET spool = NULL WHERE id = @id AND finished_at IS NOT NULL", new { id = b.Id });
    }

    /// <summary>The spool files that batches still need.</summary>
    public IReadOnlySet<string> SpoolsInUse()
    {
        using var c = db.Open();
        return c.Query<string>("SELECT spool FROM batches WHERE spool IS NOT NULL AND finished_at IS NULL").ToHashSet(StringComparer.Ordinal);
    }
}
