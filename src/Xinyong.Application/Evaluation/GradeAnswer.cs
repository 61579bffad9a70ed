using Xinyong.Calendar;
using Xinyong.Storage.Evaluation;

namespace Xinyong.Application.Evaluation;

/// <summary>A subject's comprehensive credit evaluation (Art. 47) as the API and the command line answer it: the grade,
/// the model version and each indicator with its points and the records and list entries it counted.</summary>
public sealed record GradeAnswer(
    string Subject, string Grade, string GradeName, decimal Score, string Model, DateTimeOffset GradedAt,
    IReadOnlyList<IndicatorAnswer> Indicators)
{
    /// <summary>The answer for the stored grade <paramref name="g"/> of <paramref name="subject"/>.</summary>
    public static GradeAnswer Of(string subject, StoredGrade g) => new(
        subject, g.Result.Grade, g.Result.GradeName, g.Result.Score, g.Result.Model, g.GradedAt.ToOffset(ChinaTime.Offset),
        g.Result.Indicators.Select(i => new IndicatorAnswer(i.Code, i.Name, i.Points, i.Rule, i.Records, i.ListEntries)).ToList());
}

/// <summary>One indicator of a <see cref="GradeAnswer"/>.</summary>
public sealed record IndicatorAnswer(string Code, string Name, decimal Points, string Rule, IReadOnlyList<long> Records, IReadOnlyList<long> ListEntries);
