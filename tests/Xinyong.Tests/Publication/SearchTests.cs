using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>Public search by partial name and by code, its name index and its pages, on both stores.</summary>
public class SearchTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Companies_are_found_by_part_of_their_name_and_natural_persons_only_by_their_exact_number(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var person = ResidentId("19850307", 201);
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨喆堃食品有限公司", Uscc("MA1CRCH01"), "哈市监罚〔2026〕8001号"),
            CompanyPenalty("大庆油城喆堃商贸有限公司", Uscc("MA1CRCH02", "91230600"), "庆市监罚〔2026〕8002号"),
            CompanyPenalty("哈尔滨北方食品有限公司", Uscc("MA1CRCH03"), "哈市监罚〔2026〕8003号"),
            PersonPenaltyRow("张喆堃", person, "哈市监罚〔2026〕8004号"));

        var (status, r) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("喆堃"));
        Assert.Equal(200, status);
        Assert.Equal(2, r.GetProperty("total").GetInt32());
        Assert.Equal(["哈尔滨喆堃食品有限公司", "大庆油城喆堃商贸有限公司"], r.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        // Characters in the wrong order, or a name that only shares bigrams, do not match.
        var (_, none) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("食品喆堃"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        // A natural person is never found by name (Art. 23) …
        var (_, byName) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("张喆堃"));
        Assert.Equal(0, byName.GetProperty("total").GetInt32());
        // … only by the exact number, and then masked.
        var (_, byId) = await p.GetJson("/api/v1/search?q=" + person);
        Assert.True(byId.GetProperty("byCode").GetBoolean());
        var hit = Assert.Single(byId.GetProperty("results").EnumerateArray());
        Assert.Equal("张**", hit.GetProperty("name").GetString());
        Assert.Equal("230102********2012".Length, hit.GetProperty("code").GetString()!.Length);
        Assert.DoesNotContain(person, byId.GetRawText());
        Assert.StartsWith("/subjects/P", hit.GetProperty("url").GetString());

        // The portal: a code goes straight to the subject's page (a person's page lives at its reference, not its number).
        var browser = Browser(p);
        var redirect = await browser.GetAsync("/search?q=" + person);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(hit.GetProperty("url").GetString(), redirect.Headers.Location!.OriginalString);
        var (_, page) = await Page(browser, "/search?q=" + Uri.EscapeDataString("喆堃食品"));
        Assert.Equal("哈尔滨喆堃食品有限公司", page.QuerySelector("ol.results a.title")!.TextContent);
        var (_, empty) = await Page(browser, "/search?q=" + Uri.EscapeDataString("张喆堃"));
        Assert.NotNull(empty.QuerySelector("#no-results"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Results_are_paged_twenty_at_a_time_with_the_best_match_first(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var rows = Enumerable.Range(1, 44).Select(i => CompanyPenalty($"黑龙江翰墨测试{i:D2}号有限公司", Uscc($"MA1PG{i:D4}"), $"黑市监罚〔2026〕9{i:D3}号")).ToList();
        rows.Add(CompanyPenalty("翰墨测试", Uscc("MA1PG9999"), "黑市监罚〔2026〕9999号"));
        await Push(p, "admin-penalty", rows.ToArray());

        var (_, first) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("翰墨测试"));
        Assert.Equal(45, first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("pages").GetInt32());
        Assert.False(first.GetProperty("capped").GetBoolean());
        var names = first.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("name").GetString()!).ToList();
        Assert.Equal(20, names.Count);
        Assert.Equal("翰墨测试", names[0]);
        var (_, third) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("翰墨测试") + "&page=3");
        Assert.Equal(5, third.GetProperty("results").GetArrayLength());
        var all = new List<string>(names);
        var (_, second) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("翰墨测试") + "&page=2");
        all.AddRange(second.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("name").GetString()!));
        all.AddRange(third.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("name").GetString()!));
        Assert.Equal(45, all.Distinct().Count());

        var (_, doc) = await Page(p.Http, "/search?q=" + Uri.EscapeDataString("翰墨测试") + "&page=2");
        Assert.Equal(20, doc.QuerySelectorAll("ol.results > li").Length);
        Assert.Contains("page=3", doc.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("page=1", doc.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        var (tooShort, problem) = await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("翰"));
        Assert.Equal(400, tooShort);
        Assert.Equal("q", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_index_follows_renames_and_catches_up_on_subjects_another_process_created(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var uscc = Uscc("MA1RENAME");
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨旧名称示例有限公司", uscc, "哈市监罚〔2026〕7101号"));
        Assert.Equal(1, (await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("旧名称"))).Body.GetProperty("total").GetInt32());

        // A registration record is authoritative for the name: the subject is renamed and re-indexed.
        await Push(p, "registration", new Dictionary<string, string>
        {
            ["subjectName"] = "哈尔滨新名称示例有限公司", ["uscc"] = uscc, ["legalRepresentative"] = "张伟", ["establishedOn"] = "2015-03-01",
        });
        Assert.Equal(0, (await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("旧名称"))).Body.GetProperty("total").GetInt32());
        Assert.Equal(1, (await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("新名称"))).Body.GetProperty("total").GetInt32());

        // A CLI import (another process) creates subjects the server's index does not know yet; the catch-up finds them.
        var keys = Path.Combine(p.Store.Folder, "keys");
        Assert.Equal(0, (await Xy.Run("provider", "add", "--db", p.Store.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "CLI-PROV", "--name", "命令行提供单位", "--items", "admin-penalty")).ExitCode);
        var file = Path.Combine(p.Store.Folder, "penalty.csv");
        await File.WriteAllTextAsync(file, Csv(PenaltyHeaders, [Penalty("牡丹江镜泊示例旅游有限公司", Uscc("MA1CL1001", "91231000"), "牡市监罚〔2026〕0001号")]));
        var import = await Xy.Run("import", "--db", p.Store.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "CLI-PROV", "--item", "admin-penalty", "--json", file);
        Assert.Equal(1, import.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(0, (await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("镜泊"))).Body.GetProperty("total").GetInt32());
        var indexed = await Xy.Run("search-index", "--db", p.Store.Db, "--keys", keys, "--rules", Paths.Rules);
        Assert.Equal(1, indexed.Json.GetProperty("indexed").GetInt32());
        Assert.Equal(1, (await p.GetJson("/api/v1/search?q=" + Uri.EscapeDataString("镜泊"))).Body.GetProperty("total").GetInt32());
        Assert.Equal(0, p.Services.GetRequiredService<SubjectSearch>().CatchUp());
    }
}
