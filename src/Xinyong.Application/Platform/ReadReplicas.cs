using Xinyong.Storage;

namespace Xinyong.Application.Platform;

/// <summary>The read replica's wiring: a stale read that falls back to the primary is logged (at most once per retry period).</summary>
public static class ReadReplicas
{
    /// <summary>Connects <paramref name="db"/>'s replica fallbacks to the platform's log; returns <paramref name="db"/>.</summary>
    public static Database Logged(Database db, IServiceProvider sp)
    {
        if (db.ReadReplica is not { } replica) return db;
        var log = sp.GetService<ILoggerFactory>()?.CreateLogger("Xinyong.ReadReplica");
        log?.LogInformation("Stale-tolerant reads go to the read replica {Replica}", replica.Display);
        db.ReplicaUnavailable = ex => log?.LogWarning("Read replica {Replica} unavailable ({Reason}): reads fall back to the primary {Primary} for {Seconds} s",
            replica.Display, ex.Message, db.Display, Database.ReplicaRetry.TotalSeconds);
        return db;
    }
}
