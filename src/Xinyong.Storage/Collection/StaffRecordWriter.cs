using System.Data.Common;
using Dapper;
using Xinyong.Catalog;
using Xinyong.Collection;

namespace Xinyong.Storage.Collection;

/// <summary>
/// The one writer of a record that staff decide on the platform itself (a credit commitment, a list decision's record of
/// a responsible person, a supervision case's integrity record), as opposed to records collected from providers. It
/// stores a record the caller validated with <see cref="RecordValidator"/> exactly as collection stores a new one: the
/// disclosure tier and the published rule that assigned it (<c>severity</c>, <c>tier_rule</c>, <c>publication</c>,
/// the national Credit Repair Measures, <c>data/disclosure/</c>), channel <c>staff</c>, and its first event.
/// </summary>
public static class StaffRecordWriter
{
    /// <summary>Inserts the first version of <paramref name="valid"/> for <paramref name="subjectId"/> in the caller's transaction; returns its id.</summary>
    /// <param name="c">The connection.</param>
    /// <param name="tx">The caller's transaction.</param>
    /// <param name="item">The catalog item.</param>
    /// <param name="valid">The validated record.</param>
    /// <param name="subjectId">Its subject (resolved by the caller).</param>
    /// <param name="authority">The deciding unit (null: the record's authority field).</param>
    /// <param name="provider">The account that wrote it (also the actor of its first event).</param>
    /// <param name="now">The instant.</param>
    /// <param name="eventKind">The kind of its first event (e.g. <c>supervision-case</c>).</param>
    /// <param name="eventDetail">The first event's detail.</param>
    public static long Insert(DbConnection c, DbTransaction tx, CatalogItem item, ValidRecord valid, long subjectId, string? authority,
        string provider, DateTimeOffset now, string eventKind, string? eventDetail)
    {
        var (json, hash) = RecordJson.Serialize(item, valid.Values);
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO records (item, subject_id, doc_key, version, status, serious, decided_on, public_until, repair_from, withheld, region, authority,
              fields, content_hash, provider, channel, batch_id, received_at, changed_at, severity, tier_rule, publication)
            VALUES (@item, @subjectId, @key, 1, 'active', @serious, @decided, @until, @repairFrom, FALSE, @region, @authority,
              @json, @hash, @provider, 'staff', NULL, @now, @now, @severity, @tierRule, @publication)
            RETURNING id
            """,
            new
            {
                item = item.Code, subjectId, key = valid.DocKey, serious = valid.Serious, decided = valid.DecisionDate, until = valid.PublicUntil,
                repairFrom = valid.RepairFrom, region = valid.Region, authority = authority ?? CollectionPipeline.Authority(item, valid), json, hash, provider, now,
                severity = valid.Severity, tierRule = valid.TierRule, publication = RecordVersions.Publication(valid),
            }, tx);
        RecordVersions.Event(c, tx, id, now, eventKind, provider, eventDetail);
        return id;
    }
}
