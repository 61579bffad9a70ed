using System.Data.Common;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Application.Collection;

/// <summary>
/// A provider's changes to its records (Art. 38): who may make them (<see cref="RecordAccess"/>), whether the change is
/// allowed (<see cref="RecordChangeRules"/>, the domain's rule and refusals), the write (<see cref="RecordChanges"/>, in
/// one transaction) and who is told: a provider's own correction or revocation is passed on to every holder of a shared
/// copy (<see cref="IRecordChangeListener"/>); staff correcting under a case (an upheld objection) pass it on through
/// that case.
/// </summary>
public sealed class RecordChangeDesk(Database db, CatalogSet catalog, RecordReader reader, SubjectStore subjects, RecordChanges changes,
    TimeProvider clock, IEnumerable<IRecordChangeListener> listeners)
{
    /// <summary>Corrects a record: <paramref name="patch"/> (field code or label → new value, null to clear) over its content.</summary>
    /// <exception cref="Refusal">NotFound, Forbidden, or Invalid (<see cref="RecordRefusals"/>).</exception>
    public StoredRecord Correct(Account actor, long recordId, IReadOnlyDictionary<string, string?> patch, string reason)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var after = Correct(c, tx, actor, recordId, patch, reason);
        tx.Commit();
        return reader.Get(after.Id)!;
    }

    /// <summary>
    /// Corrects a record inside the caller's transaction (an upheld objection corrects, decides and notifies in one);
    /// returns the record as the transaction now sees it (unchanged when the patch changes nothing).
    /// </summary>
    public StoredRecord Correct(DbConnection c, DbTransaction tx, Account actor, long recordId, IReadOnlyDictionary<string, string?> patch, string reason)
    {
        var rec = Owned(c, tx, actor, recordId);
        var subject = subjects.Get(rec.SubjectId)!;
        var change = RecordChangeRules.Correction(catalog.Item(rec.Item)!, RecordJson.Parse(rec.Fields), patch, reason, clock.Today(),
            (KnownIdentity(subject), subject.KindValue, subject.Region));
        var after = changes.Correct(c, tx, actor, rec, change);
        if (after.ContentHash != rec.ContentHash) PassOn(c, tx, after, RecordChangeKinds.Corrected, actor);
        return after;
    }

    /// <summary>Revokes a record whose basis was revoked, confirmed illegal or confirmed invalid: publication ends at once.</summary>
    /// <exception cref="Refusal">NotFound, Forbidden, Invalid or Conflict (<see cref="RecordRefusals"/>).</exception>
    public StoredRecord Revoke(Account actor, long recordId, string basis, string reason)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var rec = Owned(c, tx, actor, recordId);
        var change = RecordChangeRules.Revocation(basis, reason, rec.Status);
        var after = changes.Revoke(c, tx, actor, rec, change);
        PassOn(c, tx, after, RecordChangeKinds.Revoked, actor);
        tx.Commit();
        return reader.Get(rec.Id)!;
    }

    /// <summary>Tells the listeners of a provider's change (Art. 38, 39 (3)); a staff member's change belongs to a case.</summary>
    private void PassOn(DbConnection c, DbTransaction tx, StoredRecord after, string change, Account actor)
    {
        if (actor.Kind != AccountKinds.Provider) return;
        foreach (var l in listeners) l.Changed(c, tx, after, change, actor);
    }

    private static StoredRecord Owned(DbConnection c, DbTransaction tx, Account actor, long recordId)
    {
        var rec = RecordReader.Get(c, tx, recordId) ?? throw RecordRefusals.NotFound(recordId);
        return RecordAccess.MayChange(actor, rec) ? rec : throw RecordAccess.ChangeRefused();
    }

    private static SubjectIdentity KnownIdentity(SubjectRow s) => s.IdType == "uscc" && Xinyong.Identifiers.Uscc.TryParse(s.Ref, out var u, out _)
        ? SubjectIdentity.Of(u)
        : SubjectIdentity.Stored(s.IdType, s.IdMasked);
}
