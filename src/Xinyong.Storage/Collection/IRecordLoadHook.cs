using System.Data.Common;
using Xinyong.Catalog;
using Xinyong.Collection;

namespace Xinyong.Storage.Collection;

/// <summary>
/// Something written with each record a batch stores new, in the load's own transaction (e.g. the 两书同达 notice to the
/// record's subject): so it commits with the record or not at all, and a batch taken over after a crash between two
/// chunks neither loses nor repeats it. The work is split where the pipeline has CPU to spare: <see cref="Prepare"/> runs
/// on the reading thread (which otherwise waits for the loader), <see cref="Inserted"/> on the loading thread inside the
/// chunk's transaction. Implemented outside Storage (a notice is the application's): the pipeline only calls it.
/// </summary>
public interface IRecordLoadHook
{
    /// <summary>Reading thread, once for each valid row: what to write with the record if it is stored new, or null for
    /// nothing. Must be pure (no I/O): the row may still be a duplicate.</summary>
    /// <param name="item">The catalog item.</param>
    /// <param name="record">The validated row.</param>
    /// <param name="publication">The record's publication as it will be stored.</param>
    object? Prepare(CatalogItem item, ValidRecord record, string publication);

    /// <summary>Loading thread, inside the chunk's transaction: the records of a slice just inserted new (not the new
    /// versions of records already held, not the rows adopted from an earlier attempt of the batch), each with what
    /// <see cref="Prepare"/> returned for it (never null).</summary>
    void Inserted(DbConnection c, DbTransaction tx, CatalogItem item, IReadOnlyList<InsertedRecord> records);

    /// <summary>After the batch is closed. <paramref name="resumed"/>: the batch took over rows of an earlier attempt,
    /// which may have been loaded without this hook (by an older version of the platform) and may need completing.</summary>
    void BatchLoaded(CatalogItem item, long batchId, bool resumed);
}

/// <summary>A record a slice inserted: its id, its subject and what the hook prepared for it.</summary>
public readonly record struct InsertedRecord(long Id, long SubjectId, object Prepared);
