using Xinyong.Catalog;
using Xinyong.Publication;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Publication;

/// <summary>The query rules in Core: publication, sharing, authorized query, open-data changes, authorizations, name search.</summary>
public class RuleTests
{
    private static readonly global::Xinyong.Catalog.Catalog Catalog = CatalogFiles.LoadAll(Path.Combine(Paths.Rules, "catalog")).Last();
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static CatalogItem Item(string code) => Catalog.Item(code)!;
    private static PublicationState Active(DateOnly? until = null) => new(RecordStatus.Active, false, until);

    [Fact]
    public void A_record_is_public_through_the_last_day_of_its_period_and_never_once_archived_revoked_or_withheld()
    {
        var penalty = Item("admin-penalty");
        Assert.True(PublicationRule.IsPublic(penalty, Active(Today), Today));
        Assert.False(PublicationRule.IsPublic(penalty, Active(Today.AddDays(-1)), Today));
        Assert.True(PublicationRule.IsPublic(penalty, Active(), Today));
        Assert.False(PublicationRule.IsPublic(penalty, new(RecordStatus.Archived, false, Today.AddYears(1)), Today));
        Assert.False(PublicationRule.IsPublic(penalty, new(RecordStatus.Revoked, false, null), Today));
        Assert.False(PublicationRule.IsPublic(penalty, new(RecordStatus.Active, true, null), Today));
        Assert.False(PublicationRule.IsPublic(Item("court-judgment"), Active(), Today));
    }

    [Fact]
    public void Only_positive_information_can_be_declined()
    {
        Assert.True(PublicationRule.MayDecline(Item("honour")));
        Assert.True(PublicationRule.MayDecline(Item("volunteer-service")));
        Assert.False(PublicationRule.MayDecline(Item("admin-penalty")));
        Assert.False(PublicationRule.MayDecline(Item("admin-licence")));
    }

    [Fact]
    public void Departments_get_unconditionally_shared_items_and_conditionally_shared_ones_only_when_their_account_lists_them()
    {
        var none = new HashSet<string>();
        var arrears = new HashSet<string> { "utility-arrears" };
        Assert.True(Sharing.Sees(Item("court-judgment"), Active(), Today, none));
        Assert.False(Sharing.Sees(Item("utility-arrears"), Active(), Today, none));
        Assert.True(Sharing.Sees(Item("utility-arrears"), Active(), Today, arrears));
        Assert.False(Sharing.Sees(Item("court-judgment"), new(RecordStatus.Archived, false, null), Today, none));
        Assert.False(Sharing.Sees(Item("court-judgment"), Active(Today.AddDays(-1)), Today, none));
    }

    [Fact]
    public void Institutions_see_conditionally_open_items_only_under_an_authorization_naming_them()
    {
        var judgment = Item("court-judgment");
        Assert.True(AuthorizedQuery.Sees(Item("admin-penalty"), Active(), Today, null));
        Assert.False(AuthorizedQuery.Sees(judgment, Active(), Today, null));
        Assert.False(AuthorizedQuery.Sees(judgment, Active(), Today, new HashSet<string> { "utility-arrears" }));
        Assert.True(AuthorizedQuery.Sees(judgment, Active(), Today, new HashSet<string> { "court-judgment" }));
        Assert.False(AuthorizedQuery.Sees(judgment, new(RecordStatus.Archived, false, null), Today, new HashSet<string> { "court-judgment" }));
    }

    [Fact]
    public void The_open_data_change_follows_the_state()
    {
        Assert.Equal(OpenData.New, OpenData.ChangeOf(Active(), 1, Today));
        Assert.Equal(OpenData.Corrected, OpenData.ChangeOf(Active(), 2, Today));
        Assert.Equal(OpenData.Revoked, OpenData.ChangeOf(new(RecordStatus.Revoked, false, null), 2, Today));
        Assert.Equal(OpenData.Archived, OpenData.ChangeOf(new(RecordStatus.Archived, false, Today.AddDays(-3)), 1, Today));
        Assert.Equal(OpenData.Archived, OpenData.ChangeOf(Active(Today.AddDays(-1)), 1, Today));
        Assert.Equal(OpenData.Withdrawn, OpenData.ChangeOf(new(RecordStatus.Active, true, null), 1, Today));
        Assert.True(OpenData.CarriesContent(OpenData.Corrected));
        Assert.False(OpenData.CarriesContent(OpenData.Archived));
    }

    [Fact]
    public void An_authorization_needs_an_institution_a_purpose_conditional_items_and_an_expiry_within_the_limit()
    {
        var rules = AuthorizationRules.Load(Paths.Rules);
        Assert.Empty(rules.Check("BANK", "贷款审批", ["court-judgment"], Today.AddDays(rules.MaxDays), Today, Catalog));
        var errors = rules.Check(" ", "", ["admin-penalty", "nope"], null, Today, Catalog);
        Assert.Equal(["grantee", "purpose", "items", "items", "expiresOn"], errors.Select(e => e.Field));
        Assert.Equal("not-conditional", errors[2].Code);
        Assert.Equal("too-long", Assert.Single(rules.Check("BANK", "贷款审批", ["court-judgment"], Today.AddDays(rules.MaxDays + 1), Today, Catalog)).Code);
        Assert.Equal("past", Assert.Single(rules.Check("BANK", "贷款审批", ["court-judgment"], Today.AddDays(-1), Today, Catalog)).Code);
        Assert.Equal("required", Assert.Single(rules.Check("BANK", "贷款审批", [], Today, Today, Catalog)).Code);
        Assert.Throws<AuthorizationRulesException>(() => AuthorizationRules.Parse("maxDays: 0\npurposeMaxLength: 100", "x.yaml"));
    }

    [Fact]
    public void Names_and_queries_are_normalized_alike_and_cut_into_bigrams()
    {
        Assert.Equal("哈尔滨ABC食品有限公司", NameSearch.Normalize(" 哈尔滨 ａｂｃ（食品）有限公司。"));
        Assert.Equal(["哈尔", "尔滨", "滨哈"], NameSearch.Bigrams("哈尔滨哈尔"));
        Assert.Equal(["𠀀A", "AB"], NameSearch.Bigrams("𠀀AB"));
        Assert.False(NameSearch.Searchable(NameSearch.Query("喆")));
        Assert.True(NameSearch.Searchable(NameSearch.Query("喆堃")));
        Assert.Equal(NameSearch.MaxQueryLength, NameSearch.Query(new string('喆', 100)).Length);
        Assert.Contains(NameSearch.Query("喆堃 食品"), NameSearch.Normalize("哈尔滨喆堃食品有限公司"));
    }

    [Fact]
    public void Results_put_the_exact_name_first_then_names_that_start_with_the_query_then_shorter_names()
    {
        var q = NameSearch.Query("喆堃食品");
        string[] names = ["哈尔滨喆堃食品有限公司", "喆堃食品有限公司", "喆堃食品", "大庆喆堃食品店"];
        Assert.Equal(["喆堃食品", "喆堃食品有限公司", "大庆喆堃食品店", "哈尔滨喆堃食品有限公司"],
            names.OrderBy(n => NameSearch.Rank(NameSearch.Normalize(n), q)).ThenBy(n => n, StringComparer.Ordinal));
    }
}
