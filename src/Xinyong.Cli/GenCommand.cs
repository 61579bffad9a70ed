using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Xinyong.Calendar;
using Xinyong.Synthetic;

namespace Xinyong.Cli;

/// <summary><c>xinyong gen</c>: synthetic, realistic 双公示 and court files of any size, for tests and benchmarks.</summary>
internal static class GenCommand
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var item = new Option<string>("--item") { Description = "admin-penalty, admin-licence or court-dishonest", DefaultValueFactory = _ => "admin-penalty" };
        item.AcceptOnlyFromAmong([.. ShuanggongshiGenerator.Items]);
        var rows = new Option<long>("--rows") { Description = "number of data rows", DefaultValueFactory = _ => 1000 };
        var subjects = new Option<int?>("--subjects") { Description = "distinct subjects (default: a third of the rows, at least 1)" };
        var seed = new Option<int>("--seed") { Description = "the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var bad = new Option<double>("--bad") { Description = "share of rows made invalid on purpose, 0-1", DefaultValueFactory = _ => 0 };
        var format = new Option<string>("--format") { Description = "csv, jsonl or xlsx (default: from the file name)" };
        format.AcceptOnlyFromAmong("csv", "jsonl", "xlsx");
        var encoding = new Option<string>("--encoding") { Description = "for CSV: utf-8 or gb18030", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "gb18030");
        var today = new Option<string?>("--today") { Description = "decision dates fall in the year before this date (default: today)" };
        var output = new Option<string>("--out", "-o") { Required = true, Description = "the file to write" };
        var gen = new Command("gen", "Write a synthetic, realistic file (valid identifiers, Heilongjiang divisions and authorities, plausible Chinese names)")
        {
            item, rows, subjects, seed, bad, format, encoding, today, output,
        };
        gen.SetAction(pr =>
        {
            var n = pr.GetValue(rows);
            if (n < 0) throw new UsageException("--rows must not be negative");
            var b = pr.GetValue(bad);
            if (b is < 0 or > 1) throw new UsageException("--bad must lie between 0 and 1");
            var day = pr.GetValue(today) is { } t
                ? DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new UsageException($"--today: '{t}' is not a date")
                : ctx.Clock.Today();
            var path = pr.GetValue(output)!;
            var fmt = pr.GetValue(format) ?? Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
            {
                "xlsx" => "xlsx",
                "jsonl" or "ndjson" => "jsonl",
                _ => "csv",
            };
            var sw = Stopwatch.StartNew();
            var generator = new ShuanggongshiGenerator(pr.GetValue(seed), pr.GetValue(subjects) ?? (int)Math.Max(1, Math.Min(n / 3, 5_000_000)), day, b);
            SyntheticFiles.Write(path, pr.GetValue(item)!, n, generator, fmt, pr.GetValue(encoding)!);
            ctx.Out.WriteLine(Json.Line(new { file = Path.GetFullPath(path), item = pr.GetValue(item), rows = n, format = fmt, bytes = new FileInfo(path).Length, seconds = Math.Round(sw.Elapsed.TotalSeconds, 2) }));
            return 0;
        });
        root.Subcommands.Add(gen);
    }
}
