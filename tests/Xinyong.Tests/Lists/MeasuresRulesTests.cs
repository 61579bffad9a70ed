using Xinyong.Catalog;
using Xinyong.Measures;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Lists;

/// <summary>The measures rules as data: the shipped version loads, and a broken file is refused naming the measure and field.</summary>
public class MeasuresRulesTests
{
    private static readonly CatalogSet Catalog = CatalogSet.Load(Paths.Rules, TimeProvider.System);
    private static readonly string Shipped = File.ReadAllText(Path.Combine(Paths.Rules, "measures", "2026.1.yaml"));

    [Fact]
    public void The_shipped_rules_restate_the_articles()
    {
        var v = MeasuresFiles.Parse(Shipped, "2026.1.yaml", Catalog.Item);
        Assert.Equal(new DateOnly(2026, 1, 1), v.Effective);
        Assert.Equal(["licensing", "public-services", "procurement", "public-funds", "awards", "supervision"], v.Scenarios.Select(s => s.Code));
        Assert.Equal(8, v.Dishonesty.Grounds.Count);                                   // the eight behaviours of Art. 29
        Assert.Equal("court-dishonest", v.Dishonesty.Court.Item);
        Assert.Equal(["minor", "occasional", "corrected", "no-harm"], v.Exemption.Conditions.Select(c => c.Code));
        Assert.All(v.Measures, m => Assert.False(string.IsNullOrWhiteSpace(m.Basis)));
        Assert.All(v.Measures.Where(m => m.Source == MeasureSource.ProvincialSupplement), m => Assert.False(string.IsNullOrWhiteSpace(m.Period.Text)));
        // Art. 31 (2): the provincial supplement stays within interview, procurement, public funds and awards.
        Assert.Equal(["P-31-1", "P-31-2", "P-31-3", "P-31-4"], v.Measures.Where(m => m.Source == MeasureSource.ProvincialSupplement).Select(m => m.Code));
        Assert.Contains("admin-penalty", v.RecordItems);
    }

    [Theory]
    [InlineData("kind: punishment\n    source: provincial-supplement", "kind: punishment\n    source: incentive-list", "measure 'P-31-1': a punishment measure cannot belong to the list 'incentive-list'")]
    [InlineData("scenarios: [supervision]\n    basis: 《黑龙江省社会信用条例》第三十一条第二款第一项", "scenarios: [lottery]\n    basis: 《黑龙江省社会信用条例》第三十一条第二款第一项", "measure 'P-31-1', field 'scenarios': unknown scenario 'lottery'")]
    [InlineData("triggers: { lists: [dishonesty] }\n    period: { text: 列入严重失信主体名单期间 }", "triggers: { lists: [incentive] }\n    period: { text: 列入严重失信主体名单期间 }", "measure 'P-31-1', field 'triggers.lists': 'incentive' cannot trigger a punishment measure")]
    [InlineData("    period: { text: 列入严重失信主体名单期间 }\n", "", "measure 'P-31-1': 'period' is missing (Art. 31 (3)")]
    [InlineData("items: [admin-penalty]\n      seriousOnly: true", "items: [honour]\n      seriousOnly: true", "measure 'N-GP-22', field 'triggers.items': 'honour' is positive information")]
    [InlineData("items: [admin-penalty]\n      seriousOnly: true", "items: [no-such-item]\n      seriousOnly: true", "measure 'N-GP-22', field 'triggers.items': 'no-such-item' is not in the catalog")]
    [InlineData("  - code: P-31-4", "  - code: P-31-3", "measure 'P-31-3' is defined twice")]
    [InlineData("effective: \"2026-01-01\"", "effective: \"soon\"", "'effective' must be a date")]
    [InlineData("    item: court-dishonest", "    item: admin-licence", "dishonesty.court: item 'admin-licence' is not negative information")]
    [InlineData("      - { code: principal, name: 主要负责人 }\n", "", "the role names must be the values of field 'role' of item 'dishonesty-linked-person'")]
    public void A_broken_file_is_refused_naming_the_measure_and_the_field(string find, string replace, string message)
    {
        Assert.Contains(find, Shipped);
        var broken = Shipped.Replace(find, replace);
        var ex = Assert.Throws<MeasuresException>(() => MeasuresFiles.Parse(broken, "2026.1.yaml", Catalog.Item));
        Assert.StartsWith("2026.1.yaml", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void A_measure_lasts_as_long_as_its_trigger_capped_by_its_published_period()
    {
        var v = MeasuresFiles.Parse(Shipped, "2026.1.yaml", Catalog.Item);
        var p312 = v.Measures.Single(m => m.Code == "P-31-2");
        var c311 = v.Measures.Single(m => m.Code == "C-31-1");
        var start = new DateOnly(2026, 3, 1);
        Assert.Equal(new DateOnly(2029, 2, 28), MeasureEvaluator.EndOf(p312, start, null));                    // three years, list until removed
        Assert.Equal(new DateOnly(2027, 3, 1), MeasureEvaluator.EndOf(p312, start, new DateOnly(2027, 3, 1)));  // the list ends first
        Assert.Null(MeasureEvaluator.EndOf(c311, start, null));                                                // as long as the trigger

        var today = new DateOnly(2029, 3, 1);
        var listed = new ListFact(7, CreditListNames.Dishonesty, start, null, true);
        // The three years of P-31-2 are over; C-45 lasts as long as the listing (no commitments until repaired, Art. 45 (1)).
        Assert.Equal(["C-45"], MeasureEvaluator.Evaluate(v, "procurement", "legal-person", today, [listed], []).Select(m => m.Measure.Code));
        Assert.Equal(["C-45", "P-31-2"], MeasureEvaluator.Evaluate(v, "procurement", "legal-person", today.AddDays(-1), [listed], []).Select(m => m.Measure.Code));
        // A version not yet in force applies nothing.
        Assert.Empty(MeasureEvaluator.Evaluate(v, "procurement", "legal-person", new DateOnly(2025, 12, 31), [listed], []));
    }
}
