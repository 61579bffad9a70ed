using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Disclosure;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Repairs;

/// <summary>
/// The three tiers of the national Credit Repair Measures assigned at collection by the published rules of
/// data/disclosure/, at the boundaries of each window and of the rules' effective date.
/// </summary>
public class DisclosureTierTests
{
    private static readonly CatalogSet Catalog = CatalogSet.Load(Paths.Rules, TimeProvider.System);
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static ValidRecord Classify(CatalogItem item, string date, params (string Code, string Value)[] overrides)
    {
        var row = new Dictionary<string, string?>
        {
            ["subjectName"] = "哈尔滨分级测试有限公司", ["subjectCategory"] = "法人及非法人组织", ["uscc"] = Uscc("MA1TXER01"), ["decisionNo"] = "哈市监罚〔2026〕1号",
            ["violationType"] = "x", ["facts"] = "x", ["basis"] = "x", ["penaltyType"] = "罚款", ["content"] = "x", ["fineWan"] = "2", ["decisionDate"] = date,
            ["authority"] = "哈尔滨市示例市场监督管理局", ["authorityUscc"] = Authority, ["sourceUnit"] = "哈尔滨市示例市场监督管理局", ["sourceUnitUscc"] = Authority,
        };
        foreach (var (c, v) in overrides) row[c] = v;
        var errors = new List<FieldError>();
        var r = new RecordValidator(item).Validate(item.Fields.Select(f => row.GetValueOrDefault(f.Code)).ToArray(), item.Fields.Select(f => f.Label).ToArray(), Today, errors);
        Assert.True(r is not null, string.Join("; ", errors.Select(e => e.Message)));
        return r!;
    }

    private static CatalogItem Penalty => Catalog.Item("admin-penalty")!;

    [Fact]
    public void A_warning_only_is_minor_and_unpublished_repairable_at_once_and_used_for_at_most_three_months()
    {
        foreach (var kinds in new[] { "警告", "警告;通报批评", "通报批评", "警告、通报批评" })
        {
            var r = Classify(Penalty, "2026-04-01", ("penaltyType", kinds), ("fineWan", "0"));
            Assert.Equal("minor", r.Severity);
            Assert.Equal("2026.1:admin-penalty/reprimand-only", r.TierRule);
            Assert.False(r.Published);
            Assert.False(r.Serious);
            Assert.Equal(new DateOnly(2026, 7, 1), r.PublicUntil);
            Assert.Equal(new DateOnly(2026, 4, 1), r.RepairFrom);
        }
    }

    [Fact]
    public void A_fine_is_general_three_months_to_one_year_and_a_warning_with_a_fine_is_not_minor()
    {
        foreach (var kinds in new[] { "罚款", "警告;罚款", "罚款;没收违法所得" })
        {
            var r = Classify(Penalty, "2026-08-03", ("penaltyType", kinds));
            Assert.Equal("general", r.Severity);
            Assert.Equal("2026.1:admin-penalty/general", r.TierRule);
            Assert.True(r.Published);
            Assert.Equal(new DateOnly(2027, 8, 3), r.PublicUntil);
            Assert.Equal(new DateOnly(2026, 11, 3), r.RepairFrom);
        }
    }

    [Fact]
    public void Revocation_and_fines_of_a_million_yuan_are_serious_one_to_three_years()
    {
        var revoked = Classify(Penalty, "2026-06-30", ("penaltyType", "吊销营业执照;罚款"));
        Assert.Equal(("serious", "2026.1:admin-penalty/revocation-or-ban"), (revoked.Severity, revoked.TierRule));
        Assert.True(revoked.Serious);
        Assert.Equal(new DateOnly(2029, 6, 30), revoked.PublicUntil);
        Assert.Equal(new DateOnly(2027, 6, 30), revoked.RepairFrom);
        Assert.Equal(("serious", "2026.1:admin-penalty/very-large-fine"), (Classify(Penalty, "2026-06-30", ("fineWan", "100")).Severity, Classify(Penalty, "2026-06-30", ("fineWan", "100")).TierRule));
        Assert.Equal("general", Classify(Penalty, "2026-06-30", ("fineWan", "99.99")).Severity);
    }

    [Fact]
    public void The_deciding_units_own_classification_comes_first()
    {
        var r = Classify(Penalty, "2026-05-10", ("penaltyType", "警告"), ("dishonestyTier", "严重"));
        Assert.Equal(("serious", "2026.1:admin-penalty/unit-classification"), (r.Severity, r.TierRule));
        Assert.Equal(new DateOnly(2029, 5, 10), r.PublicUntil);
        var minor = Classify(Penalty, "2026-05-10", ("dishonestyTier", "轻微"));
        Assert.Equal("minor", minor.Severity);
        Assert.False(minor.Published);
    }

    [Fact]
    public void A_declared_end_of_publication_is_checked_against_the_tier_window()
    {
        var errors = new List<FieldError>();
        var item = Penalty;
        var row = item.Fields.Select(f => f.Code switch
        {
            "subjectName" => "哈尔滨分级测试有限公司", "subjectCategory" => "法人及非法人组织", "uscc" => Uscc("MA1TXER01"), "decisionNo" => "哈市监罚〔2026〕2号",
            "violationType" or "facts" or "basis" or "content" => "x", "penaltyType" => "吊销许可证件", "decisionDate" => "2026-06-30",
            "publicUntil" => "2027-05-30", "authority" or "sourceUnit" => "某局", "authorityUscc" or "sourceUnitUscc" => Authority, _ => null,
        }).ToArray();
        Assert.Null(new RecordValidator(item).Validate(row, item.Fields.Select(f => f.Label).ToArray(), Today, errors));
        Assert.Contains(errors, e => e.Code == "disclosure-too-short");
    }

    [Fact]
    public void Records_decided_before_2026_04_01_follow_the_catalog_periods_in_force_when_decided_as_the_data_declares()
    {
        var warning = Classify(Penalty, "2026-03-31", ("penaltyType", "警告"), ("fineWan", "0"));
        Assert.Equal("general", warning.Severity);
        Assert.Equal("2026.1:admin-penalty/before-effective", warning.TierRule);
        Assert.True(warning.Published);
        Assert.Equal(new DateOnly(2027, 3, 31), warning.PublicUntil);
        Assert.Equal(new DateOnly(2026, 6, 30), warning.RepairFrom);
        Assert.Contains("2026年4月1日前作出的决定", Penalty.Tiering!.Describe(warning.TierRule!));
        // The first day of the new rules.
        Assert.Equal("minor", Classify(Penalty, "2026-04-01", ("penaltyType", "警告")).Severity);
    }

    private static CatalogItem WithRules(string earlier, string extra = "")
    {
        var version = DisclosureFiles.Parse(Rules(earlier, extra), "test.yaml");
        var catalogs = DisclosureFiles.Attach(CatalogFiles.LoadAll(Path.Combine(Paths.Rules, "catalog")), [version]);
        return catalogs[^1].Item("admin-penalty")!;
    }

    private static string Rules(string earlier, string extra = "") => $$"""
        version: "t1"
        effective: "2026-04-01"
        basis: 测试规则
        earlier: {{earlier}}
        tiers:
          minor: { minMonths: 0, maxMonths: 3, published: false }
          general: { minMonths: 3, maxMonths: 12 }
          serious: { minMonths: 12, maxMonths: 36 }
        items:
          admin-penalty:
        {{extra}}
            - { id: reprimand-only, name: 仅警告, tier: minor, field: penaltyType, onlyOf: [警告, 通报批评] }
            - { id: general, name: 其他, tier: general }
        """;

    [Fact]
    public void A_file_may_declare_that_earlier_records_follow_the_tiers_instead()
    {
        var item = WithRules("tiers");
        var r = Classify(item, "2026-03-31", ("penaltyType", "警告"));
        Assert.Equal(("minor", "t1:admin-penalty/reprimand-only"), (r.Severity, r.TierRule));
        Assert.False(r.Published);
    }

    [Fact]
    public void A_sector_rule_publishes_minor_information_for_at_most_three_months()
    {
        var item = WithRules("catalog", "    - { id: eco-reprimand, name: 生态环境领域警告公示, tier: minor, field: penaltyType, onlyOf: [警告], authorityContains: [生态环境], publishMonths: 2 }");
        var eco = Classify(item, "2026-05-01", ("penaltyType", "警告"), ("authority", "哈尔滨市示例生态环境局"));
        Assert.Equal(("minor", "t1:admin-penalty/eco-reprimand"), (eco.Severity, eco.TierRule));
        Assert.True(eco.Published);
        Assert.Equal(new DateOnly(2026, 7, 1), eco.PublicUntil);
        var other = Classify(item, "2026-05-01", ("penaltyType", "警告"));
        Assert.Equal("t1:admin-penalty/reprimand-only", other.TierRule);
        Assert.False(other.Published);
        var tooLong = Assert.Throws<CatalogException>(() => WithRules("catalog",
            "    - { id: eco, name: x, tier: minor, field: penaltyType, onlyOf: [警告], authorityContains: [生态环境], publishMonths: 4 }"));
        Assert.Contains("publishMonths", tooLong.Message);
    }

    [Fact]
    public void Rules_that_name_an_unknown_field_or_leave_records_unclassified_are_refused_at_load()
    {
        Assert.Contains("field 'nope'", Assert.Throws<CatalogException>(() => WithRules("catalog", "    - { id: x, name: x, tier: serious, field: nope, equalsAny: [a] }")).Message);
        var noDefault = Rules("catalog").Replace("    - { id: general, name: 其他, tier: general }", "");
        Assert.Contains("last rule", Assert.Throws<CatalogException>(() => DisclosureFiles.Parse(noDefault, "t.yaml")).Message);
    }
}
