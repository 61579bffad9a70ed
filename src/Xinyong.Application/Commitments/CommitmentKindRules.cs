using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Commitments;

/// <summary>
/// Who acts on and reads a commitment case: the verifying unit (its own department account, or its deciding staff) and
/// the credit agency's staff act; the accepting unit also records the 容缺 materials it receives; those who read the
/// unit's cases and the subject itself read it.
/// </summary>
public sealed class CommitmentKindRules : CaseKindRules
{
    /// <inheritdoc />
    public override string Kind => CommitmentDesk.Kind;

    /// <summary>Whether an account acts for a unit: the unit's own department account, or staff acting for it.</summary>
    public static bool ActsFor(Account a, string unit) =>
        a.Kind == AccountKinds.Department && a.Code == unit || StaffAccess.ActsFor(a, unit);

    /// <inheritdoc />
    public override bool MayAct(CaseActor who, CaseFile file, CaseAction? action, IReadOnlyList<CaseParty> parties)
    {
        if (who.Account is not { } a) return false;
        if (ActsFor(a, file.Unit)) return true;
        return action?.Code == "materials-received" && ActsFor(a, CaseContext.ReadData<CommitmentData>(file).AcceptingUnit);
    }

    /// <inheritdoc />
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        who.SubjectId is { } s && s == file.SubjectId
        || who.Account is { } a && (a.Kind == AccountKinds.Department && (a.Code == file.Unit || a.Code == CaseContext.ReadData<CommitmentData>(file).AcceptingUnit)
                                    || CaseAccess.MayRead(a, file.Unit) || CaseAccess.MayRead(a, CaseContext.ReadData<CommitmentData>(file).AcceptingUnit));
}
