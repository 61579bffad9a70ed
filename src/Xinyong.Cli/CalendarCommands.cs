using System.CommandLine;
using System.Globalization;
using Xinyong.Calendar;

namespace Xinyong.Cli;

/// <summary><c>xinyong calendar add|is-working-day|between|add-months|years|import</c></summary>
internal static class CalendarCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var rules = new Option<string?>("--rules") { Description = "rules folder (default: ./data, or XINYONG_RULES)", Recursive = true };
        var cal = new Command("calendar", "The PRC working-day calendar");
        cal.Options.Add(rules);

        var date = new Argument<string>("DATE") { Description = "yyyy-MM-dd" };
        var n = new Argument<int>("N") { Description = "number of working days" };
        var add = new Command("add", "The N-th working day after DATE (DATE itself does not count)") { date, n };
        add.SetAction(pr =>
        {
            var start = ParseDate(pr.GetValue(date)!);
            var count = pr.GetValue(n);
            if (count < 0) throw new UsageException("N must not be negative");
            var d = Load(pr.GetValue(rules)).AddWorkingDays(start, count);
            ctx.Out.WriteLine(Json.Line(new { start = Iso(start), workingDays = count, due = Iso(d.Due), provisional = d.Provisional }));
            return 0;
        });

        var one = new Argument<string>("DATE") { Description = "yyyy-MM-dd" };
        var isWorking = new Command("is-working-day", "Whether DATE is a working day, with the holiday's name") { one };
        isWorking.SetAction(pr =>
        {
            var s = Load(pr.GetValue(rules)).Describe(ParseDate(pr.GetValue(one)!));
            ctx.Out.WriteLine(Json.Line(new { date = Iso(s.Date), workingDay = s.WorkingDay, holiday = s.Holiday, adjustedFor = s.AdjustedFor, provisional = s.Provisional }));
            return 0;
        });

        var from = new Argument<string>("FROM");
        var to = new Argument<string>("TO");
        var between = new Command("between", "Working days in (FROM, TO]") { from, to };
        between.SetAction(pr =>
        {
            var f = ParseDate(pr.GetValue(from)!);
            var t = ParseDate(pr.GetValue(to)!);
            var (count, provisional) = Load(pr.GetValue(rules)).WorkingDaysBetween(f, t);
            ctx.Out.WriteLine(Json.Line(new { from = Iso(f), to = Iso(t), workingDays = count, provisional }));
            return 0;
        });

        var mDate = new Argument<string>("DATE");
        var months = new Argument<int>("MONTHS");
        var addMonths = new Command("add-months", "A period of calendar months (Civil Code Art. 201-203)") { mDate, months };
        addMonths.SetAction(pr =>
        {
            var start = ParseDate(pr.GetValue(mDate)!);
            var m = pr.GetValue(months);
            var d = Load(pr.GetValue(rules)).AddCalendarMonths(start, m);
            ctx.Out.WriteLine(Json.Line(new { start = Iso(start), months = m, due = Iso(d.Due), provisional = d.Provisional }));
            return 0;
        });

        var years = new Command("years", "The years whose official arrangement is loaded");
        years.SetAction(pr =>
        {
            var c = Load(pr.GetValue(rules));
            ctx.Out.WriteLine(Json.Line(new { years = c.LoadedYears.Order().ToArray() }));
            return 0;
        });

        var file = new Argument<string>("FILE") { Description = "a TSV in the reference layout: date, kind (off|work), holiday" };
        var import = new Command("import", "Load a newly published arrangement (no rebuild needed)") { file };
        import.SetAction(pr =>
        {
            var path = pr.GetValue(file)!;
            if (!File.Exists(path)) { ctx.Err.WriteLine($"xinyong: file not found: {path}"); return 1; }
            var dir = RulesLocation.CalendarDirectory(RulesLocation.Resolve(pr.GetValue(rules)));
            try
            {
                var written = CalendarFiles.Import(path, dir);
                ctx.Out.WriteLine(Json.Line(new { imported = written.Select(w => new { year = w.Year, days = w.Days }).ToArray(), directory = dir }));
                return 0;
            }
            catch (CalendarFormatException ex)
            {
                ctx.Err.WriteLine($"xinyong: {ex.Message}");
                return 1;
            }
        });

        foreach (var c in new[] { add, isWorking, between, addMonths, years, import }) cal.Subcommands.Add(c);
        root.Subcommands.Add(cal);
    }

    private static WorkingCalendar Load(string? rules) => CalendarFiles.Load(RulesLocation.CalendarDirectory(RulesLocation.Resolve(rules)));

    private static DateOnly ParseDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new UsageException($"'{s}' is not a date (yyyy-MM-dd)");

    private static string Iso(DateOnly d) => WorkingCalendar.Iso(d);
}
