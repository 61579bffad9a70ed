using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;

namespace Xinyong.Storage.Collection;

/// <summary>
/// Batches left "in progress" by a process that died (killed, crashed, the machine lost power). A batch in progress names
/// its owner (host, process id and the process's start time) and carries a heartbeat that the loading process renews. It
/// is abandoned when its owner is a process of this host that no longer runs, or when its heartbeat is older than the
/// lease: its provider's batch id is then freed so that the batch can be sent again, and the rows the dead attempt had
/// already committed (each chunk commits on its own) are taken over by the next attempt with that id, so the batch lands
/// exactly once and its answer counts each row once. Nothing is deleted.
/// </summary>
public static class BatchRecovery
{
    /// <summary>This process, as batches name their owner: <c>host/pid/start ticks (UTC)</c>.</summary>
    public static string Owner { get; } = OwnerOf(Environment.MachineName, Process.GetCurrentProcess());

    private static string OwnerOf(string host, Process p) =>
        $"{host}/{p.Id.ToString(CultureInfo.InvariantCulture)}/{p.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when <paramref name="owner"/> is a process of this host that is no longer running. A worker's claim
    /// of a background batch is its owner followed by <c>/</c> and the claim's own mark (<see cref="WebImportQueue"/>).</summary>
    public static bool IsDead(string? owner)
    {
        if (owner is null) return false;
        var parts = owner.Split('/');
        if (parts.Length is not (3 or 4) || parts[0] != Environment.MachineName) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
        try
        {
            using var p = Process.GetProcessById(pid);
            // The same id with another start time is another process: the owner is gone.
            return Math.Abs(p.StartTime.ToUniversalTime().Ticks - ticks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException) { return true; }            // no such process
        catch (InvalidOperationException) { return true; }    // it exited meanwhile
    }

    /// <summary>A batch in progress, as recovery sees it.</summary>
    internal sealed class InProgress
    {
        public long Id { get; init; }
        public string Provider { get; init; } = "";
        public string BatchKey { get; init; } = "";
        public string? Owner { get; init; }
        public DateTimeOffset? HeartbeatAt { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public string? Response { get; init; }
        public string Item { get; init; } = "";
    }

    /// <summary>The columns of <see cref="InProgress"/>.</summary>
    internal const string Columns = "id, provider, batch_key AS BatchKey, owner, heartbeat_at AS HeartbeatAt, received_at AS ReceivedAt, response, item";

    /// <summary>True when the batch's owner is dead or its heartbeat is older than <paramref name="lease"/>.</summary>
    internal static bool IsAbandoned(InProgress b, DateTimeOffset now, TimeSpan lease) =>
        IsDead(b.Owner) || (b.HeartbeatAt ?? b.ReceivedAt) < now - lease;

    /// <summary>Marks a batch abandoned and frees its key, unless another process did first. True when this call did.</summary>
    internal static bool Abandon(DbConnection c, long id, DateTimeOffset now) =>
        c.Execute(
            "UPDATE batches SET sent_key = batch_key, batch_key = batch_key || ':abandoned:' || CAST(id AS TEXT), finished_at = @now WHERE id = @id AND response IS NULL AND finished_at IS NULL",
            new { id, now }) == 1;

    /// <summary>Marks every abandoned batch of the store as such (at start); answers how many.</summary>
    public static int Sweep(Database db, TimeProvider clock, TimeSpan lease)
    {
        using var c = db.Open();
        var now = clock.GetUtcNow();
        var n = 0;
        // Files waiting for a background worker are not abandoned: a worker resumes them (WebImportQueue).
        foreach (var b in c.Query<InProgress>($"SELECT {Columns} FROM batches WHERE response IS NULL AND finished_at IS NULL AND spool IS NULL").ToList())
            if (IsAbandoned(b, now, lease) && Abandon(c, b.Id, now)) n++;
        return n;
    }

    /// <summary>The earlier attempts of a provider's batch id that failed or were abandoned: their rows are this attempt's.</summary>
    internal static HashSet<long> EarlierAttempts(DbConnection c, string provider, string key) =>
        c.Query<long>("SELECT id FROM batches WHERE provider = @provider AND sent_key = @key", new { provider, key }).ToHashSet();

    /// <summary>Renews a batch's heartbeat while it loads, from a timer (the reading side may wait on a slow client).</summary>
    internal sealed class Heartbeat : IDisposable
    {
        private readonly Timer _timer;

        public Heartbeat(Database db, TimeProvider clock, long batchId, string owner, TimeSpan every) =>
            _timer = new Timer(_ =>
            {
                try
                {
                    using var c = db.Open();
                    c.Execute("UPDATE batches SET heartbeat_at = @now WHERE id = @batchId AND owner = @owner AND finished_at IS NULL", new { batchId, owner, now = clock.GetUtcNow() });
                }
                catch (DbException)
                {
                    // The next beat tries again; a store that stays away fails the import itself.
                }
            }, null, every, every);

        public void Dispose() => _timer.Dispose();
    }
}
