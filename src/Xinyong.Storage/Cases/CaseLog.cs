using System.Data.Common;
using Dapper;
using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Cases;

/// <summary>Who took a step: an account, a subject, or the platform itself.</summary>
/// <param name="Code">The account code, <c>subject:REF</c>, or <c>platform</c>.</param>
/// <param name="Name">The name shown in the history.</param>
public sealed record Actor(string Code, string Name)
{
    /// <summary>The platform's own jobs (automatic steps).</summary>
    public static readonly Actor Platform = new(PlatformActor.Code, PlatformActor.Name);

    /// <summary>An account.</summary>
    public static Actor Of(Account a) => new(a.Code, a.Name);

    /// <summary>A credit subject acting for itself.</summary>
    public static Actor Of(SubjectRow s) => new($"subject:{s.Ref}", s.Name);
}

/// <summary>One step of a case's history.</summary>
public sealed record CaseStep
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string ActorName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Detail { get; init; }
}

/// <summary>
/// The history of objections and repairs: every step with who, when, what and why, visible to the applicant; each step
/// also enters the tamper-evident audit chain in the same transaction.
/// </summary>
public sealed class CaseLog(Database db, AuditChain audit)
{
    /// <summary>Appends a step inside the caller's transaction.</summary>
    public void Append(DbConnection c, DbTransaction tx, string caseKind, long caseId, Actor actor, string kind, string? detail, DateTimeOffset at)
    {
        c.Execute("INSERT INTO case_steps (case_kind, case_id, at, actor, actor_name, kind, detail) VALUES (@caseKind, @caseId, @at, @code, @name, @kind, @detail)",
            new { caseKind, caseId, at, code = actor.Code, name = actor.Name, kind, detail }, tx);
        audit.Append(c, tx, actor.Code, $"{caseKind}.{kind}", $"{caseKind}:{caseId}", detail);
    }

    /// <summary>The steps of a case, oldest first.</summary>
    public IReadOnlyList<CaseStep> Of(string caseKind, long caseId)
    {
        using var c = db.Open();
        return c.Query<CaseStep>("SELECT id, at, actor, actor_name AS ActorName, kind, detail FROM case_steps WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY at, id",
            new { caseKind, caseId }).ToList();
    }
}
