using System.Text.Json;
using Xinyong.Inspections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Inspections;

/// <summary>
/// 双随机 draws: sizes by the published ratios per grade, never a conflicted inspector, at least two inspectors, joint
/// inspections, and verification that recomputes the draw from its published material (and fails on any change).
/// </summary>
public class DrawTests
{
    internal static readonly InspectionRules Rules = InspectionRules.Load(Path.Combine(Paths.Rules, "inspections"), new DateOnly(2026, 11, 22));
    internal static readonly DateTimeOffset Published = DateTimeOffset.Parse("2026-11-20T10:00:00+08:00");
    internal static readonly DateTimeOffset SeedAt = DateTimeOffset.Parse("2026-11-22T20:30:00+08:00");
    private const string Source = "中国福利彩票双色球第2026136期开奖号码（www.cwl.gov.cn）";

    /// <summary>1,000 targets: 400 A, 300 B, 200 C, 100 D; registered with one of five units.</summary>
    internal static List<DrawTarget> Targets() => Enumerable.Range(0, 1000).Select(i => new DrawTarget(
        $"T{i:D4}", $"示例企业{i}", "230103", i % 3 == 0 ? "餐饮业" : "零售业", i < 400 ? "A" : i < 700 ? "B" : i < 900 ? "C" : "D", $"UNIT-{i % 5}")).ToList();

    /// <summary>Inspectors of both departments, some in the targets' registration units, some with declared conflicts.</summary>
    internal static List<DrawInspector> Inspectors()
    {
        var list = new List<DrawInspector>();
        for (var i = 0; i < 12; i++)
            list.Add(new DrawInspector($"SJ{i:D2}", $"市监检查员{i}", "HRB-SJ", $"UNIT-{i % 6}", ["行政执法证"],
                Enumerable.Range(0, 60).Select(k => new DeclaredConflict(k % 2 == 0 ? "relative" : "former-employer", $"T{(i * 83 + k * 17) % 1000:D4}")).ToList()));
        for (var i = 0; i < 8; i++)
            list.Add(new DrawInspector($"SW{i:D2}", $"税务检查员{i}", "HRB-SW", $"SW-UNIT-{i % 2}", ["税务检查证"],
                [new DeclaredConflict("interest", $"T{i * 100 + 7:D4}")]));
        list.Add(new DrawInspector("SJ99", "无证人员", "HRB-SJ", "UNIT-9", [], []));   // lacks the qualification: never drawn
        return list;
    }

    internal static DrawDocument Committed(IReadOnlyList<DrawTarget>? targets = null) => Draws.Commit(
        Draws.Plan(Rules, "HRB-2026-12", "2026年12月市场监管、税务联合双随机抽查", "哈尔滨市南岗区 全部行业 A-D级", ["HRB-SJ", "HRB-SW"], Published, SeedAt, Source),
        targets ?? Targets(), Inspectors());

    [Fact]
    public void A_plan_over_1000_targets_draws_exactly_the_sizes_the_ratios_give_and_merges_joint_inspections()
    {
        var d = Draws.Reveal(Committed(), "03 08 15 22 27 31 + 09", Source, SeedAt.AddMinutes(5));
        var r = d.Result!;
        // HRB-SJ 1/3/10/30 % and HRB-SW 1/2/8/25 % of 400/300/200/100.
        Assert.Equal(new Dictionary<string, int> { ["A"] = 4, ["B"] = 9, ["C"] = 20, ["D"] = 30 }, r.Sizes["HRB-SJ"]);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 4, ["B"] = 6, ["C"] = 16, ["D"] = 25 }, r.Sizes["HRB-SW"]);
        foreach (var dept in new[] { "HRB-SJ", "HRB-SW" })
            foreach (var g in InspectionRules.Grades)
                Assert.Equal(r.Sizes[dept][g], r.Inspections.Count(i => i.Grade == g && i.Departments.Contains(dept)));
        // A target drawn by both departments is one joint inspection with both departments' items and inspectors.
        var joint = r.Inspections.Where(i => i.Departments.Count == 2).ToList();
        Assert.NotEmpty(joint);
        Assert.Equal(r.Inspections.Count, r.Inspections.Select(i => i.Target).Distinct().Count());
        foreach (var j in joint)
        {
            Assert.Contains("SJ-G-01", j.Items);
            Assert.Contains("SW-G-01", j.Items);
            Assert.Contains(j.Inspectors, x => x.StartsWith("SJ"));
            Assert.Contains(j.Inspectors, x => x.StartsWith("SW"));
        }
        // Key items only for C and D.
        Assert.All(r.Inspections, i => Assert.Equal(i.Grade is "C" or "D", i.Items.Contains("SJ-K-01") || i.Items.Contains("SW-K-01")));
        Assert.True(Draws.Verify(d).Matches);
    }

    [Fact]
    public void No_conflicted_or_unqualified_inspector_is_ever_drawn_and_every_target_gets_two_over_many_seeds()
    {
        var committed = Committed();
        var targets = committed.Targets.ToDictionary(t => t.Code);
        var inspectors = committed.Inspectors.ToDictionary(i => i.Id);
        var conflictsAvoided = 0;
        for (var s = 0; s < 200; s++)
        {
            var d = Draws.Reveal(committed, $"beacon-pulse-{s}", "NIST Randomness Beacon", SeedAt);
            foreach (var i in d.Result!.Inspections)
            {
                Assert.True(i.Inspectors.Count >= 2);
                Assert.Equal(i.Inspectors.Count, i.Inspectors.Distinct().Count());
                foreach (var id in i.Inspectors)
                {
                    var x = inspectors[id];
                    var t = targets[i.Target];
                    Assert.DoesNotContain(x.Conflicts, c => c.Target == i.Target);
                    Assert.NotEqual(t.RegistrationUnit, x.Unit);
                    Assert.NotEqual("SJ99", id);
                    Assert.Contains(x.Department, i.Departments);
                }
                conflictsAvoided += committed.Inspectors.Count(x => i.Departments.Contains(x.Department) && Draws.ConflictOf(committed.Plan, x, targets[i.Target]) is not null);
            }
        }
        Assert.True(conflictsAvoided > 1000, $"the rosters must put conflicts in the way ({conflictsAvoided})");
    }

    [Fact]
    public void The_published_json_recomputes_and_fails_when_a_roster_entry_the_seed_or_the_result_is_changed()
    {
        var d = Draws.Reveal(Committed(), "03 08 15 22 27 31 + 09", Source, SeedAt.AddMinutes(1));
        var json = JsonSerializer.Serialize(d, Draws.Json);
        var back = Draws.Parse(json);
        Assert.True(Draws.Verify(back).Matches, string.Join("\n", Draws.Verify(back).Differences));

        // One target's grade changed in the roster.
        var t = back.Targets[500];
        var tampered = back with { Targets = back.Targets.Select(x => x == t ? x with { Grade = "D" } : x).ToList() };
        var v1 = Draws.Verify(tampered);
        Assert.False(v1.Matches);
        Assert.Contains(v1.Differences, x => x.Contains("检查对象名录（targets）的哈希不符"));

        // One inspector's declared conflict removed.
        var ins = back.Inspectors[0];
        var v2 = Draws.Verify(back with { Inspectors = back.Inspectors.Select(x => x == ins ? x with { Conflicts = x.Conflicts.Skip(1).ToList() } : x).ToList() });
        Assert.Contains(v2.Differences, x => x.Contains("检查人员名录（inspectors）的哈希不符"));

        // Another public value: the seed no longer derives from it.
        var v3 = Draws.Verify(back with { Seed = back.Seed! with { PublicValue = "03 08 15 22 27 32 + 09" } });
        Assert.Contains(v3.Differences, x => x.Contains("随机种子（seed）不符"));

        // A seed chosen by the platform (recomputed consistently, but not from the public value).
        var chosen = back with { Seed = back.Seed! with { Seed = new string('a', 64) } };
        Assert.False(Draws.Verify(chosen).Matches);

        // A published result that swaps one inspector.
        var first = back.Result!.Inspections[0];
        var swapped = back with { Result = back.Result with { Inspections = back.Result.Inspections.Select(i => i == first ? i with { Inspectors = ["SW07", .. i.Inspectors.Skip(1)] } : i).ToList() } };
        Assert.Contains(Draws.Verify(swapped).Differences, x => x.Contains($"检查对象{first.Target}的检查人员不符"));

        // A seed taken before the announced moment.
        Assert.Throws<InspectionException>(() => Draws.Reveal(Committed(), "x", Source, SeedAt.AddSeconds(-1)));
    }

    [Fact]
    public void A_target_without_two_eligible_inspectors_is_refused_naming_it()
    {
        var plan = Draws.Plan(Rules, "P", "P", "", ["HRB-SW"], Published, SeedAt, Source);
        var d = Draws.Commit(plan, [new DrawTarget("T1", "甲", null, null, "D", null)],
            [new DrawInspector("SW00", "甲", "HRB-SW", "U", ["税务检查证"], []), new DrawInspector("SW01", "乙", "HRB-SW", "U", ["税务检查证"], [new DeclaredConflict("relative", "T1")])]);
        var ex = Assert.Throws<InspectionException>(() => Draws.Reveal(d, "v", Source, SeedAt));
        Assert.Contains("T1", ex.Message);
        Assert.Contains("不足2名", ex.Message);
    }

    [Fact]
    public async Task The_cli_verifies_a_published_draw_with_exit_0_and_names_the_difference_with_exit_1()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-draw-").FullName;
        try
        {
            var d = Draws.Reveal(Committed(), "03 08 15 22 27 31 + 09", Source, SeedAt);
            var ok = Path.Combine(dir, "draw.json");
            await File.WriteAllTextAsync(ok, JsonSerializer.Serialize(d, Draws.Json));
            var r1 = await Xy.Run("draw", "verify", ok);
            Assert.Equal(0, r1.ExitCode);
            Assert.Contains("一致", r1.Out);

            var bad = Path.Combine(dir, "bad.json");
            await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(ok)).Replace("\"示例企业17\"", "\"示例企业17X\""));
            var r2 = await Xy.Run("draw", "verify", bad);
            Assert.Equal(1, r2.ExitCode);
            Assert.Contains("检查对象名录（targets）的哈希不符", r2.Out);

            var seed = Path.Combine(dir, "seed.json");
            await File.WriteAllTextAsync(seed, (await File.ReadAllTextAsync(ok)).Replace("03 08 15 22 27 31 + 09", "03 08 15 22 27 31 + 10"));
            var r3 = await Xy.Run("draw", "verify", seed);
            Assert.Equal(1, r3.ExitCode);
            Assert.Contains("随机种子（seed）不符", r3.Out);

            // commit and reveal from roster files reach the same verifiable result.
            await File.WriteAllTextAsync(Path.Combine(dir, "t.tsv"), "code\tname\tregion\tindustry\tgrade\tregistrationUnit\n" +
                string.Concat(Targets().Select(t => $"{t.Code}\t{t.Name}\t{t.Region}\t{t.Industry}\t{t.Grade}\t{t.RegistrationUnit}\n")));
            await File.WriteAllTextAsync(Path.Combine(dir, "i.tsv"), "id\tname\tdepartment\tunit\tqualifications\tconflicts\n" +
                string.Concat(Inspectors().Select(i => $"{i.Id}\t{i.Name}\t{i.Department}\t{i.Unit}\t{string.Join(";", i.Qualifications)}\t{string.Join(";", i.Conflicts.Select(c => $"{c.Kind}:{c.Target}"))}\n")));
            var plan = Path.Combine(dir, "plan.json");
            var c = await Xy.Run("draw", "commit", "--rules", Paths.Rules, "--code", "P1", "--name", "联合抽查", "--departments", "HRB-SJ,HRB-SW",
                "--targets", Path.Combine(dir, "t.tsv"), "--inspectors", Path.Combine(dir, "i.tsv"), "--seed-at", "2020-01-01T00:00:00+08:00", "--seed-source", Source, "-o", plan);
            Assert.Equal(1, c.ExitCode);   // the seed moment must come after publication
            var at = DateTimeOffset.UtcNow.AddSeconds(8);
            c = await Xy.Run("draw", "commit", "--rules", Paths.Rules, "--code", "P1", "--name", "联合抽查", "--departments", "HRB-SJ,HRB-SW",
                "--targets", Path.Combine(dir, "t.tsv"), "--inspectors", Path.Combine(dir, "i.tsv"), "--seed-at", at.ToString("O"), "--seed-source", Source, "-o", plan);
            Assert.Equal(0, c.ExitCode);
            Assert.Equal(1, (await Xy.Run("draw", "verify", plan)).ExitCode);   // not drawn yet
            Assert.Equal(1, (await Xy.Run("draw", "reveal", plan, "--value", "07 12 19 23 28 33 + 02", "--source", Source)).ExitCode);   // before the announced moment
            while (DateTimeOffset.UtcNow <= at) await Task.Delay(200);
            Assert.Equal(0, (await Xy.Run("draw", "reveal", plan, "--value", "07 12 19 23 28 33 + 02", "--source", Source)).ExitCode);
            Assert.Equal(0, (await Xy.Run("draw", "verify", plan)).ExitCode);
        }
        finally { Directory.Delete(dir, true); }
    }
}
