using System.Globalization;
using Xinyong.Calendar;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Calendar;

/// <summary>The project's calendar data against the official reference table, row by row.</summary>
public class ReferenceTests
{
    private static readonly WorkingCalendar Calendar = CalendarFiles.Load(Path.Combine(Paths.Rules, "calendar"));

    public static IEnumerable<string> ReferenceFiles()
    {
        yield return Path.Combine(Paths.Rules, "reference", "cn-statutory-holidays.tsv");
        if (Paths.SharedData is { } shared) yield return Path.Combine(shared, "cn-statutory-holidays.tsv");
    }

    [Fact]
    public void Every_row_of_the_reference_matches_the_calendar()
    {
        var checkedRows = 0;
        foreach (var file in ReferenceFiles())
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0 || line[0] == '#' || line.StartsWith("date", StringComparison.Ordinal)) continue;
                var f = line.Split('\t');
                var date = DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var s = Calendar.Describe(date);
                Assert.True(s.WorkingDay == (f[1] == "work"), $"{file}: {line} but the calendar says workingDay={s.WorkingDay}");
                Assert.Equal(f[2], f[1] == "work" ? s.AdjustedFor : s.Holiday);
                if (date.Year >= 2007) Assert.False(s.Provisional, line); // 2006-12-30/31 come from the 2007 arrangement; 2006 itself is not loaded
                checkedRows++;
            }
        }
        Assert.True(checkedRows >= 676, $"only {checkedRows} reference rows checked");
    }

    [Fact]
    public void The_shared_reference_and_the_repository_copy_are_identical_when_both_exist()
    {
        var files = ReferenceFiles().ToList();
        if (files.Count < 2) return; // a clone without ../shared: the repository copy was checked above
        Assert.Equal(File.ReadAllText(files[0]), File.ReadAllText(files[1]));
    }

    [Fact]
    public void Days_not_in_the_reference_follow_the_ordinary_week()
    {
        var listed = new HashSet<DateOnly>();
        foreach (var line in File.ReadLines(ReferenceFiles().First()))
            if (line.Length > 0 && char.IsAsciiDigit(line[0]))
                listed.Add(DateOnly.ParseExact(line[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        for (var d = new DateOnly(2007, 1, 1); d <= new DateOnly(2026, 12, 28); d = d.AddDays(1))
        {
            if (listed.Contains(d)) continue;
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.Equal(!weekend, Calendar.IsWorkingDay(d));
        }
    }

    [Fact]
    public void Years_2007_to_2026_are_loaded_and_2027_is_not()
    {
        for (var y = 2007; y <= 2026; y++) Assert.Contains(y, Calendar.LoadedYears);
        Assert.DoesNotContain(2027, Calendar.LoadedYears);
    }
}
