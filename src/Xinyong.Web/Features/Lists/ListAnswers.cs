using Xinyong.Measures;

namespace Xinyong.Web.Features.Lists;

/// <summary>The published measures of a version (Art. 31), as the API and the portal show them, with the versions
/// published for later dates.</summary>
public sealed record MeasuresAnswer(
    string Version, DateOnly Effective, string PublishedBy, IReadOnlyList<Scenario> Scenarios, IReadOnlyList<MeasureAnswer> Measures,
    IReadOnlyList<UpcomingMeasures> Upcoming)
{
    /// <summary>The answer for <paramref name="v"/> and the <paramref name="upcoming"/> versions.</summary>
    public static MeasuresAnswer Of(MeasuresVersion v, IReadOnlyList<MeasuresVersion> upcoming) => new(
        v.Version, v.Effective, v.PublishedBy, v.Scenarios,
        v.Measures.Select(m => new MeasureAnswer(
            m.Code, m.Kind.Code(), m.Source.Chinese(), m.Name, m.Scenarios, m.Basis, m.Period.Text, m.Period.Months,
            new MeasureTriggerAnswer(m.Triggers.Lists, m.Triggers.Items, m.Triggers.SeriousOnly),
            new MeasureUnlessAnswer(m.Unless.Lists, m.Unless.Items), m.SubjectKinds)).ToList(),
        upcoming.Select(u => new UpcomingMeasures(u.Version, u.Effective)).ToList());
}

/// <summary>One measure of a <see cref="MeasuresAnswer"/>: what the department does, where, on what basis, for how long,
/// and what calls for it or rules it out.</summary>
public sealed record MeasureAnswer(
    string Code, string Kind, string List, string Name, IReadOnlyList<string> Scenarios, string Basis, string Period, int? PeriodMonths,
    MeasureTriggerAnswer Triggers, MeasureUnlessAnswer Unless, IReadOnlyList<string> SubjectKinds);

/// <summary>What calls for a measure.</summary>
public sealed record MeasureTriggerAnswer(IReadOnlyList<string> Lists, IReadOnlyList<string> Items, bool SeriousOnly);

/// <summary>What rules a measure out.</summary>
public sealed record MeasureUnlessAnswer(IReadOnlyList<string> Lists, IReadOnlyList<string> Items);

/// <summary>A measures version published for a later date.</summary>
public sealed record UpcomingMeasures(string Version, DateOnly Effective);

/// <summary>A page of a credit list as published.</summary>
public sealed record ListPage(string List, string Name, int Page, bool More, IReadOnlyList<ListDecisionView?> Entries);

/// <summary>The id of what was just decided (201).</summary>
public sealed record CreatedId(long Id);
