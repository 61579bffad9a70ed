using Xinyong.Application.Cases;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Objections;

namespace Xinyong.Application.Objections;

/// <summary>
/// Who may act on and read an objection (Art. 35, 39): the competent unit's deciding staff and the credit agency take its
/// steps; a unit asked to help verify (its account or its staff) answers while its request is unanswered (the desk checks
/// the very request, <see cref="ObjectionDesk.MayAnswer"/>); the subject reads its own objections, staff who read the
/// handling unit read them, and so does a unit asked to help verify (<see cref="Assists"/>).
/// </summary>
public sealed class ObjectionKindRules(ObjectionStore store) : CaseKindRules
{
    /// <summary>The action of the assisting unit.</summary>
    public const string AnswerAction = "assistance-answered";

    /// <inheritdoc/>
    public override string Kind => CaseKinds.Objection;

    /// <inheritdoc/>
    public override bool MayAct(CaseActor who, CaseFile file, CaseAction? action, IReadOnlyList<CaseParty> parties) =>
        action?.Code == AnswerAction
            ? who.Account is { } a && store.Assistance(file.Id).Any(r => r.AnsweredAt is null && ObjectionDesk.MayAnswer(a, r))
            : base.MayAct(who, file, action, parties);

    /// <inheritdoc/>
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        who.SubjectId is { } s && s == file.SubjectId || base.MayRead(who, file, parties)
        || who.Account is { } a && Assists(a, store.Assistance(file.Id));

    /// <summary>
    /// Whether the account is a unit asked to help verify the objection (Art. 39), or a deciding staff member of it: it
    /// reads the objection it was asked about (a department's account, a provider's, or its staff), answered or not.
    /// </summary>
    public static bool Assists(Account a, IEnumerable<AssistanceRow> requests) =>
        requests.Any(r => r.Unit == a.Code || StaffAccess.Decides(a) && r.Unit == a.Unit);
}
