using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>Who takes a case action: the history's actor, and the account or subject behind it (either may be null).</summary>
/// <param name="Actor">The actor as recorded in the history.</param>
/// <param name="Account">The signed-in account, if any.</param>
/// <param name="SubjectId">The signed-in credit subject, if any.</param>
public sealed record CaseActor(Actor Actor, Account? Account, long? SubjectId = null)
{
    /// <summary>An account acting.</summary>
    public static CaseActor Of(Account a) => new(Actor.Of(a), a);

    /// <summary>The platform's own jobs.</summary>
    public static readonly CaseActor Platform = new(Actor.Platform, null);
}

/// <summary>
/// What a case kind's domain adds to its declaration in <c>data/cases</c>: who may act on and read its cases. One class
/// per kind, registered in the service collection; a kind without one uses these defaults (the handling unit's deciding
/// staff and the credit agency act, <see cref="CaseAccess"/>; staff who read the unit read).
/// </summary>
public abstract class CaseKindRules
{
    /// <summary>The kind code (as in its data file).</summary>
    public abstract string Kind { get; }

    /// <summary>Whether <paramref name="who"/> may take <paramref name="action"/> (null: pause, resume, extend, attach) on the case.</summary>
    public virtual bool MayAct(CaseActor who, CaseFile file, CaseAction? action, IReadOnlyList<CaseParty> parties) =>
        who.Account is { } a && CaseAccess.MayAct(a, file.Unit);

    /// <summary>Whether <paramref name="who"/> may read the case.</summary>
    public virtual bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        who.Account is { } a && CaseAccess.MayRead(a, file.Unit);
}

/// <summary>The defaults, for a kind without a domain class of its own.</summary>
internal sealed class DefaultCaseKindRules(string kind) : CaseKindRules
{
    public override string Kind => kind;
}
