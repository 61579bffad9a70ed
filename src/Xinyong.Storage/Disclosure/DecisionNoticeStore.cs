using System.Data.Common;
using Dapper;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Disclosure;

/// <summary>Persistence of 两书同达 notices: the records of a batch and those already told. The workflow is <c>DecisionNotices</c>.</summary>
public static class DecisionNoticeStore
{
    /// <summary>
    /// The ids of a batch's records that have a message of the case kind <paramref name="kind"/> already (a batch taken over
    /// after an interruption). Read first, as a set: a NOT EXISTS in the streamed read would scan, for every record, the
    /// notifications the writer adds meanwhile (PostgreSQL's anti join planned over an empty table: quadratic).
    /// </summary>
    public static HashSet<long> Told(DbConnection c, long batchId, string kind) =>
        c.Query<long>(
            "SELECT n.case_id FROM notifications n JOIN records r ON r.id = n.case_id WHERE n.case_kind = @kind AND r.batch_id = @batchId",
            new { batchId, kind }).ToHashSet();

    /// <summary>The active records of a batch of an item, as a stream (never all of them in memory).</summary>
    public static IEnumerable<StoredRecord> Active(DbConnection c, long batchId, string item) =>
        c.Query<StoredRecord>(
            $"SELECT {RecordReader.Columns} FROM records r WHERE r.batch_id = @batchId AND r.item = @item AND r.status = 'active'",
            new { batchId, item }, buffered: false);
}
