using Xinyong.Evaluation;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Evaluation;

/// <summary>The evaluation model as data and the pure evaluator: points, ages, caps, weights, bands, the DishonestyList rule.</summary>
public class EvaluatorTests
{
    private static readonly EvaluationModel Model = EvaluationModels.LoadAll(Path.Combine(Paths.Rules, "evaluation")).Single(m => m.Version == "2026.1");
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void A_subject_without_records_has_the_base_score_and_every_indicator_explained_at_zero()
    {
        var g = Evaluator.Grade(Model, Today, [], []);
        Assert.Equal((80m, "B", "良", "2026.1"), (g.Score, g.Grade, g.GradeName, g.Model));
        Assert.Equal(Model.Indicators.Select(i => i.Code), g.Indicators.Select(i => i.Code));
        Assert.All(g.Indicators, i => { Assert.Equal(0m, i.Points); Assert.Empty(i.Records); Assert.False(string.IsNullOrWhiteSpace(i.Rule)); });
    }

    [Fact]
    public void Negative_records_count_by_tier_and_age_within_their_cap_and_each_indicator_names_its_records()
    {
        GradeRecord[] records =
        [
            new(1, "admin-penalty", false, Today.AddMonths(-2), false),     // general, recent: -8
            new(2, "admin-penalty", false, Today.AddMonths(-20), false),    // general, 1-3 years: -4
            new(3, "tax-arrears", false, Today.AddMonths(-1), false),       // arrears: -6
            new(4, "honour", false, Today.AddMonths(-5), false),            // honours: +3
            new(5, "registration", false, Today.AddYears(-5), false),       // not an indicator's item
        ];
        var g = Evaluator.Grade(Model, Today, records, []);
        Assert.Equal(80m - 8 - 4 - 6 + 3, g.Score);
        Assert.Equal("C", g.Grade);
        var general = g.Indicators.Single(i => i.Code == "general-dishonesty");
        Assert.Equal(-12m, general.Points);
        Assert.Equal([1L, 2L], general.Records);
        Assert.Equal([3L], g.Indicators.Single(i => i.Code == "arrears").Records);
        Assert.Equal([4L], g.Indicators.Single(i => i.Code == "honours").Records);
        Assert.DoesNotContain(g.Indicators, i => i.Records.Contains(5));

        // Serious acts: -25 each, capped at -60 however many.
        var serious = Enumerable.Range(10, 5).Select(i => new GradeRecord(i, "admin-penalty", true, Today.AddDays(-i), false)).ToList();
        var s = Evaluator.Grade(Model, Today, serious, []);
        Assert.Equal(-60m, s.Indicators.Single(i => i.Code == "serious-dishonesty").Points);
        Assert.Equal(5, s.Indicators.Single(i => i.Code == "serious-dishonesty").Records.Count);
        Assert.Equal(0m, s.Indicators.Single(i => i.Code == "general-dishonesty").Points);   // a serious act is not counted twice as general
        Assert.Equal("D", s.Grade);
    }

    [Fact]
    public void A_DishonestyList_entry_makes_the_grade_D_whatever_the_score()
    {
        var honours = Enumerable.Range(1, 3).Select(i => new GradeRecord(i, "honour", false, Today.AddMonths(-1), false)).ToList();
        var good = Evaluator.Grade(Model, Today, honours, [new GradeListEntry(7, "incentive")]);
        Assert.Equal((99m, "A"), (good.Score, good.Grade));
        var listed = Evaluator.Grade(Model, Today, honours, [new GradeListEntry(7, "incentive"), new GradeListEntry(8, "dishonesty")]);
        Assert.Equal((59m, "D", "差"), (listed.Score, listed.Grade, listed.GradeName));
        Assert.Equal([8L], listed.Indicators.Single(i => i.Code == "dishonesty-list").ListEntries);
    }

    [Fact]
    public void A_record_under_objection_counts_no_points_until_decided_and_is_named()
    {
        var g = Evaluator.Grade(Model, Today, [new GradeRecord(1, "admin-penalty", true, Today.AddDays(-3), true)], []);
        Assert.Equal((80m, "B"), (g.Score, g.Grade));
        Assert.Equal([1L], g.Indicators.Single(i => i.Code == "objections-pending").Records);
        Assert.Empty(g.Indicators.Single(i => i.Code == "serious-dishonesty").Records);
    }

    [Fact]
    public void Age_bands_weights_and_grade_bands_are_data()
    {
        var yaml = File.ReadAllText(Path.Combine(Paths.Rules, "evaluation", "2026.1.yaml"))
            .Replace("version: \"2026.1\"", "version: \"2027.1\"")
            .Replace("    points: -8\n    weight: 1.0", "    points: -8\n    weight: 2.0")
            .Replace("{ code: B, name: 良, min: 75 }", "{ code: B, name: 良, min: 60 }")
            .Replace("{ code: C, name: 中, min: 60 }", "{ code: C, name: 中, min: 50 }");
        var m = EvaluationModels.Parse(yaml, "2027.1.yaml");
        var g = Evaluator.Grade(m, Today, [new GradeRecord(1, "admin-penalty", false, Today.AddMonths(-40), false)], []);
        Assert.Equal(80m - 8 * 0.25m * 2, g.Score);   // the oldest band, weight 2
        Assert.Equal(("B", "2027.1"), (g.Grade, g.Model));
        Assert.Equal(1.0m, Evaluator.AgeFactor(Model.Indicators[0].Age, Today.AddMonths(-12), Today));
        Assert.Equal(0.6m, Evaluator.AgeFactor(Model.Indicators[0].Age, Today.AddMonths(-12).AddDays(-1), Today));
    }

    [Theory]
    [InlineData("{ code: B, name: 良, min: 75 }", "{ code: B, name: 良, min: 95 }", "must be below grade A")]
    [InlineData("    grade: D\n", "", "DishonestyList subject must be graded D")]
    [InlineData("items: [honour, volunteer-service]", "items: [honour, no-such-item]", "'no-such-item' is not a catalog item")]
    [InlineData("    rule: 每项作出并公示的信用承诺", "    rul: x\n    xrule: 每项作出并公示的信用承诺", "line")]
    public void A_model_that_breaks_the_rules_is_refused_naming_why(string from, string to, string message)
    {
        var yaml = File.ReadAllText(Path.Combine(Paths.Rules, "evaluation", "2026.1.yaml"));
        Assert.Contains(from, yaml);
        var ex = Assert.Throws<EvaluationModelException>(() => EvaluationModels.Parse(yaml.Replace(from, to), "x.yaml", i => i != "no-such-item"));
        Assert.Contains(message, ex.Message);
    }
}
