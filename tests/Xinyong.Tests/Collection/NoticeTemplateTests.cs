using System.Globalization;
using Xinyong.Catalog;
using Xinyong.Disclosure;
using Xinyong.Text;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Collection;

/// <summary>
/// The 两书同达 notice as a shared template and its values: filled, it is exactly the text the notice was before
/// (<see cref="Before"/>, the rendering as it was, tidied), for every catalog item with every tier rule and window shape
/// the repository's data has; where tidying the parts apart could differ from tidying the whole, the text is sent whole.
/// </summary>
public class NoticeTemplateTests
{
    private static readonly CatalogSet Catalog = CatalogSet.Load(Paths.Rules, TimeProvider.System);

    private const string Authority = "哈尔滨市示例市场监督管理局";
    private const string Number = "哈市监罚〔2026〕8001号";
    private static readonly DateOnly Decided = new(2026, 5, 7), Ends = new(2027, 5, 7), RepairFrom = new(2026, 8, 7);

    /// <summary>Every negative item of every catalog version and every rule a record of it may carry: each version's tier
    /// rules, the rule of records decided before them, the catalog's own two grades, and a rule no version knows. Every
    /// negative item of the data can be repaired; each is also tried as one that cannot (no conditions of repair), a
    /// shape the catalog's format allows.</summary>
    private static IEnumerable<(CatalogItem Item, string Rule)> ItemRules()
    {
        var negative = Catalog.Versions.SelectMany(v => v.Items.Values).Where(i => i.Nature == Nature.Negative).Distinct().ToList();
        foreach (var item in negative.Concat(negative.Select(i => i with { Repair = new RepairRule(false, [], []) })))
        {
            yield return (item, $"catalog:{item.Code}/general");
            yield return (item, $"catalog:{item.Code}/serious");
            yield return (item, $"9.9:{item.Code}/unknown");
            if (item.Tiering is not { } t) continue;
            yield return (item, t.EarlierRuleId);
            foreach (var v in t.Versions)
                foreach (var r in v.Items[item.Code]) yield return (item, $"{v.Version}:{item.Code}/{r.Id}");
        }
    }

    [Fact]
    public void Every_item_rule_and_window_shape_fills_to_exactly_the_text_it_had()
    {
        var publications = new[] { RecordPublication.Published, RecordPublication.NotPublished, RecordPublication.Held };
        var templates = new HashSet<string>(StringComparer.Ordinal);
        var (cases, withConditions, withoutConditions, items, ownConditions) = (0, 0, 0, new HashSet<string>(), new HashSet<int>());
        foreach (var (item, rule) in ItemRules())
            foreach (var severity in new[] { null, "minor", "general", "serious" })
                foreach (var serious in new[] { false, true })
                    foreach (var publication in publications)
                        foreach (var ends in new DateOnly?[] { null, Ends })
                            foreach (var repairFrom in new DateOnly?[] { null, RepairFrom })
                            {
                                var window = RecordWindow.Of(item, severity, rule, serious, publication, ends, repairFrom)!;
                                if (window.RepairFrom is not null && window.Severity != "minor")
                                    Assert.Equal("最短公示期已满（2026年8月7日起可以申请）", window.Conditions[0]);
                                foreach (var authority in new[] { null, Authority })
                                    foreach (var number in new[] { null, Number })
                                        foreach (var decided in new DateOnly?[] { null, Decided })
                                        {
                                            var before = Punctuation.Tidy(Before.ForRecord(item, authority, number, decided, window));
                                            Assert.Equal(before, Punctuation.Tidy(RepairNotice.ForRecord(item, authority, number, decided, window)));
                                            var raw = RepairNotice.ForRecordWithHoles(item, authority, number, decided, window);
                                            Assert.Equal(Before.ForRecord(item, authority, number, decided, window), raw.Fill());
                                            var text = raw.Tidied();
                                            Assert.NotNull(text);   // none of these values can change under tidying across its edges
                                            Assert.Equal(before, text.Fill());
                                            // The template holds nothing of the record: every value is a hole.
                                            Assert.DoesNotContain("8001", text.Template);
                                            Assert.DoesNotContain("2026年5月7日", text.Template);
                                            Assert.DoesNotContain("2027年5月7日", text.Template);
                                            Assert.DoesNotContain("2026年8月7日", text.Template);
                                            Assert.DoesNotContain(Authority, text.Template);
                                            templates.Add(text.Template);
                                            cases++;
                                            if (window.Conditions.Count == 0) withoutConditions++; else withConditions++;
                                            items.Add(item.Code);
                                            if (item.Repair.Allowed) ownConditions.Add(item.Repair.Conditions.Count);
                                        }
                            }
        // Items with and without repair conditions (and with their own conditions in different numbers), and the shapes are shared by many records.
        Assert.True(withConditions > 0 && withoutConditions > 0, $"{withConditions} with conditions, {withoutConditions} without");
        Assert.Contains("admin-penalty", items);
        Assert.True(ownConditions.Count > 1, "items with different numbers of their own conditions");
        Assert.True(templates.Count * 2 < cases, $"{templates.Count} templates for {cases} notices");
    }

    [Fact]
    public void A_notice_of_one_shape_is_one_template_whatever_its_values()
    {
        var item = Catalog.Item("admin-penalty")!;
        var window = RecordWindow.Of(item, "general", "2026.1:admin-penalty/general", false, RecordPublication.Published, Ends, RepairFrom)!;
        var a = RepairNotice.ForRecordWithHoles(item, Authority, Number, Decided, window).Tidied()!;
        var other = RecordWindow.Of(item, "general", "2026.1:admin-penalty/general", false, RecordPublication.Published, new DateOnly(2028, 1, 31), new DateOnly(2027, 10, 31))!;
        var b = RepairNotice.ForRecordWithHoles(item, "双鸭山市示例应急管理局", "双应急罚〔2027〕3号", new DateOnly(2027, 1, 31), other).Tidied()!;
        Assert.Equal(a.Template, b.Template);
        Assert.NotEqual(a.Values, b.Values);
        // The earliest repair date is said twice (the window and the first condition) and stored once.
        Assert.Equal(5, a.Values.Count);
        Assert.Equal(["哈尔滨市示例市场监督管理局", "2026年5月7日", "哈市监罚〔2026〕8001号", "2027年5月7日", "2026年8月7日"], a.Values);
        Assert.Equal(2, a.Template.Split("{4}").Length - 1);
    }

    [Fact]
    public void Braces_in_the_rules_text_are_kept_literally()
    {
        var item = Catalog.Item("admin-penalty")! with { Name = "行政处罚{0}（测试}" };
        var window = RecordWindow.Of(item, "serious", "9.9:admin-penalty/{1}", true, RecordPublication.Published, Ends, RepairFrom)!;
        var text = RepairNotice.ForRecordWithHoles(item, Authority, "{2}号", Decided, window).Tidied()!;
        Assert.Equal(Punctuation.Tidy(Before.ForRecord(item, Authority, "{2}号", Decided, window)), text.Fill());
        Assert.Contains("行政处罚{{0}}（测试}}", text.Template);
    }

    [Fact]
    public void A_value_that_tidying_could_join_to_the_template_is_not_split()
    {
        // Tidied part by part, "甲。" + "。乙" would keep the doubled mark the whole text loses.
        var text = new TextWithHoles("甲。{0}；丙", ["。乙"]);
        Assert.Equal("甲。乙；丙", Punctuation.Tidy(text.Fill()));
        Assert.Equal("甲。。乙；丙", TextWithHoles.Fill(Punctuation.Tidy(text.Template), [Punctuation.Tidy(text.Values[0])]));
        Assert.Null(text.Tidied());
        Assert.Null(new TextWithHoles("甲{0}乙", ["丙，"]).Tidied());
        Assert.Null(new TextWithHoles("甲。{0}；乙", [""]).Tidied());
        // Inside a value, a run is tidied as in the whole text.
        var inner = new TextWithHoles("甲。{0}；乙", ["丙。。丁"]).Tidied()!;
        Assert.Equal(["丙。丁"], inner.Values);
        Assert.Equal("甲。丙。丁；乙", inner.Fill());

        // A notice with such a value: the notice is sent whole, and it is the text it always was.
        var item = Catalog.Item("admin-penalty")!;
        var window = RecordWindow.Of(item, "general", "2026.1:admin-penalty/general", false, RecordPublication.Published, Ends, RepairFrom)!;
        Assert.Null(RepairNotice.ForRecordWithHoles(item, "哈尔滨市示例局。", Number, Decided, window).Tidied());
        var notices = new Xinyong.Application.Disclosure.DecisionNotices(null!, null!);
        Assert.Equal(Punctuation.Tidy(Before.ForRecord(item, "哈尔滨市示例局。", Number, Decided, window)),
            Assert.IsType<string>(notices.Notice(item, "哈尔滨市示例局。", Number, Decided, window)));
        Assert.Equal(Punctuation.Tidy(Before.ForRecord(item, Authority, Number, Decided, window)),
            Assert.IsType<TextWithHoles>(notices.Notice(item, Authority, Number, Decided, window)).Fill());
    }

    [Fact]
    public void A_malformed_template_is_refused_not_filled_wrong()
    {
        Assert.Equal("a{b}c", TextWithHoles.Fill("a{{{0}}}c", ["b"]));
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a{1}", ["b"]));
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a}b", []));
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a{x}", ["b"]));
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a{0", ["b"]));
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a{0}", ["b", "c"]));   // values of another template
        Assert.Throws<FormatException>(() => TextWithHoles.Fill("a", ["b"]));
        Assert.Equal("b-b", TextWithHoles.Fill("{0}-{0}", ["b"]));
    }

    /// <summary>The notice as it was rendered before it became a template (kept verbatim: the reference).</summary>
    private static class Before
    {
        public static string ForRecord(CatalogItem item, string? authority, string? decisionNumber, DateOnly? decided, RecordWindow window)
        {
            var what = $"{authority ?? "认定单位"}{(decided is { } d ? $"于{Day(d)}" : "")}作出的{item.Name}{(decisionNumber is null ? "" : $"（{decisionNumber}）")}已归集至信用平台。";
            var how = window.Conditions.Count == 0 ? "" :
                "信用修复条件（须同时具备）：" + string.Join("；", window.Conditions.Select((c, i) => $"{i + 1}. {c}")) + "。可以通过信用平台网上申请，或者向认定单位、公共信用工作机构的服务窗口申请。";
            return what + Plain(window) + how;
        }

        private static string Plain(RecordWindow w)
        {
            var parts = new List<string> { $"本条为{w.SeverityLabel}（认定规则：{w.RuleName}）" };
            if (w.Held) parts.Add("因突发事件，该信息暂缓公示，待认定单位确认后再决定是否公示");
            else if (!w.Published) parts.Add("原则上不向社会公示");
            if (w.DisclosureEnds is { } e) parts.Add(w.Published ? $"公示期至{Day(e)}届满，届满后自动停止公示" : $"共享使用至{Day(e)}届满后自动停止");
            if (w.RepairFrom is { } r) parts.Add(w.Severity == "minor" ? "履行法定责任后即可申请信用修复" : $"最早可于{Day(r)}申请信用修复");
            else parts.Add("该信息依照法律、法规和国家规定不可修复");
            return string.Join("；", parts) + "。";
        }

        private static string Day(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
    }
}
