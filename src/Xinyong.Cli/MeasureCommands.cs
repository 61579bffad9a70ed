using System.CommandLine;
using System.Globalization;
using Xinyong.Catalog;
using Xinyong.Measures;

namespace Xinyong.Cli;

/// <summary>
/// <c>xinyong measures list [--on DATE]</c>: loads and validates every published version of the measures rules (so an
/// operator can try a new version before the platform starts with it) and prints the measures in force on a day, one
/// JSON line each. Exit status 1 when a version is invalid (the message names the file, the measure and the field).
/// </summary>
internal static class MeasureCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var rules = new Option<string?>("--rules") { Description = "rules folder (default: ./data, or XINYONG_RULES)", Recursive = true };
        var on = new Option<string?>("--on") { Description = "the day (yyyy-MM-dd; default today)" };
        var list = new Command("list", "The published measures in force on a day, one JSON line each") { on };
        list.SetAction(pr =>
        {
            DateOnly day;
            if (pr.GetValue(on) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                    throw new UsageException($"--on: '{text}' is not a date (yyyy-MM-dd)");
            }
            else day = Calendar.ChinaTime.Today(ctx.Clock);

            MeasuresSet set;
            try
            {
                var folder = RulesLocation.Resolve(pr.GetValue(rules));
                set = MeasuresSet.Load(folder, ctx.Clock, CatalogSet.Load(folder, ctx.Clock));
            }
            catch (Exception ex) when (ex is MeasuresException or CatalogException)
            {
                ctx.Err.WriteLine($"xinyong: {ex.Message}");
                return 1;
            }
            var v = set.On(day);
            if (v is null)
            {
                ctx.Err.WriteLine($"xinyong: no measures version is in force on {day:yyyy-MM-dd} (the first takes effect on {set.Versions[0].Effective:yyyy-MM-dd})");
                return 1;
            }
            foreach (var m in v.Measures)
                ctx.Out.WriteLine(Json.Line(new
                {
                    version = v.Version, code = m.Code, kind = m.Kind.Code(), list = m.Source.Chinese(), name = m.Name, scenarios = m.Scenarios,
                    basis = m.Basis, period = m.Period.Text, lists = m.Triggers.Lists, items = m.Triggers.Items,
                }));
            return 0;
        });
        var group = new Command("measures", "The published incentive, constraint and punishment measures (Art. 26, 30, 31)") { rules };
        group.Subcommands.Add(list);
        root.Subcommands.Add(group);
    }
}
