using System.Data.Common;
using Dapper;
using Xinyong.Collection;

namespace Xinyong.Storage.Collection;

/// <summary>Writing a new version of a record: the current one moves to <c>record_versions</c> with the reason; nothing is lost.</summary>
public static class RecordVersions
{
    /// <summary>Keeps the current version and replaces it with <paramref name="rec"/>.</summary>
    public static void Replace(DbConnection c, DbTransaction tx, long id, ValidRecord rec, string? authority, string json, string hash,
        string provider, string channel, long? batchId, DateTimeOffset now, string reason)
    {
        Keep(c, tx, id, now, reason);
        c.Execute(
            """
            UPDATE records SET version = version + 1, fields = @json, content_hash = @hash, serious = @serious, decided_on = @decided,
              public_until = @until, repair_from = @repairFrom, region = @region, authority = @authority, provider = @provider,
              channel = @channel, batch_id = @batchId, received_at = @now, changed_at = @now, severity = @severity, tier_rule = @tierRule,
              publication = CASE WHEN publication = 'held' THEN 'held' ELSE @publication END
            WHERE id = @id
            """,
            new
            {
                id, json, hash, serious = rec.Serious, decided = rec.DecisionDate, until = rec.PublicUntil, repairFrom = rec.RepairFrom,
                region = rec.Region, authority, provider, channel, batchId, now, severity = rec.Severity, tierRule = rec.TierRule,
                publication = Publication(rec),
            }, tx);
    }

    /// <summary>The <c>records.publication</c> of a new record: published, or not-published (minor information).</summary>
    public static string Publication(ValidRecord rec) => (rec.Published ? RecordPublication.Published : RecordPublication.NotPublished).Code;

    /// <summary>Copies the current version into <c>record_versions</c>, superseded now for <paramref name="reason"/>.</summary>
    public static void Keep(DbConnection c, DbTransaction tx, long id, DateTimeOffset now, string reason) =>
        c.Execute(
            """
            INSERT INTO record_versions (record_id, version, status, fields, content_hash, provider, channel, batch_id, received_at, superseded_at, reason)
            SELECT id, version, status, fields, content_hash, provider, channel, batch_id, received_at, @now, @reason FROM records WHERE id = @id
            """, new { id, now, reason }, tx);

    /// <summary>Adds an event to a record's history.</summary>
    public static void Event(DbConnection c, DbTransaction tx, long recordId, DateTimeOffset at, string kind, string actor, string? detail) =>
        c.Execute("INSERT INTO record_events (record_id, at, kind, actor, detail) VALUES (@recordId, @at, @kind, @actor, @detail)",
            new { recordId, at, kind, actor, detail }, tx);
}
