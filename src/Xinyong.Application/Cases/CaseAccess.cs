using Xinyong.Cases;
using Xinyong.Storage.Accounts;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>
/// Who may act on and read a case (objection, repair): the one rule for cases. A case's steps are taken by staff who
/// act for its handling unit (that unit's deciding staff, or the credit agency's); it is read by them, by auditors and
/// the authority, by its subject, and (objections) by a unit asked to help verify.
/// </summary>
public static class CaseAccess
{
    /// <summary>Whether the account takes the handling unit's steps.</summary>
    public static bool MayAct(Account a, string handlingUnit) => StaffAccess.ActsFor(a, handlingUnit);

    /// <summary>Whether a staff account reads the handling unit's cases.</summary>
    public static bool MayRead(Account a, string handlingUnit) => StaffAccess.ReadsFor(a, handlingUnit);

    /// <summary>The refusal of a step.</summary>
    public static Refusal Refused(string unitName, string unit) =>
        Refusal.Forbidden("case.forbidden", $"该案件由{unitName}（{unit}）办理，只有其办理人员和公共信用工作机构可以办理");
}
