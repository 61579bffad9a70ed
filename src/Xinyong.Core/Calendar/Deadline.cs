namespace Xinyong.Calendar;

/// <summary>
/// A due date computed on the PRC working-day calendar. <see cref="Provisional"/> is true when the computation ran
/// through days whose official arrangement is not loaded yet: the date then rests on the ordinary Monday-Friday week
/// and must be recomputed once the arrangement is imported.
/// </summary>
/// <param name="Due">The last day of the period: the period ends at the end of this day (Asia/Shanghai).</param>
/// <param name="Provisional">True when the result may still change with an arrangement not yet loaded.</param>
public readonly record struct Deadline(DateOnly Due, bool Provisional)
{
    /// <summary>The first instant after the period, in China Standard Time (UTC+8, no daylight saving).</summary>
    public DateTimeOffset EndsAt => new(Due.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
}

/// <summary>A closed range of dates, e.g. a pause of the clock for inspection, testing or expert review.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    /// <summary>True when <paramref name="d"/> lies within the range, both ends included.</summary>
    public bool Contains(DateOnly d) => d >= From && d <= To;
}

/// <summary>China Standard Time: every date in the regulation is a date in Beijing time.</summary>
public static class ChinaTime
{
    /// <summary>UTC+8; China has no daylight saving time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The Beijing date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's Beijing date on the given clock.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The first instant of a Beijing date.</summary>
    public static DateTimeOffset StartOf(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), Offset);
}
