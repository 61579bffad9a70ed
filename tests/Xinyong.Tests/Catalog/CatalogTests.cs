using Xinyong.Catalog;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Catalog;

public class CatalogTests
{
    private static readonly IReadOnlyList<Xinyong.Catalog.Catalog> Versions = CatalogFiles.LoadAll(Path.Combine(Paths.Rules, "catalog"));

    [Fact]
    public void The_default_catalog_covers_the_ten_categories_of_article_18_and_every_item_states_its_elements()
    {
        var catalog = Versions[^1];
        Assert.Equal(Enumerable.Range(1, 10), catalog.Items.Values.Select(i => i.Category).Distinct().Order());
        foreach (var code in new[] { "registration", "admin-licence", "admin-penalty", "honour", "volunteer-service", "credit-commitment",
                     "tax-arrears", "social-insurance-arrears", "court-dishonest", "false-materials", "utility-arrears" })
            Assert.NotNull(catalog.Item(code));
        foreach (var i in catalog.Items.Values)
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Behaviour));
            Assert.NotEmpty(i.ProviderUnits);
            Assert.False(string.IsNullOrWhiteSpace(i.DataSource));
            Assert.NotEmpty(i.Fields);
            Assert.NotEmpty(i.KeyFields);
        }
    }

    [Fact]
    public void The_shuanggongshi_items_accept_the_national_headers()
    {
        var catalog = Versions[^1];
        foreach (var h in Shuanggongshi.PenaltyHeaders) Assert.True(Xinyong.Collection.RowShape.IndexOf(catalog.Item("admin-penalty")!, h) >= 0, h);
        foreach (var h in Shuanggongshi.LicenceHeaders) Assert.True(Xinyong.Collection.RowShape.IndexOf(catalog.Item("admin-licence")!, h) >= 0, h);
        var penalty = catalog.Item("admin-penalty")!;
        Assert.Equal(Nature.Negative, penalty.Nature);
        Assert.Equal(new DisclosureRule(3, 12, 12, 3), penalty.Disclosure);
        Assert.Equal(new DisclosureRule(12, 36, 36, 12), penalty.SeriousDisclosure);
        Assert.Contains(penalty.Exclusions, x => x.EqualsAny.Contains("简易程序"));
    }

    private const string Template = """
        version: "t"
        effective: "2026-01-01"
        groups:
          - { code: basic, label: 基本信息, section: 基本信息, order: 0 }
          - { code: penalty, label: 行政处罚, section: 行政处罚信息, order: 1 }
          - { code: list, label: 信用名单, section: 信用名单信息, order: 2 }
        items:
          - code: x
            name: 测试目录项
            category: 4
            behaviour: 测试
            providerUnits: [某局]
            dataSource: 某系统
            nature: negative
            share: unconditional
            open: unconditional
            disclosure: { minMonths: 3, maxMonths: 12 }
            updateWorkingDays: 7
            repair: { allowed: false }
            group: penalty
            key: [no]
            subjectKinds: KINDS
            fields:
              - { code: name, label: 名称, role: subjectName, required: true }
              - { code: uscc, label: 统一社会信用代码, type: uscc, role: subjectUscc }
              - { code: no, label: 文号, role: decisionNumber }
              - FIELD
        """;

    private static string Yaml(string field, string kinds = "[]") => Template.Replace("FIELD", field).Replace("KINDS", kinds);

    [Theory]
    [InlineData("{ code: religion, label: 宗教信仰 }", "religion")]
    [InlineData("{ code: bloodType, label: 血型 }", "bloodType")]
    [InlineData("{ code: illnessNote, label: 疾病情况 }", "illnessNote")]
    [InlineData("{ code: history, label: 既往病史 }", "history")]
    [InlineData("{ code: print, label: 指纹信息 }", "print")]
    [InlineData("{ code: dnaSample, label: 样本编号 }", "dnaSample")]
    [InlineData("{ code: faceImage, label: 照片 }", "faceImage")]
    public void A_forbidden_category_of_article_20_is_refused_naming_the_item_and_field(string field, string code)
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogFiles.Parse(Yaml(field), "bad.yaml"));
        Assert.Contains("item 'x'", ex.Message);
        Assert.Contains($"field '{code}'", ex.Message);
        Assert.Contains("第二十条", ex.Message);
    }

    [Theory]
    [InlineData("{ code: monthlyIncome, label: 月收入 }")]
    [InlineData("{ code: savings, label: 存款余额 }")]
    [InlineData("{ code: stocks, label: 持有有价证券 }")]
    [InlineData("{ code: policy, label: 商业保险保单 }")]
    [InlineData("{ code: housing, label: 不动产登记 }")]
    [InlineData("{ code: taxAmount, label: 年度数额 }")]
    public void A_natural_persons_property_and_income_are_refused_for_items_that_cover_persons(string field)
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogFiles.Parse(Yaml(field, "[natural-person]"), "bad.yaml"));
        Assert.Contains("for natural persons", ex.Message);
        // The same field is allowed for an item about organisations only.
        var ok = CatalogFiles.Parse(Yaml(field, "[legal-person]"), "ok.yaml");
        Assert.Single(ok.Items);
    }

    [Fact]
    public void Social_insurance_arrears_are_not_commercial_insurance()
    {
        var ok = CatalogFiles.Parse(Yaml("{ code: socialInsuranceArrearsWan, label: 欠缴社会保险费金额（万元）, type: amountWan }"), "ok.yaml");
        Assert.Single(ok.Items);
    }

    [Theory]
    [InlineData("nature: negative", "nature: wicked", "'nature' must be one of")]
    [InlineData("category: 4", "category: 11", "ten categories")]
    [InlineData("dataSource: 某系统", "dataSource: ''", "'dataSource' is missing")]
    [InlineData("key: [no]", "key: [nothere]", "key field is not in the schema")]
    [InlineData("updateWorkingDays: 7", "", "'updateWorkingDays' is missing")]
    public void A_malformed_item_is_refused_with_the_element_named(string from, string to, string message)
    {
        var ex = Assert.Throws<CatalogException>(() => CatalogFiles.Parse(Yaml("{ code: extra, label: 备注 }").Replace(from, to), "bad.yaml"));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void The_version_in_force_follows_the_effective_date()
    {
        var v1 = CatalogFiles.Parse(Yaml("{ code: extra, label: 备注 }"), "a.yaml");
        var v2 = CatalogFiles.Parse(Yaml("{ code: extra, label: 备注 }").Replace("version: \"t\"", "version: \"t2\"").Replace("2026-01-01", "2027-01-01"), "b.yaml");
        Assert.Equal("t", CatalogFiles.Current([v1, v2], new DateOnly(2026, 12, 31)).Version);
        Assert.Equal("t2", CatalogFiles.Current([v1, v2], new DateOnly(2027, 1, 1)).Version);
    }
}
