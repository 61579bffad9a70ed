using Xinyong.Calendar;

namespace Xinyong.Cases;

/// <summary>Every published version of the deadline rules; a period uses the version in force on its start day.</summary>
public sealed class DeadlineRules(IReadOnlyList<DeadlineRuleSet> versions)
{
    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<DeadlineRuleSet> Versions { get; } = versions;

    /// <summary>The version in force on <paramref name="day"/> (the earliest one before any version took effect).</summary>
    public DeadlineRuleSet For(DateOnly day) => Versions.LastOrDefault(v => v.Effective <= day) ?? Versions[0];

    /// <summary>Loads <c>deadlines/*.yaml</c> from a rules folder.</summary>
    public static DeadlineRules Load(string rulesDirectory) => new(DeadlineFiles.LoadAll(Path.Combine(rulesDirectory, "deadlines")));
}

/// <summary>A step's due date with everything shown beside it: the rule, the period, the basis, and whether it is provisional.</summary>
/// <param name="Code">The rule's code.</param>
/// <param name="Name">The step's Chinese name.</param>
/// <param name="Start">The day the period starts from (not counted).</param>
/// <param name="WorkingDays">The period.</param>
/// <param name="Due">The last day of the period.</param>
/// <param name="Provisional">True when the period runs into a year whose arrangement is not loaded.</param>
/// <param name="Basis">The legal basis.</param>
public sealed record DueDate(string Code, string Name, DateOnly Start, int WorkingDays, DateOnly Due, bool Provisional, string Basis);

/// <summary>Computes due dates: the rules as data over the working-day calendar, with clock pauses where a rule allows them.</summary>
public sealed class DeadlineCalculator(WorkingCalendar calendar, DeadlineRules rules)
{
    /// <summary>The rules.</summary>
    public DeadlineRules Rules => rules;

    /// <summary>The due date of step <paramref name="code"/> started on <paramref name="start"/> at <paramref name="unit"/>.</summary>
    /// <param name="code">The rule code.</param>
    /// <param name="start">The start day (the period's day 0).</param>
    /// <param name="unit">The unit that must act (its published period applies where the rule allows one).</param>
    /// <param name="pauses">Clock pauses; ignored for rules that are not pausable.</param>
    /// <param name="extension">Working days added by approved extensions (the case kind limits them).</param>
    public DueDate Compute(string code, DateOnly start, string? unit = null, IReadOnlyCollection<DateRange>? pauses = null, int extension = 0)
    {
        var rule = rules.For(start).Rule(code, unit);
        if (rule.CalendarMonths is { } months)   // calendar months: no working days, pauses or extensions
            return new DueDate(rule.Code, rule.Name, start, 0, AddCalendarMonths(start, months), false, rule.Basis);
        var days = rule.WorkingDays + extension;
        var d = calendar.AddWorkingDays(start, days, rule.Pausable ? pauses : null);
        return new DueDate(rule.Code, rule.Name, start, days, d.Due, d.Provisional, rule.Basis);
    }

    /// <summary>
    /// "Within N months from day D": the day with D's number N months later, or that month's last day when it is shorter
    /// (2026-01-30 → 2026-03-30; 2026-01-31 → 2026-03-31; 2026-12-31 → 2027-02-28).
    /// </summary>
    public static DateOnly AddCalendarMonths(DateOnly start, int months) => start.AddMonths(months);
}
