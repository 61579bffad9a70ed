using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Storage.Collection;

/// <summary>
/// A provider's changes to its records (Art. 38): a correction is a new version with its reason; a revocation (the
/// basis of a negative record revoked, confirmed illegal or invalid) ends publication. Nothing is ever deleted; every
/// change enters the record's history and the audit chain.
/// </summary>
public sealed class RecordChanges(Database db, CatalogSet catalog, RecordReader reader, SubjectStore subjects, AuditChain audit, TimeProvider clock,
    IEnumerable<IRecordChangeListener> listeners)
{
    /// <summary>
    /// Corrects a record: <paramref name="patch"/> (field code or label → new value, null to clear) over the current
    /// content. A provider's correction is passed on to every holder of a shared copy (<see cref="IRecordChangeListener"/>);
    /// staff correcting under a case (an upheld objection) pass it on through that case.
    /// </summary>
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
    public StoredRecord Correct(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Account actor, long recordId, IReadOnlyDictionary<string, string?> patch, string reason)
    {
        var rec = Owned(c, tx, actor, recordId);
        if (string.IsNullOrWhiteSpace(reason)) throw RecordRefusals.CorrectionWithoutReason();
        var item = catalog.Item(rec.Item)!;
        var current = RecordJson.Parse(rec.Fields);
        var values = item.Fields.Select(f => current.GetValueOrDefault(f.Code)).ToArray();
        var names = item.Fields.Select(f => f.Code).ToArray();
        foreach (var (key, value) in patch)
        {
            var i = Xinyong.Collection.RowShape.IndexOf(item, key);
            if (i < 0) throw RecordRefusals.NotAField(key, item.Code);
            var f = item.Fields[i];
            if (f.Role is FieldRole.SubjectUscc or FieldRole.SubjectIdNumber or FieldRole.SubjectCode or FieldRole.SubjectIdType or FieldRole.SubjectCategory || item.KeyFields.Contains(f.Code))
                throw RecordRefusals.KeyFieldChanged(f.Label);
            values[i] = value;
            names[i] = key;
        }
        var subject = subjects.Get(rec.SubjectId)!;
        var errors = new List<FieldError>();
        var valid = new RecordValidator(item).Validate(values, names, clock.Today(), errors,
            (KnownIdentity(subject), subject.KindValue, subject.Region));
        if (valid is null) throw RecordRefusals.CorrectionInvalid(errors);
        var (json, hash) = RecordJson.Serialize(item, valid.Values);
        if (hash == rec.ContentHash) return rec;
        var now = clock.GetUtcNow();
        RecordVersions.Replace(c, tx, rec.Id, valid, CollectionPipeline.Authority(item, valid), json, hash, rec.Provider, "correction", null, now, reason);   // the provider stays; who acted is in the event and the audit chain
        RecordVersions.Event(c, tx, rec.Id, now, "corrected", actor.Code, reason);
        audit.Append(c, tx, actor.Code, "record.correct", $"record:{rec.Id}", reason);
        PassOn(c, tx, rec with { Version = rec.Version + 1, ContentHash = hash, Fields = json }, RecordChangeKinds.Corrected, actor);
        return RecordReader.Get(c, tx, rec.Id)!;
    }

    /// <summary>Revokes a record whose basis was revoked, confirmed illegal or confirmed invalid: publication ends at once.</summary>
    public StoredRecord Revoke(Account actor, long recordId, string basis, string reason)
    {
        var rec = Owned(actor, recordId);
        if (!RevocationBasis.All.TryGetValue(basis ?? "", out var basisName))
            throw RecordRefusals.UnknownBasis();
        if (string.IsNullOrWhiteSpace(reason)) throw RecordRefusals.RevocationWithoutReason();
        if (rec.Status == RecordStatus.Revoked) throw RecordRefusals.AlreadyRevoked();
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        RecordVersions.Keep(c, tx, rec.Id, now, RevocationBasis.Note(basisName, reason));
        c.Execute("UPDATE records SET status = 'revoked', version = version + 1, changed_at = @now, received_at = @now, channel = 'revocation' WHERE id = @id",
            new { id = rec.Id, now }, tx);   // the provider stays; who acted is in the event and the audit chain
        RecordVersions.Event(c, tx, rec.Id, now, "revoked", actor.Code, RevocationBasis.Note(basisName, reason));
        audit.Append(c, tx, actor.Code, "record.revoke", $"record:{rec.Id}", $"{basis}: {reason}");
        PassOn(c, tx, rec with { Version = rec.Version + 1, Status = RecordStatus.Revoked }, RecordChangeKinds.Revoked, actor);
        tx.Commit();
        return reader.Get(rec.Id)!;
    }

    /// <summary>
    /// Stops publishing a record without changing its content: positive information the subject declined (Art. 37), or a
    /// repaired negative record (Art. 40). The record stays for the subject and the audit; the event names why.
    /// </summary>
    public void Withhold(long recordId, string actor, string kind, string reason) => SetWithheld(recordId, true, actor, kind, reason);

    /// <summary>Stops publishing a record inside the caller's transaction (a repair or an upheld objection, with its decision).</summary>
    public void Withhold(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long recordId, string actor, string kind, string reason) =>
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
    public void MarkObjection(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long recordId, bool underObjection, string actor, string detail)
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

    private void SetWithheld(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long recordId, bool withheld, string actor, string kind, string reason)
    {
        var now = clock.GetUtcNow();
        c.Execute("UPDATE records SET withheld = @withheld, changed_at = @now WHERE id = @recordId", new { recordId, withheld, now }, tx);
        RecordVersions.Event(c, tx, recordId, now, kind, actor, reason);
        audit.Append(c, tx, actor, "record." + kind, $"record:{recordId}", reason);
    }

    /// <summary>Tells the listeners of a provider's change (Art. 38, 39 (3)); a staff member's change belongs to a case.</summary>
    private void PassOn(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, StoredRecord after, string change, Account actor)
    {
        if (actor.Kind != AccountKinds.Provider) return;
        foreach (var l in listeners) l.Changed(c, tx, after, change, actor);
    }

    private StoredRecord Owned(Account actor, long recordId)
    {
        using var c = db.Open();
        return Owned(c, null, actor, recordId);
    }

    private static StoredRecord Owned(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Account actor, long recordId)
    {
        var rec = RecordReader.Get(c, tx, recordId) ?? throw RecordRefusals.NotFound(recordId);
        return RecordAccess.MayChange(actor, rec) ? rec : throw RecordAccess.ChangeRefused();
    }

    private static SubjectIdentity KnownIdentity(SubjectRow s) => s.IdType == "uscc" && Xinyong.Identifiers.Uscc.TryParse(s.Ref, out var u, out _)
        ? SubjectIdentity.Of(u)
        : SubjectIdentity.Stored(s.IdType, s.IdMasked);
}
