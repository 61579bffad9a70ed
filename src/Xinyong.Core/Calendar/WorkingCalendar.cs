using System.Collections.Frozen;
using System.Globalization;

namespace Xinyong.Calendar;

/// <summary>A day that differs from the ordinary Monday-Friday week in an official arrangement.</summary>
/// <param name="Date">The day.</param>
/// <param name="Working">True for a weekend day made a working day (调休); false for a holiday or moved rest day.</param>
/// <param name="Holiday">The holiday block it belongs to (元旦, 春节, 国庆节 …).</param>
public sealed record SpecialDay(DateOnly Date, bool Working, string Holiday);

/// <summary>The State Council arrangement of one year: the special days it lists (some may fall in late December of
/// the year before, e.g. a working Saturday for the New Year holiday).</summary>
public sealed record YearArrangement(int Year, IReadOnlyList<SpecialDay> Days);

/// <summary>What the calendar says about one date.</summary>
/// <param name="Date">The date.</param>
/// <param name="WorkingDay">True for a working day.</param>
/// <param name="Holiday">The holiday block when the date is a holiday or moved rest day; otherwise null.</param>
/// <param name="AdjustedFor">For a weekend day made a working day, the holiday it was moved for; otherwise null.</param>
/// <param name="Provisional">True when the date's arrangement is not loaded and the answer rests on the ordinary week.</param>
public readonly record struct DayStatus(DateOnly Date, bool WorkingDay, string? Holiday, string? AdjustedFor, bool Provisional);

/// <summary>
/// The PRC working-day calendar: Monday-Friday, minus the statutory holidays and moved rest days, plus
/// the weekend days made working days, as the State Council publishes them year by year. Immutable; built from the
/// data files under <c>data/calendar/</c> (see <see cref="CalendarFiles"/>).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, SpecialDay> _special;
    private readonly FrozenSet<int> _loaded;
    private readonly int _reachBackMonth;
    private readonly int _reachBackDay;

    /// <summary>Builds a calendar from loaded arrangements.</summary>
    /// <param name="arrangements">One per loaded year.</param>
    /// <param name="nextYearReachesBackTo">From this month-day on, a date also depends on the next year's arrangement
    /// (history: 2018-12-29 was a working Saturday of the 2019 arrangement). Default 12-29.</param>
    public WorkingCalendar(IEnumerable<YearArrangement> arrangements, (int Month, int Day)? nextYearReachesBackTo = null)
    {
        var list = arrangements.ToList();
        _loaded = list.Select(a => a.Year).ToFrozenSet();
        _special = list.SelectMany(a => a.Days).ToFrozenDictionary(d => d.Date);
        (_reachBackMonth, _reachBackDay) = nextYearReachesBackTo ?? (12, 29);
        Arrangements = list.OrderBy(a => a.Year).ToList();
    }

    /// <summary>The loaded arrangements, by year.</summary>
    public IReadOnlyList<YearArrangement> Arrangements { get; }

    /// <summary>The years whose arrangement is loaded.</summary>
    public IReadOnlySet<int> LoadedYears => _loaded;

    /// <summary>True when the official arrangements that can affect <paramref name="date"/> are all loaded.</summary>
    public bool IsSettled(DateOnly date) =>
        _loaded.Contains(date.Year) &&
        (date < new DateOnly(date.Year, _reachBackMonth, _reachBackDay) || _loaded.Contains(date.Year + 1));

    /// <summary>Whether <paramref name="date"/> is a working day, with the holiday's name.</summary>
    public DayStatus Describe(DateOnly date)
    {
        var provisional = !IsSettled(date);
        if (_special.TryGetValue(date, out var s))
            return s.Working
                ? new DayStatus(date, true, null, s.Holiday, provisional)
                : new DayStatus(date, false, s.Holiday, null, provisional);
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return new DayStatus(date, !weekend, null, null, provisional);
    }

    /// <summary>True when <paramref name="date"/> is a working day (on the ordinary week where nothing is loaded).</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _special.TryGetValue(date, out var s) ? s.Working : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// "Within <paramref name="workingDays"/> working days from <paramref name="start"/>": the N-th working day after
    /// the start day (the start day itself does not count). Working days inside <paramref name="pauses"/> (inspection,
    /// testing, quarantine, appraisal, expert review, mediation, suspension) do not count. N = 0 gives the start day.
    /// </summary>
    public Deadline AddWorkingDays(DateOnly start, int workingDays, IReadOnlyCollection<DateRange>? pauses = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var d = start;
        var provisional = false;
        var counted = 0;
        while (counted < workingDays)
        {
            d = d.AddDays(1);
            if (!IsSettled(d)) provisional = true;
            if (!IsWorkingDay(d)) continue;
            if (pauses is { Count: > 0 } && pauses.Any(p => p.Contains(d))) continue;
            counted++;
        }
        return new Deadline(d, provisional);
    }

    /// <summary>The number of working days in (<paramref name="from"/>, <paramref name="to"/>]: the inverse of
    /// <see cref="AddWorkingDays"/>. Negative when <paramref name="to"/> precedes <paramref name="from"/>.</summary>
    public (int WorkingDays, bool Provisional) WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            var (n, p) = WorkingDaysBetween(to, from);
            return (-n, p);
        }
        var count = 0;
        var provisional = false;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (!IsSettled(d)) provisional = true;
            if (IsWorkingDay(d)) count++;
        }
        return (count, provisional);
    }

    /// <summary>
    /// A period of calendar months (e.g. the two months of Art. 46), as the Civil Code counts it (Art. 201-203): it ends
    /// on the corresponding day of the last month, or that month's last day when there is none; when that day is a
    /// statutory rest day the period ends on the first working day after it.
    /// </summary>
    public Deadline AddCalendarMonths(DateOnly start, int months)
    {
        var end = start.AddMonths(months);
        var provisional = !IsSettled(end);
        while (!IsWorkingDay(end))
        {
            end = end.AddDays(1);
            if (!IsSettled(end)) provisional = true;
        }
        return new Deadline(end, provisional);
    }

    /// <summary>A period of calendar days, rolled to the next working day when it ends on a rest day (Civil Code Art. 203).</summary>
    public Deadline AddCalendarDays(DateOnly start, int days)
    {
        var end = start.AddDays(days);
        var provisional = !IsSettled(end);
        while (!IsWorkingDay(end))
        {
            end = end.AddDays(1);
            if (!IsSettled(end)) provisional = true;
        }
        return new Deadline(end, provisional);
    }

    /// <summary>Formats a date as ISO 8601 (yyyy-MM-dd).</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
