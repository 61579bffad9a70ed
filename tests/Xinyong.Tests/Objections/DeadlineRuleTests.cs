using System.Globalization;
using Xinyong.Calendar;
using Xinyong.Cases;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Objections;

/// <summary>The deadline rules as data over the working-day calendar: every statutory period across the 2026 holiday
/// blocks, working weekends, clock pauses, unit periods, and provisional dates into 2027.</summary>
public class DeadlineRuleTests
{
    private static readonly WorkingCalendar Cal = CalendarFiles.Load(Path.Combine(Paths.Rules, "calendar"));
    private static readonly DeadlineRules Rules = DeadlineRules.Load(Paths.Rules);
    private static readonly DeadlineCalculator Calc = new(Cal, Rules);

    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static DateOnly Due(string code, string start, string? unit = null, params DateRange[] pauses) => Calc.Compute(code, D(start), unit, pauses).Due;

    [Fact]
    public void Every_rule_carries_its_article_and_the_statutory_periods_match_the_regulation()
    {
        var set = Rules.For(D("2026-09-30"));
        var expected = new Dictionary<string, (int Days, string Article)>
        {
            [DeadlineCodes.ObjectionMark] = (1, "第三十九条"),
            [DeadlineCodes.ObjectionDecision] = (3, "第三十九条"),
            [DeadlineCodes.ObjectionDecisionAssisted] = (7, "第三十九条"),
            [DeadlineCodes.AssistanceAnswer] = (2, "第三十九条"),
            [DeadlineCodes.Propagation] = (3, "第三十九条"),
            [DeadlineCodes.ListObjectionDecision] = (3, "第三十五条"),
            [DeadlineCodes.RepairAcceptance] = (2, "第四十条"),
            [DeadlineCodes.RepairDecision] = (5, "第四十条"),
        };
        foreach (var (code, (days, article)) in expected)
        {
            var rule = set.Rule(code);
            Assert.Equal(days, rule.WorkingDays);
            Assert.Contains(article, rule.Basis);
            Assert.False(string.IsNullOrWhiteSpace(rule.Name));
        }
        Assert.True(set.Rule(DeadlineCodes.ObjectionDecision).Pausable);
        Assert.False(set.Rule(DeadlineCodes.ListObjectionDecision).Pausable);
    }

    [Fact]
    public void National_day_block_an_objection_filed_on_30_september()
    {
        Assert.Equal(D("2026-10-08"), Due(DeadlineCodes.ObjectionMark, "2026-09-30"));
        Assert.Equal(D("2026-10-10"), Due(DeadlineCodes.ObjectionDecision, "2026-09-30")); // the working Saturday
        Assert.Equal(D("2026-10-15"), Due(DeadlineCodes.ObjectionDecisionAssisted, "2026-09-30"));
        Assert.Equal(D("2026-10-12"), Due(DeadlineCodes.AssistanceAnswer, "2026-10-09"));
        Assert.Equal(D("2026-10-10"), Due(DeadlineCodes.Propagation, "2026-10-07")); // received during the holiday: 8, 9, 10 (Saturday)
        Assert.False(Calc.Compute(DeadlineCodes.ObjectionDecision, D("2026-09-30")).Provisional);
    }

    [Fact]
    public void The_working_sunday_of_september_and_the_mid_autumn_friday()
    {
        Assert.Equal(D("2026-09-20"), Due(DeadlineCodes.ObjectionMark, "2026-09-18")); // Sunday made a working day
        Assert.Equal(D("2026-09-22"), Due(DeadlineCodes.ListObjectionDecision, "2026-09-18"));
        Assert.Equal(D("2026-09-30"), Due(DeadlineCodes.ObjectionDecision, "2026-09-24")); // 25 September is off: 28, 29, 30
    }

    [Fact]
    public void Spring_festival_block_with_its_two_working_saturdays()
    {
        Assert.Equal(D("2026-02-14"), Due(DeadlineCodes.ObjectionMark, "2026-02-13"));
        Assert.Equal(D("2026-02-25"), Due(DeadlineCodes.ObjectionDecision, "2026-02-13")); // 14, 24, 25
        Assert.Equal(D("2026-03-02"), Due(DeadlineCodes.ObjectionDecisionAssisted, "2026-02-13")); // 14, 24-27, 28 (Saturday), 2 March
        Assert.Equal(D("2026-02-24"), Due(DeadlineCodes.ObjectionMark, "2026-02-15")); // received during the holiday
    }

    [Fact]
    public void Pauses_stop_the_clock_only_where_the_rule_allows_it()
    {
        var testing = new DateRange(D("2026-11-03"), D("2026-11-04"));
        Assert.Equal(D("2026-11-05"), Due(DeadlineCodes.ObjectionDecision, "2026-11-02"));
        Assert.Equal(D("2026-11-09"), Due(DeadlineCodes.ObjectionDecision, "2026-11-02", null, testing));
        Assert.Equal(D("2026-11-05"), Due(DeadlineCodes.ListObjectionDecision, "2026-11-02", null, testing)); // Art. 35 knows no pause
        Assert.Equal(D("2026-11-04"), Due(DeadlineCodes.AssistanceAnswer, "2026-11-02", null, testing));

        var running = new ClockPause("expert-review", D("2026-11-03"), null);
        Assert.True(running.Running);
        Assert.Equal(new DateRange(D("2026-11-03"), D("2026-11-06")), running.Range(D("2026-11-06")));
        Assert.Equal(new DateRange(D("2026-11-03"), D("2026-11-03")), running.Range(D("2026-11-02")));
    }

    [Fact]
    public void Into_2027_the_dates_are_provisional_until_the_arrangement_is_loaded_then_recomputed()
    {
        var decision = Calc.Compute(DeadlineCodes.ObjectionDecision, D("2026-12-30"));
        Assert.True(decision.Provisional);
        Assert.Equal(D("2027-01-04"), decision.Due); // 31 December, 1 January (ordinary Friday until 2027 is loaded), 4 January
        Assert.True(Calc.Compute(DeadlineCodes.ObjectionMark, D("2026-12-28")).Provisional); // 29 December may belong to the 2027 arrangement
        Assert.False(Calc.Compute(DeadlineCodes.ObjectionMark, D("2026-12-24")).Provisional);

        var with2027 = new WorkingCalendar(Cal.Arrangements.Append(new YearArrangement(2027,
            [new SpecialDay(D("2027-01-01"), false, "元旦"), new SpecialDay(D("2027-01-02"), false, "元旦"), new SpecialDay(D("2027-01-03"), false, "元旦")])));
        var settled = new DeadlineCalculator(with2027, Rules).Compute(DeadlineCodes.ObjectionDecision, D("2026-12-30"));
        Assert.False(settled.Provisional);
        Assert.Equal(D("2027-01-05"), settled.Due);
    }

    [Fact]
    public void A_unit_may_publish_shorter_repair_periods_but_never_change_a_statutory_one()
    {
        Assert.Equal(1, Rules.For(D("2026-10-01")).Rule(DeadlineCodes.RepairAcceptance, CreditAgency.Code).WorkingDays);
        Assert.Equal(2, Rules.For(D("2026-10-01")).Rule(DeadlineCodes.RepairAcceptance, "HRB-SJ").WorkingDays);
        Assert.Equal(D("2026-10-08"), Due(DeadlineCodes.RepairAcceptance, "2026-09-30", CreditAgency.Code));

        var text = File.ReadAllText(Path.Combine(Paths.Rules, "deadlines", "2026.1.yaml"));
        var statutory = Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(text.Replace("rules: { repair-acceptance: 1, repair-decision: 3 }", "rules: { objection-decision: 2 }"), "x.yaml"));
        Assert.Contains("statutory", statutory.Message);
        var longer = Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(text.Replace("repair-acceptance: 1,", "repair-acceptance: 9,"), "x.yaml"));
        Assert.Contains("repair-acceptance", longer.Message);
        var missing = Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(text.Replace("code: propagation", "code: propagation-x"), "x.yaml"));
        Assert.Contains("missing: propagation", missing.Message);
        var noBasis = Assert.Throws<DeadlineRulesException>(() => DeadlineFiles.Parse(text.Replace("basis: 《黑龙江省社会信用条例》第三十九条第三款", "basis: \"\" #"), "x.yaml"));
        Assert.Contains("'basis'", noBasis.Message);
    }

    [Fact]
    public void A_later_version_applies_to_periods_that_start_on_or_after_its_effective_day()
    {
        var text = File.ReadAllText(Path.Combine(Paths.Rules, "deadlines", "2026.1.yaml"));
        var next = DeadlineFiles.Parse(text.Replace("version: \"2026.1\"", "version: \"2027.1\"").Replace("effective: \"2026-01-01\"", "effective: \"2027-01-01\"")
            .Replace("rules: { repair-acceptance: 1, repair-decision: 3 }", "rules: { repair-acceptance: 1, repair-decision: 2 }"), "2027.1.yaml");
        var rules = new DeadlineRules([Rules.Versions[0], next]);
        Assert.Equal(3, rules.For(D("2026-12-31")).Rule(DeadlineCodes.RepairDecision, CreditAgency.Code).WorkingDays);
        Assert.Equal(2, rules.For(D("2027-01-04")).Rule(DeadlineCodes.RepairDecision, CreditAgency.Code).WorkingDays);
    }

    [Fact]
    public void Due_states_mark_due_today_and_overdue_and_completion_met_or_late()
    {
        var due = D("2026-10-10");
        Assert.Equal(DueState.Upcoming, DueStates.Of(DueStates.Open, due, D("2026-10-09")));
        Assert.Equal(DueState.DueToday, DueStates.Of(DueStates.Open, due, due));
        Assert.Equal(DueState.Overdue, DueStates.Of(DueStates.Open, due, D("2026-10-11")));
        Assert.Equal(DueStates.Met, DueStates.Completed(due, due));
        Assert.Equal(DueStates.Late, DueStates.Completed(due, D("2026-10-12")));
        Assert.Equal("due-today", DueState.DueToday.Code());
        Assert.Equal("已逾期", DueState.Overdue.Chinese());
    }
}
