using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Repairs;

/// <summary>
/// Who may act on and read a credit repair application (Art. 40): the handling unit's deciding staff (the deciding unit
/// or the credit agency) take its steps; the subject reads its own applications, staff who read the handling unit read them.
/// </summary>
public sealed class RepairKindRules : CaseKindRules
{
    /// <inheritdoc/>
    public override string Kind => CaseKinds.Repair;

    /// <inheritdoc/>
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        who.SubjectId is { } s && s == file.SubjectId || base.MayRead(who, file, parties);
}
