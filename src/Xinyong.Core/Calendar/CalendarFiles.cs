using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Xinyong.Calendar;

/// <summary>A problem in a calendar file, with its line.</summary>
public sealed class CalendarFormatException(string file, int line, string message)
    : FormatException($"{file}:{line}: {message}")
{
    /// <summary>The file.</summary>
    public string File { get; } = file;
    /// <summary>The 1-based line.</summary>
    public int Line { get; } = line;
}

/// <summary>
/// The calendar as data: one file per arrangement year, <c>data/calendar/YYYY.tsv</c>, with the rows
/// <c>date&lt;TAB&gt;kind&lt;TAB&gt;holiday</c> (kind <c>off</c> = holiday or moved rest day, <c>work</c> = weekend day made a
/// working day), the same layout as the State Council reference table. A year is loaded when its file exists. An
/// operator adds a newly published year with <c>xinyong calendar import FILE</c>; no rebuild is needed.
/// </summary>
public static partial class CalendarFiles
{
    /// <summary>Loads every <c>YYYY.tsv</c> in <paramref name="directory"/>.</summary>
    public static WorkingCalendar Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"calendar directory not found: {directory}");
        var years = new List<YearArrangement>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.tsv"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!YearName().IsMatch(name)) continue;
            var year = int.Parse(name, CultureInfo.InvariantCulture);
            var days = Parse(File.ReadLines(path, Encoding.UTF8), Path.GetFileName(path));
            foreach (var d in days)
                if (ArrangementYearOf(d) != year)
                    throw new CalendarFormatException(Path.GetFileName(path), 0, $"{d.Date:yyyy-MM-dd} belongs to the {ArrangementYearOf(d)} arrangement, not {year}");
            years.Add(new YearArrangement(year, days));
        }
        return new WorkingCalendar(years);
    }

    /// <summary>Parses rows of the reference layout; comments (#) and a <c>date</c> header are skipped.</summary>
    public static List<SpecialDay> Parse(IEnumerable<string> lines, string fileName)
    {
        var result = new List<SpecialDay>();
        var seen = new HashSet<DateOnly>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("date", StringComparison.Ordinal)) continue;
            var f = line.Split('\t');
            if (f.Length < 3) throw new CalendarFormatException(fileName, n, "expected three tab-separated columns: date, kind, holiday");
            if (!DateOnly.TryParseExact(f[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new CalendarFormatException(fileName, n, $"'{f[0]}' is not a date (yyyy-MM-dd)");
            var kind = f[1].Trim();
            if (kind is not ("off" or "work"))
                throw new CalendarFormatException(fileName, n, $"kind must be 'off' or 'work', not '{kind}'");
            var holiday = f[2].Trim();
            if (holiday.Length == 0) throw new CalendarFormatException(fileName, n, "the holiday name is missing");
            // A 'work' row on a weekday is redundant but official (2020-02-03 ended the extended 2020 Spring Festival).
            if (!seen.Add(date)) throw new CalendarFormatException(fileName, n, $"{f[0]} is listed twice");
            result.Add(new SpecialDay(date, kind == "work", holiday));
        }
        return result;
    }

    /// <summary>The arrangement a row belongs to: a late-December New Year row belongs to the next year's.</summary>
    public static int ArrangementYearOf(SpecialDay d) =>
        d.Date.Month == 12 && d.Holiday.Contains("元旦", StringComparison.Ordinal) ? d.Date.Year + 1 : d.Date.Year;

    /// <summary>
    /// Imports a file in the reference layout (one or several years) into <paramref name="directory"/>, replacing the
    /// files of the years it contains. Validates everything before writing anything.
    /// </summary>
    /// <returns>The years written, with their number of special days.</returns>
    public static IReadOnlyList<(int Year, int Days)> Import(string file, string directory)
    {
        var days = Parse(File.ReadLines(file, Encoding.UTF8), Path.GetFileName(file));
        if (days.Count == 0) throw new CalendarFormatException(Path.GetFileName(file), 0, "the file lists no days");
        Directory.CreateDirectory(directory);
        var written = new List<(int, int)>();
        foreach (var g in days.GroupBy(ArrangementYearOf).OrderBy(g => g.Key))
        {
            Write(Path.Combine(directory, $"{g.Key}.tsv"), g.Key, g.OrderBy(d => d.Date).ToList(), Path.GetFileName(file));
            written.Add((g.Key, g.Count()));
        }
        return written;
    }

    /// <summary>Writes one arrangement year file.</summary>
    public static void Write(string path, int year, IReadOnlyList<SpecialDay> days, string source)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(year).Append(" 年部分节假日安排 (State Council General Office arrangement for ").Append(year).Append(")\n");
        sb.Append("# source: ").Append(source).Append('\n');
        sb.Append("# off = holiday or moved rest day; work = weekend day made a working day. Unlisted days follow Mon-Fri.\n");
        sb.Append("date\tkind\tholiday\n");
        foreach (var d in days)
            sb.Append(WorkingCalendar.Iso(d.Date)).Append('\t').Append(d.Working ? "work" : "off").Append('\t').Append(d.Holiday).Append('\n');
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, sb.ToString(), new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    [GeneratedRegex(@"^\d{4}$")] private static partial Regex YearName();
}
