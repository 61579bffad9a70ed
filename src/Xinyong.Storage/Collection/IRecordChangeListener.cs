using System.Data.Common;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Publication;

namespace Xinyong.Storage.Collection;

/// <summary>
/// Something that acts, inside the change's transaction, when a provider changes a record it holds: a correction (a
/// new version, Art. 38 (1)), a resubmission with changed content, or a revocation of its basis (Art. 38 (3)). Changes
/// that a case makes (an upheld objection, a completed repair) are passed on by that case, not through this hook.
/// </summary>
public interface IRecordChangeListener
{
    /// <summary>Reacts to the change of a record.</summary>
    /// <param name="c">The connection of the change.</param>
    /// <param name="tx">The change's transaction: what the listener writes commits with the change.</param>
    /// <param name="record">The record as it is after the change.</param>
    /// <param name="change"><see cref="RecordChangeKinds.Corrected"/> or <see cref="RecordChangeKinds.Revoked"/>.</param>
    /// <param name="provider">The provider that changed it.</param>
    void Changed(DbConnection c, DbTransaction tx, StoredRecord record, string change, Account provider);
}

/// <summary>How a record changed.</summary>
public static class RecordChangeKinds
{
    /// <summary>The record has a new version.</summary>
    public const string Corrected = "corrected";
    /// <summary>The record's basis was revoked, confirmed illegal or invalid: it is no longer published.</summary>
    public const string Revoked = "revoked";
    /// <summary>The record is no longer published (withheld after an upheld objection or a repair).</summary>
    public const string Withheld = "withheld";
}
