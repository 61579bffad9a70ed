using Xinyong.Calendar;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Calendar;

public class WorkingDayTests
{
    private static readonly WorkingCalendar Cal = CalendarFiles.Load(Path.Combine(Paths.Rules, "calendar"));
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Working_Sunday_and_Saturday_of_2026()
    {
        var sunday = Cal.Describe(D("2026-01-04"));
        Assert.Equal(DayOfWeek.Sunday, sunday.Date.DayOfWeek);
        Assert.True(sunday.WorkingDay);
        Assert.Equal("元旦", sunday.AdjustedFor);

        var saturday = Cal.Describe(D("2026-10-10"));
        Assert.Equal(DayOfWeek.Saturday, saturday.Date.DayOfWeek);
        Assert.True(saturday.WorkingDay);
        Assert.Equal("国庆节", saturday.AdjustedFor);

        Assert.False(Cal.IsWorkingDay(D("2026-10-11"))); // the Sunday after is an ordinary rest day
        Assert.Null(Cal.Describe(D("2026-10-11")).Holiday);
    }

    [Fact]
    public void Spring_festival_block_2026()
    {
        for (var d = D("2026-02-15"); d <= D("2026-02-23"); d = d.AddDays(1))
        {
            var s = Cal.Describe(d);
            Assert.False(s.WorkingDay, d.ToString());
            Assert.Equal("春节", s.Holiday);
        }
        Assert.True(Cal.IsWorkingDay(D("2026-02-14"))); // Saturday made a working day
        Assert.True(Cal.IsWorkingDay(D("2026-02-28"))); // Saturday made a working day
        Assert.Equal(D("2026-02-14"), Cal.AddWorkingDays(D("2026-02-13"), 1).Due);
        Assert.Equal(D("2026-02-24"), Cal.AddWorkingDays(D("2026-02-14"), 1).Due);
        Assert.Equal(D("2026-02-26"), Cal.AddWorkingDays(D("2026-02-12"), 5).Due); // 13, 14(Sat), 24, 25, 26
    }

    [Fact]
    public void National_day_block_2026()
    {
        for (var d = D("2026-10-01"); d <= D("2026-10-07"); d = d.AddDays(1))
            Assert.Equal("国庆节", Cal.Describe(d).Holiday);
        Assert.Equal(new Deadline(D("2026-10-08"), false), Cal.AddWorkingDays(D("2026-09-30"), 1));
        Assert.Equal(new Deadline(D("2026-10-10"), false), Cal.AddWorkingDays(D("2026-09-30"), 3));
        Assert.Equal(new Deadline(D("2026-10-19"), false), Cal.AddWorkingDays(D("2026-09-30"), 9));
        Assert.Equal(3, Cal.WorkingDaysBetween(D("2026-09-30"), D("2026-10-10")).WorkingDays);
    }

    [Fact]
    public void Mid_autumn_2026_with_its_working_sunday()
    {
        Assert.True(Cal.IsWorkingDay(D("2026-09-20"))); // Sunday made a working day
        Assert.Equal("中秋节", Cal.Describe(D("2026-09-25")).Holiday); // a Friday off
        Assert.Equal(D("2026-09-28"), Cal.AddWorkingDays(D("2026-09-24"), 1).Due);
    }

    [Fact]
    public void The_start_day_does_not_count_and_zero_days_is_the_start_day()
    {
        Assert.Equal(D("2026-11-24"), Cal.AddWorkingDays(D("2026-11-23"), 1).Due); // Mon → Tue
        Assert.Equal(D("2026-11-23"), Cal.AddWorkingDays(D("2026-11-21"), 1).Due); // Sat → Mon
        Assert.Equal(D("2026-11-21"), Cal.AddWorkingDays(D("2026-11-21"), 0).Due);
    }

    [Fact]
    public void A_deadline_running_into_2027_is_provisional()
    {
        var d = Cal.AddWorkingDays(D("2026-12-25"), 5);
        Assert.True(d.Provisional);
        Assert.Equal(D("2027-01-01"), d.Due); // ordinary week: 28, 29, 30, 31, 1 (New Year not yet published)
        Assert.False(Cal.AddWorkingDays(D("2026-12-18"), 3).Provisional);
        Assert.True(Cal.Describe(D("2027-01-01")).Provisional);
        // The next year's arrangement has reached back to 29 December before (2018-12-29 was a working Saturday).
        Assert.True(Cal.Describe(D("2026-12-29")).Provisional);
        Assert.False(Cal.Describe(D("2026-12-28")).Provisional);
    }

    [Fact]
    public void Paused_working_days_do_not_count()
    {
        var pause = new[] { new DateRange(D("2026-10-08"), D("2026-10-09")) };
        // 10-08 and 10-09 paused; 10-10 (Sat, working) 1; 10-12 2; 10-13 3.
        Assert.Equal(D("2026-10-13"), Cal.AddWorkingDays(D("2026-09-30"), 3, pause).Due);
    }

    [Fact]
    public void Between_is_the_inverse_of_add()
    {
        var rng = new Random(20261122);
        for (var i = 0; i < 500; i++)
        {
            var start = D("2007-01-01").AddDays(rng.Next(0, 7200));
            var n = rng.Next(0, 40);
            var due = Cal.AddWorkingDays(start, n).Due;
            Assert.Equal(n, Cal.WorkingDaysBetween(start, due).WorkingDays);
            Assert.True(n == 0 || Cal.IsWorkingDay(due));
            Assert.Equal(-n, Cal.WorkingDaysBetween(due, start).WorkingDays);
        }
    }

    [Fact]
    public void Calendar_months_follow_the_civil_code()
    {
        Assert.Equal(D("2026-03-16"), Cal.AddCalendarMonths(D("2026-01-16"), 2).Due);
        Assert.Equal(D("2026-02-28"), Cal.AddCalendarMonths(D("2026-01-31"), 1).Due); // no 31 Feb: month end; a working Saturday
        Assert.Equal(D("2026-10-08"), Cal.AddCalendarMonths(D("2026-08-03"), 2).Due); // 3 Oct is a holiday
        Assert.Equal(D("2026-11-23"), Cal.AddCalendarMonths(D("2026-09-21"), 2).Due); // 21 Nov is a Saturday
        Assert.True(Cal.AddCalendarMonths(D("2026-11-30"), 2).Provisional);
    }
}
