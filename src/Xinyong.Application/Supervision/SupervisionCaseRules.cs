using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Supervision;

namespace Xinyong.Application.Supervision;

/// <summary>
/// Who may act on and read a supervision case (SM Art. 4, 17, 18, 25). The staff of the competent authority (staff
/// accounts with the <c>authority</c> role and the authority's division code as their region) handle it; the authority
/// of a level above takes the SM Art. 25 actions (order it accepted, take it over, order it handled again); the
/// respondent's own account only answers (SM Art. 18: the case is never handed to it), and no staff member of the
/// respondent's own unit handles it.
/// </summary>
public sealed class SupervisionCaseRules(SupervisionRules rules) : CaseKindRules
{
    /// <summary>The kind code.</summary>
    public const string KindCode = "supervision";

    /// <summary>The actions only an authority above the case's own may take (SM Art. 25).</summary>
    public static readonly IReadOnlySet<string> SuperiorActions = new HashSet<string> { "order-accept", "take-over", "order-redo" };

    /// <inheritdoc />
    public override string Kind => KindCode;

    /// <summary>The authority a staff account works for, or null (not authority staff, or no known region).</summary>
    public Authority? AuthorityOf(Account? a) =>
        a is { Kind: AccountKinds.Staff, Role: StaffRoles.Authority } ? rules.Authority(a.Region) : null;

    /// <summary>Whether the account is the respondent, or staff of the respondent's own unit (never a handler).</summary>
    public static bool IsRespondentSide(Account a, IReadOnlyList<CaseParty> parties) =>
        parties.Any(p => p.Role == "respondent" && p.Account is { } r && (r == a.Code || r == a.Unit));

    /// <inheritdoc />
    public override bool MayAct(CaseActor who, CaseFile file, CaseAction? action, IReadOnlyList<CaseParty> parties)
    {
        if (who.Account is not { } a) return false;
        if (action?.Code == "answer") return parties.Any(p => p.Role == "respondent" && p.Account == a.Code);
        if (IsRespondentSide(a, parties)) return false;
        var mine = AuthorityOf(a);
        var owner = rules.AuthorityOfUnit(file.Unit);
        if (mine is null || owner is null) return false;
        if (action is not null && SuperiorActions.Contains(action.Code)) return mine.Region != owner.Region && rules.IsAtOrAbove(mine, owner);
        return mine.Region == owner.Region;
    }

    /// <inheritdoc />
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties)
    {
        if (who.Account is not { } a) return false;
        if (parties.Any(p => p.Account == a.Code)) return true;   // the respondent, the reporting station or supervisor
        if (a.Kind == AccountKinds.Staff && (StaffAccess.IsAgency(a) || a.Role == StaffRoles.Auditor)) return true;
        var mine = AuthorityOf(a);
        var owner = rules.AuthorityOfUnit(file.Unit);
        return mine is not null && owner is not null && rules.IsAtOrAbove(mine, owner);
    }
}
