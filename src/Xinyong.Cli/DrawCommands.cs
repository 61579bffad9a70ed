using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xinyong.Inspections;
using Xinyong.Storage.Evaluation;
using Xinyong.Storage.Subjects;
using Xinyong.Application.Evaluation;

namespace Xinyong.Cli;

/// <summary>
/// 双随机 draws and grades on the command line:
/// <c>xinyong draw commit</c> (plan + rosters → the commitment to publish), <c>xinyong draw reveal FILE --value V --source S</c>
/// (the public value → seed and result), <c>xinyong draw verify FILE</c> (exit 0 when the published draw recomputes,
/// 1 naming each difference); <c>xinyong grade all</c> (re-grade every subject) and <c>xinyong grade show CODE</c>.
/// </summary>
internal static class DrawCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var draw = new Command("draw", "双随机 inspection draws anyone can verify");

        var file = new Argument<string>("FILE") { Description = "the published draw (JSON, format xinyong-draw/1)" };
        var verify = new Command("verify", "Recompute a published draw: exit 0 when it matches, 1 naming where it differs") { file };
        verify.SetAction(pr =>
        {
            DrawDocument d;
            try { d = Draws.Parse(File.ReadAllText(pr.GetValue(file)!, Encoding.UTF8)); }
            catch (Exception ex) when (ex is InspectionException or IOException) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
            var v = Draws.Verify(d);
            if (v.Matches)
            {
                ctx.Out.WriteLine($"一致：抽查计划{d.Plan.Code}的抽取结果可由公布的计划、名录和随机数重算得出（{d.Result!.Inspections.Count}户，种子{d.Seed!.Seed}）");
                return 0;
            }
            ctx.Out.WriteLine($"不一致：抽查计划{d.Plan.Code}");
            foreach (var x in v.Differences) ctx.Out.WriteLine($"  {x}");
            return 1;
        });
        draw.Subcommands.Add(verify);

        var code = new Option<string>("--code") { Description = "plan code", Required = true };
        var name = new Option<string>("--name") { Description = "plan name", Required = true };
        var scope = new Option<string>("--scope") { Description = "the roster's scope in words (region, industry, grades)", DefaultValueFactory = _ => "" };
        var depts = new Option<string>("--departments") { Description = "inspecting departments, comma-separated", Required = true };
        var targets = new Option<string>("--targets") { Description = "target roster TSV: code, name, region, industry, grade, registrationUnit", Required = true };
        var inspectors = new Option<string>("--inspectors") { Description = "inspector roster TSV: id, name, department, unit, qualifications (;), conflicts (kind:target;…)", Required = true };
        var seedAt = new Option<string>("--seed-at") { Description = "when the seed will be taken (ISO 8601)", Required = true };
        var seedSource = new Option<string>("--seed-source") { Description = "the public source the value will come from", Required = true };
        var output = new Option<string>("-o") { Description = "output file", Required = true };
        var rules = new Option<string?>("--rules") { Description = "rules folder (default ./data, or XINYONG_RULES)" };
        var commit = new Command("commit", "Publish a plan: plan, rosters and their hashes, and the moment the seed will be taken")
            { code, name, scope, depts, targets, inspectors, seedAt, seedSource, output, rules };
        commit.SetAction(pr =>
        {
            try
            {
                var now = ctx.Clock.GetUtcNow();
                var r = InspectionRules.Load(Path.Combine(RulesLocation.Resolve(pr.GetValue(rules)), "inspections"), Calendar.ChinaTime.Today(ctx.Clock));
                var plan = Draws.Plan(r, pr.GetValue(code)!, pr.GetValue(name)!, pr.GetValue(scope)!, pr.GetValue(depts)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    now, Instant(pr.GetValue(seedAt)!), pr.GetValue(seedSource)!);
                var d = Draws.Commit(plan, Rosters.Targets(File.ReadAllText(pr.GetValue(targets)!)), Rosters.Inspectors(File.ReadAllText(pr.GetValue(inspectors)!)));
                File.WriteAllText(pr.GetValue(output)!, JsonSerializer.Serialize(d, Draws.Json), new UTF8Encoding(false));
                ctx.Out.WriteLine($"commitment {d.Commitment.Commitment}");
                return 0;
            }
            catch (Exception ex) when (ex is InspectionException or IOException) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        draw.Subcommands.Add(commit);

        var value = new Option<string>("--value") { Description = "the public value (e.g. a lottery draw's numbers, a beacon pulse)", Required = true };
        var source = new Option<string>("--source") { Description = "where the value was published", Required = true };
        var reveal = new Command("reveal", "Take the seed from the public value and draw (rewrites FILE, or -o)") { file, value, source };
        var output2 = new Option<string?>("-o") { Description = "output file (default: FILE)" };
        reveal.Options.Add(output2);
        reveal.SetAction(pr =>
        {
            try
            {
                var path = pr.GetValue(file)!;
                var d = Draws.Reveal(Draws.Parse(File.ReadAllText(path, Encoding.UTF8)), pr.GetValue(value)!, pr.GetValue(source)!, ctx.Clock.GetUtcNow());
                File.WriteAllText(pr.GetValue(output2) ?? path, JsonSerializer.Serialize(d, Draws.Json), new UTF8Encoding(false));
                ctx.Out.WriteLine($"seed {d.Seed!.Seed}: {d.Result!.Inspections.Count} inspections");
                return 0;
            }
            catch (Exception ex) when (ex is InspectionException or IOException) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        draw.Subcommands.Add(reveal);
        root.Subcommands.Add(draw);

        var grade = new Command("grade", "Comprehensive credit evaluation (Art. 47)");
        var all = new Command("all", "Re-grade every subject under the model in force");
        PlatformCommands.Common(all);
        all.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr), s => s.AddEvaluationCore());
            var store = sp.GetRequiredService<GradeStore>();
            var model = sp.GetRequiredService<EvaluationModelSet>().Current.Version;
            var n = store.RegradeAll();
            ctx.Out.WriteLine(JsonSerializer.Serialize(new { graded = n, model, grades = store.Counts(model) }));
            return 0;
        });
        var subject = new Argument<string>("CODE") { Description = "USCC or resident identity number" };
        var show = new Command("show", "Grade one subject and print its explanation (JSON)") { subject };
        PlatformCommands.Common(show);
        show.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr), s => s.AddEvaluationCore());
            SubjectRow? s;
            try { s = sp.GetRequiredService<SubjectStore>().Find(pr.GetValue(subject)!); }
            catch (FormatException ex) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
            if (s is null) { ctx.Err.WriteLine($"xinyong: 平台没有代码为{pr.GetValue(subject)}的信用主体的信息"); return 1; }
            ctx.Out.WriteLine(JsonSerializer.Serialize(GradeAnswer.Of(s.Ref, sp.GetRequiredService<GradeStore>().Grade(s.Id)), Draws.Json));
            return 0;
        });
        grade.Subcommands.Add(all);
        grade.Subcommands.Add(show);
        root.Subcommands.Add(grade);
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : throw new UsageException($"'{text}' is not a moment (ISO 8601)");
}
