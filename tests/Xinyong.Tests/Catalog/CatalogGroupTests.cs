using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.Reports;
using Xinyong.Catalog;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Catalog;

/// <summary>
/// The portal's groups, their headings and order, and the report's sections come from the catalog (<c>groups:</c>):
/// an operator renames or reorders them by publishing a catalog version, without a release.
/// </summary>
public class CatalogGroupTests
{
    private static readonly string Co = Uscc("MA1GR0UP8");

    private static string Shipped => File.ReadAllText(Path.Combine(Paths.Rules, "catalog", "2026.1.yaml"));

    [Fact]
    public void The_shipped_catalog_declares_the_groups_in_order_and_every_item_names_one()
    {
        foreach (var version in CatalogFiles.LoadAll(Path.Combine(Paths.Rules, "catalog")))
        {
            Assert.Equal(["basic", "licence", "penalty", "list", "commitment", "honour", "integrity", "other"], version.Groups.Select(g => g.Code));
            Assert.Equal("行政处罚", version.Group("penalty")!.Label);
            Assert.Equal("行政处罚信息", version.Group("penalty")!.Section);
            Assert.Equal(["government-body"], version.Group("integrity")!.SubjectKinds);
            Assert.All(version.Items.Values, i => Assert.NotNull(version.Group(i.Group)));
        }
    }

    [Fact]
    public void The_loader_refuses_an_item_of_an_unknown_group_naming_the_item()
    {
        var yaml = Shipped.Replace("    group: penalty\n", "    group: penalties\n");
        var ex = Assert.Throws<CatalogException>(() => CatalogFiles.Parse(yaml, "2026.1.yaml"));
        Assert.Contains("item 'admin-penalty'", ex.Message);
        Assert.Contains("'penalties'", ex.Message);
    }

    [Theory]
    [InlineData("  - { code: basic, label: 基本信息, section: 基本信息, order: 0 }\n", "no group 'basic'")]
    [InlineData("  - { code: licence, label: 行政许可, section: 行政许可信息, order: 1 }\n", "is not one of the catalog's groups")]
    [InlineData("order: 7 }", "'order' 6 is also the order of group 'integrity'")]
    [InlineData("section: 行政许可信息, ", "group 'licence': 'section' is missing")]
    public void The_loader_refuses_a_broken_group_list(string remove, string message)
    {
        var yaml = remove == "order: 7 }" ? Shipped.Replace("order: 7 }", "order: 6 }") : Shipped.Replace(remove, "");
        Assert.NotEqual(Shipped, yaml);
        Assert.Contains(message, Assert.Throws<CatalogException>(() => CatalogFiles.Parse(yaml, "2026.1.yaml")).Message);
    }

    /// <summary>A copy of the rules whose catalog renames the penalty group and the basic information and reorders the groups.</summary>
    private static string RulesWithRegroupedCatalog()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(Paths.Rules, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Paths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var name in new[] { "2026.1.yaml", "2026.2.yaml" })
        {
            var path = Path.Combine(dir, "catalog", name);
            var yaml = File.ReadAllText(path)
                .Replace("{ code: basic, label: 基本信息, section: 基本信息, order: 0 }", "{ code: basic, label: 登记基本情况, section: 登记基本情况, order: 0 }")
                .Replace("{ code: licence, label: 行政许可, section: 行政许可信息, order: 1 }", "{ code: licence, label: 行政许可, section: 行政许可信息, order: 5 }")
                .Replace("{ code: penalty, label: 行政处罚, section: 行政处罚信息, order: 2 }", "{ code: penalty, label: 行政处罚决定, section: 行政处罚决定信息, order: 9 }")
                .Replace("{ code: honour, label: 表彰荣誉及其他守信信息, section: 表彰荣誉及其他守信信息, order: 5 }", "{ code: honour, label: 表彰荣誉及其他守信信息, section: 表彰荣誉及其他守信信息, order: 1 }");
            Assert.Contains("行政处罚决定信息", yaml);
            Assert.Contains("order: 1 }", yaml);
            File.WriteAllText(path, yaml);
        }
        return dir;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_renamed_and_reordered_catalog_shows_so_on_the_subject_page_and_in_the_report(string store)
    {
        var rules = RulesWithRegroupedCatalog();
        try
        {
            await using var p = await TestPlatform.Start(store, configure: o => o with { Rules = rules });
            await Push(p, "admin-penalty", CompanyPenalty("哈尔滨分组示例有限公司", Co, "哈市监罚〔2026〕9101号"));
            await Push(p, "honour", Honour("哈尔滨分组示例有限公司", Co, "黑市监〔2026〕9102号"));

            // The subject page: the headings in the catalog's order, with the catalog's labels (政务诚信 not on a company's page).
            var (_, doc) = await Page(p.Http, $"/subjects/{Co}");
            Assert.Equal("登记基本情况", doc.QuerySelector("#basic")!.TextContent.Trim());
            var headings = doc.QuerySelectorAll("h2[id^='group-']").Select(h => h.Id![6..]).ToList();
            Assert.Equal(["honour", "list", "commitment", "licence", "other", "penalty"], headings);
            Assert.StartsWith("行政处罚决定", doc.QuerySelector("#group-penalty")!.TextContent.Trim());
            Assert.Contains("9101", doc.QuerySelector("section#penalty")!.TextContent);
            var (_, api) = await p.GetJson($"/api/v1/subjects/{Co}");
            Assert.Contains(Records(api), r => r.GetProperty("group").GetString() == "penalty" && r.GetProperty("groupLabel").GetString() == "行政处罚决定");

            // The report: the same order and the catalog's section titles.
            var subject = p.Services.GetRequiredService<SubjectStore>().Find(Co)!;
            var model = p.Services.GetRequiredService<ReportBuilder>().Build(subject, ReportVersions.Public,
                new ReportStamp("XY20261122GROUPSAAAAA", p.Clock.GetUtcNow(), "https://x/verify", "https://x/key", "k"));
            Assert.Equal("登记基本情况", model.Subject.BasicTitle);
            Assert.Equal(["表彰荣誉及其他守信信息", "信用名单信息", "信用承诺信息", "行政许可信息", "其他公共信用信息", "行政处罚决定信息", ReportSections.Objections],
                model.Sections.Select(s => s.Title));
            Assert.Contains(model.Sections.Single(s => s.Title == "行政处罚决定信息").Entries, e => e.Title.Contains("9101"));
            Assert.Single(model.Sections.Single(s => s.Title == "表彰荣誉及其他守信信息").Entries);
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }
}
