namespace Xinyong.Storage.Cases;

/// <summary>
/// What every application of a subject (an objection, a repair) stores about itself: who it concerns, who applied and
/// how, its status and the decision. A kind's row adds its own columns.
/// </summary>
public abstract record ApplicationRow
{
    public long Id { get; init; }
    public long SubjectId { get; init; }
    public string ApplicantName { get; init; } = "";
    public string ApplicantContact { get; init; } = "";
    /// <summary>online or paper.</summary>
    public string Channel { get; init; } = "";
    public string FiledBy { get; init; } = "";
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecisionReasons { get; init; }
}
