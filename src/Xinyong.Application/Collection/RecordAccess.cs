using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Publication;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;

namespace Xinyong.Application.Collection;

/// <summary>
/// Who may change and read a credit record: the one rule for records, used by the API, the pages and the desks.
/// A record is changed (corrected, revoked, Art. 38) only by the provider unit that sent it, or by staff who act for
/// that unit (its own deciding staff, the credit agency's); its provider never changes by a correction or revocation.
/// A full record (every field unmasked, every version) is read by the same accounts and by staff who read that unit's
/// cases (auditors, the authority). Departments read a shared record masked (Art. 22); institutions read a record of
/// an item the subject authorized them for, masked (Art. 23-24). Every read enters the subject's access log (Art. 35).
/// </summary>
public static class RecordAccess
{
    /// <summary>The unit competent for a record: the provider unit that sent it.</summary>
    public static string CompetentUnit(StoredRecord r) => r.Provider;

    /// <summary>Whether the account may correct or revoke the record.</summary>
    public static bool MayChange(Account a, StoredRecord r) =>
        a.Kind == AccountKinds.Provider && a.Code == r.Provider || StaffAccess.ActsFor(a, CompetentUnit(r));

    /// <summary>Whether the account may read the full record with its versions.</summary>
    public static bool MayReadFull(Account a, StoredRecord r) => MayChange(a, r) || StaffAccess.ReadsFor(a, CompetentUnit(r));

    /// <summary>
    /// How the account may read the record: in full (<see cref="MayReadFull"/>); shared to a department for its duties
    /// (Art. 22: the item is shared with it and the record in force); under the subject's valid authorization of the
    /// item to an institution (Art. 23-24); or not at all.
    /// </summary>
    /// <param name="a">The reader.</param>
    /// <param name="r">The record.</param>
    /// <param name="item">The record's catalog item (null: not in the catalog).</param>
    /// <param name="today">Today (Beijing).</param>
    /// <param name="authorizedItems">For an institution: the items of the subject's valid authorization to it, or null.</param>
    public static RecordRead ReadOf(Account a, StoredRecord r, CatalogItem? item, DateOnly today, IReadOnlySet<string>? authorizedItems)
    {
        if (MayReadFull(a, r)) return RecordRead.Full;
        if (item is null) return RecordRead.None;
        var state = r.State;
        if (a.Kind == AccountKinds.Department && Sharing.IsShared(item, a.Items) && Sharing.Sees(item, state, today, a.Items)) return RecordRead.Shared;
        if (a.Kind == AccountKinds.Institution && authorizedItems is not null && authorizedItems.Contains(item.Code)
            && AuthorizedQuery.Sees(item, state, today, authorizedItems)) return RecordRead.Authorized;
        return RecordRead.None;
    }

    /// <summary>The refusal of a change.</summary>
    public static Refusal ChangeRefused() =>
        RecordRefusals.ChangeRefused();
}

/// <summary>How an account reads a record (<see cref="RecordAccess.ReadOf"/>).</summary>
public enum RecordRead
{
    /// <summary>Not at all.</summary>
    None,
    /// <summary>Every field unmasked, with its versions and history: the provider and the staff of its unit.</summary>
    Full,
    /// <summary>Masked, shared to a department for its duties (Art. 22).</summary>
    Shared,
    /// <summary>Masked, under the subject's authorization to an institution (Art. 23-24).</summary>
    Authorized,
}
