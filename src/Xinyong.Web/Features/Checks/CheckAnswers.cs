using System.Text.Json.Serialization;
using Xinyong.Application.Evaluation;
using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;

namespace Xinyong.Web.Features.Checks;

/// <summary>The answer of a check (Art. 43-44): the published measures that apply to the subject in the scenario, and
/// those lifted while a court-approved reorganisation plan or settlement is in force (国办发〔2025〕22号).</summary>
/// <param name="CheckId">The check's number, for the department's feedback.</param>
/// <param name="Subject">The subject's identifier as asked.</param>
/// <param name="Scenario">The scenario code (licensing, procurement, funding, …).</param>
/// <param name="CheckedAt">When the check was answered.</param>
/// <param name="MeasuresVersion">The version of the measures list the answer was drawn from.</param>
/// <param name="Measures">The measures that apply, each with its basis.</param>
/// <param name="Suspended">The measures lifted by a reorganisation plan in force; null otherwise.</param>
public record CheckResultAnswer(
    string CheckId, string Subject, string Scenario, DateTimeOffset CheckedAt, string MeasuresVersion,
    IReadOnlyList<CheckMeasure> Measures, SuspendedMeasures? Suspended)
{
    /// <summary>The answer of <paramref name="a"/>.</summary>
    public static CheckResultAnswer Of(CheckAnswer a) => new(
        a.CheckId, a.Result.Subject, a.Result.Scenario.Code, a.CheckedAt.ToOffset(ChinaTime.Offset), a.Result.Version.Version,
        a.Result.Measures.Select(m => new CheckMeasure(m.Measure.Code, m.Measure.Kind.Code(), m.Measure.Name, m.Measure.Basis, m.Measure.Period.Text, m.Until, m.TriggeredBy)).ToList(),
        a.Result.Suspension is not { } s ? null : new SuspendedMeasures(s.CaseId, s.Number, s.Reason, s.PlanTo,
            s.Measures.Select(m => new SuspendedMeasure(m.Measure.Code, m.Measure.Kind.Code(), m.Measure.Name, "suspended", m.TriggeredBy)).ToList()));
}

/// <summary>The answer of a check in the supervision scenario: with the subject's grade (Art. 48: inspect by grade); the
/// grade is null for a subject the platform does not hold.</summary>
public sealed record GradedCheckAnswer(
    string CheckId, string Subject, string Scenario, DateTimeOffset CheckedAt, string MeasuresVersion,
    IReadOnlyList<CheckMeasure> Measures, SuspendedMeasures? Suspended, [property: JsonPropertyOrder(1)] GradeAnswer? Grade)
    : CheckResultAnswer(CheckId, Subject, Scenario, CheckedAt, MeasuresVersion, Measures, Suspended)
{
    /// <summary>The answer <paramref name="a"/> with <paramref name="grade"/>.</summary>
    public static GradedCheckAnswer Of(CheckResultAnswer a, GradeAnswer? grade) =>
        new(a.CheckId, a.Subject, a.Scenario, a.CheckedAt, a.MeasuresVersion, a.Measures, a.Suspended, grade);
}

/// <summary>A measure that applies: its code, kind (incentive, constraint, punishment), name, basis, period, the last
/// day it applies and the list entries and records that call for it.</summary>
public sealed record CheckMeasure(string Code, string Kind, string Name, string Basis, string Period, DateOnly? Until, IReadOnlyList<Trigger> TriggeredBy);

/// <summary>The measures lifted while a reorganisation plan is in force, with the case that lifts them.</summary>
public sealed record SuspendedMeasures(long Reorganisation, string Number, string Reason, DateOnly Until, IReadOnlyList<SuspendedMeasure> Measures);

/// <summary>A measure lifted by a reorganisation plan (status <c>suspended</c>).</summary>
public sealed record SuspendedMeasure(string Code, string Kind, string Name, string Status, IReadOnlyList<Trigger> TriggeredBy);

/// <summary>What a department reported after a check (奖惩结果反馈).</summary>
public sealed record FeedbackAnswer(string CheckId, DateTimeOffset FeedbackAt, IReadOnlyList<string> Applied, string Outcome, string? Reference)
{
    /// <summary>The answer for <paramref name="f"/>.</summary>
    public static FeedbackAnswer Of(Feedback f) => new(f.CheckId, f.At.ToOffset(ChinaTime.Offset), f.Applied, f.Outcome, f.Reference);
}
