using System.Data.Common;
using Dapper;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Disclosure;

/// <summary>Persistence of 两书同达 notices: which records of a batch have no notice yet. The workflow is <c>DecisionNotices</c>.</summary>
public static class DecisionNoticeStore
{
    /// <summary>The active records of a batch of an item that have no message of the case kind <paramref name="kind"/> yet.</summary>
    public static IReadOnlyList<StoredRecord> Unnotified(DbConnection c, DbTransaction tx, long batchId, string item, string kind) =>
        c.Query<StoredRecord>(
            $"SELECT {RecordReader.Columns} FROM records r WHERE r.batch_id = @batchId AND r.item = @item AND r.status = 'active' " +
            "AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.case_kind = @kind AND n.case_id = r.id)",
            new { batchId, item, kind }, tx).ToList();
}
