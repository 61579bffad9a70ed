using System.Data.Common;
using Dapper;
using Xinyong.Collection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Collection;

/// <summary>
/// Writes the changes of a record (Art. 38): a correction is a new version with its reason; a revocation ends
/// publication; a record withheld, restored or marked under objection. Nothing is ever deleted; every change enters the
/// record's history and the audit chain. Which corrections and revocations are allowed is the domain's
/// (<see cref="RecordChangeRules"/>), who may make them and who is told is the application's
/// (<c>Application/Collection/RecordChangeDesk</c>): this store applies a change already checked, in the caller's
/// transaction.
/// </summary>
public sealed class RecordChanges(Database db, AuditChain audit, TimeProvider clock)
{
    /// <summary>
    /// Writes a checked correction of <paramref name="rec"/> (read in this transaction) as its new version; returns the
    /// record as the transaction now sees it (unchanged when the correction changes nothing).
    /// </summary>
    public StoredRecord Correct(DbConnection c, DbTransaction tx, Account actor, StoredRecord rec, CheckedCorrection change)
    {
        var valid = change.Record;
        var (json, hash) = RecordJson.Serialize(change.Item, valid.Values);
        if (hash == rec.ContentHash) return rec;
        var now = clock.GetUtcNow();
        RecordVersions.Replace(c, tx, rec.Id, valid, CollectionPipeline.Authority(change.Item, valid), json, hash, rec.Provider, "correction", null, now, change.Reason);   // the provider stays; who acted is in the event and the audit chain
        RecordVersions.Event(c, tx, rec.Id, now, "corrected", actor.Code, change.Reason);
        audit.Append(c, tx, actor.Code, "record.correct", $"record:{rec.Id}", change.Reason);
        return RecordReader.Get(c, tx, rec.Id)!;
    }

    /// <summary>Writes a checked revocation of <paramref name="rec"/>: publication ends at once. Returns the record as the transaction now sees it.</summary>
    public StoredRecord Revoke(DbConnection c, DbTransaction tx, Account actor, StoredRecord rec, CheckedRevocation change)
    {
        var now = clock.GetUtcNow();
        RecordVersions.Keep(c, tx, rec.Id, now, change.Note);
        c.Execute("UPDATE records SET status = 'revoked', version = version + 1, changed_at = @now, received_at = @now, channel = 'revocation' WHERE id = @id",
            new { id = rec.Id, now }, tx);   // the provider stays; who acted is in the event and the audit chain
        RecordVersions.Event(c, tx, rec.Id, now, "revoked", actor.Code, change.Note);
        audit.Append(c, tx, actor.Code, "record.revoke", $"record:{rec.Id}", $"{change.Basis}: {change.Reason}");
        return RecordReader.Get(c, tx, rec.Id)!;
    }

    /// <summary>
    /// Stops publishing a record without changing its content: positive information the subject declined (Art. 37), or a
    /// repaired negative record (Art. 40). The record stays for the subject and the audit; the event names why.
    /// </summary>
    public void Withhold(long recordId, string actor, string kind, string reason) => SetWithheld(recordId, true, actor, kind, reason);

    /// <summary>Stops publishing a record inside the caller's transaction (a repair or an upheld objection, with its decision).</summary>
    public void Withhold(DbConnection c, DbTransaction tx, long recordId, string actor, string kind, string reason) =>
        SetWithheld(c, tx, recordId, true, actor, kind, reason);

    /// <summary>Publishes a withheld record again (e.g. the subject withdraws its Art. 37 request).</summary>
    public void Restore(long recordId, string actor, string reason) => SetWithheld(recordId, false, actor, "restored", reason);

    /// <summary>Sets or clears the objection mark (异议标注, Art. 39) shown with the record everywhere.</summary>
    public void MarkObjection(long recordId, bool underObjection, string actor, string detail)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        MarkObjection(c, tx, recordId, underObjection, actor, detail);
        tx.Commit();
    }

    /// <summary>Sets or clears the objection mark inside the caller's transaction (with the filing or the decision).</summary>
    public void MarkObjection(DbConnection c, DbTransaction tx, long recordId, bool underObjection, string actor, string detail)
    {
        var now = clock.GetUtcNow();
        c.Execute("UPDATE records SET under_objection = @underObjection, changed_at = @now WHERE id = @recordId", new { recordId, underObjection, now }, tx);
        RecordVersions.Event(c, tx, recordId, now, underObjection ? "objection-marked" : "objection-mark-removed", actor, detail);
    }

    private void SetWithheld(long recordId, bool withheld, string actor, string kind, string reason)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        SetWithheld(c, tx, recordId, withheld, actor, kind, reason);
        tx.Commit();
    }

    private void SetWithheld(DbConnection c, DbTransaction tx, long recordId, bool withheld, string actor, string kind, string reason)
    {
        var now = clock.GetUtcNow();
        c.Execute("UPDATE records SET withheld = @withheld, changed_at = @now WHERE id = @recordId", new { recordId, withheld, now }, tx);
        RecordVersions.Event(c, tx, recordId, now, kind, actor, reason);
        audit.Append(c, tx, actor, "record." + kind, $"record:{recordId}", reason);
    }
}
