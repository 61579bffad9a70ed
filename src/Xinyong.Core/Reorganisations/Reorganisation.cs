namespace Xinyong.Reorganisations;

/// <summary>A recorded court ruling approving a reorganisation plan or settlement, with its subject.</summary>
public sealed record Reorganisation
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public long SubjectId { get; init; }
    public string SubjectRef { get; init; } = "";
    public string SubjectName { get; init; } = "";
    /// <summary>plan (重整计划) or settlement (和解协议).</summary>
    public string Kind { get; init; } = "";
    public string Court { get; init; } = "";
    public string RulingNo { get; init; } = "";
    public DateOnly RulingDate { get; init; }
    public DateOnly PlanFrom { get; init; }
    public DateOnly PlanTo { get; init; }
    /// <summary>in-force, completed or failed.</summary>
    public string Status { get; init; } = "";
    public DateOnly? EndedOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>重整计划 or 和解协议.</summary>
    public string KindName => ReorganisationTexts.KindName(Kind);

    /// <summary>Why the measures are suspended, in the words the checks show.</summary>
    public string SuspensionReason => ReorganisationTexts.SuspensionReason(Kind, Court, RulingNo, RulingDate, PlanFrom, PlanTo);
}
