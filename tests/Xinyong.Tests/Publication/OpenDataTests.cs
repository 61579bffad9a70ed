using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The open-data change feed: unconditionally open records only, masked, with new, corrected, revoked and archived changes.</summary>
public class OpenDataTests
{
    private static async Task<(List<JsonElement> Lines, string AsOf)> Feed(TestPlatform p, string? since = null)
    {
        var r = await p.Http.GetAsync("/api/v1/open/records.jsonl" + (since is null ? "" : "?since=" + Uri.EscapeDataString(since)));
        Assert.True(200 == (int)r.StatusCode, await r.Content.ReadAsStringAsync());
        Assert.StartsWith("application/x-ndjson", r.Content.Headers.ContentType!.ToString());
        var text = await r.Content.ReadAsStringAsync();
        return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(), r.Headers.GetValues("X-As-Of").Single());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_feed_streams_open_records_masked_and_then_only_what_changed_since(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-11-22T10:00:00+08:00");
        var co = Uscc("MA10PEN01");
        var person = ResidentId("19850307", 201);
        await Push(p, "admin-penalty",
            CompanyPenalty("哈尔滨开放示例有限公司", co, "哈市监罚〔2026〕0901号"),
            CompanyPenalty("哈尔滨开放示例有限公司", co, "哈市监罚〔2026〕0902号", "2026-08-30", ("公示截止期", "2026-11-30")),
            PersonPenaltyRow("李明辉", person, "哈市监罚〔2026〕0903号"));
        await Push(p, "court-judgment", Judgment("哈尔滨开放示例有限公司", co, "（2026）黑0103民初0901号"));

        var (all, asOf) = await Feed(p);
        Assert.Equal(3, all.Count);
        Assert.All(all, l => Assert.Equal("new", l.GetProperty("change").GetString()));
        Assert.DoesNotContain(all, l => l.GetProperty("item").GetString() == "court-judgment");
        var personLine = all.Single(l => l.GetProperty("subject").GetProperty("kind").GetString() == "natural-person");
        Assert.Equal("李**", personLine.GetProperty("subject").GetProperty("name").GetString());
        Assert.Equal("李**", personLine.GetProperty("fields").GetProperty("subjectName").GetString());
        Assert.StartsWith("P", personLine.GetProperty("subject").GetProperty("ref").GetString());
        Assert.DoesNotContain(person, personLine.GetRawText());
        Assert.DoesNotContain("明辉", personLine.GetRawText());

        // Nothing changed since: an empty feed.
        Assert.Empty((await Feed(p, asOf)).Lines);

        // A correction, a revocation, an objection mark and an archive, each later than the last read.
        p.Clock.Advance(TimeSpan.FromDays(9));
        var provider = p.Services.GetRequiredService<AccountStore>().Get(Provider)!;
        var changes = p.Services.GetRequiredService<Xinyong.Application.Collection.RecordChangeDesk>();
        var first = RecordId(p, co, "哈市监罚〔2026〕0901号");
        changes.Correct(provider, first, new Dictionary<string, string?> { ["content"] = "罚款人民币叁万元" }, "金额笔误");
        changes.Revoke(provider, RecordId(p, person, "哈市监罚〔2026〕0903号"), "revoked", "行政复议决定撤销");
        p.Services.GetRequiredService<Xinyong.Application.Disclosure.DisclosurePeriods>().Run();
        var (changed, asOf2) = await Feed(p, asOf);
        Assert.Equal(3, changed.Count);
        var byId = changed.ToDictionary(l => l.GetProperty("id").GetInt64());
        Assert.Equal("corrected", byId[first].GetProperty("change").GetString());
        Assert.Equal("罚款人民币叁万元", byId[first].GetProperty("fields").GetProperty("content").GetString());
        var revoked = byId[RecordId(p, person, "哈市监罚〔2026〕0903号")];
        Assert.Equal("revoked", revoked.GetProperty("change").GetString());
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("fields").ValueKind);
        var archived = byId[RecordId(p, co, "哈市监罚〔2026〕0902号")];
        Assert.Equal("archived", archived.GetProperty("change").GetString());
        Assert.False(archived.GetProperty("public").GetBoolean());
        Assert.Equal(JsonValueKind.Null, archived.GetProperty("fields").ValueKind);

        p.Clock.Advance(TimeSpan.FromMinutes(5));
        p.Services.GetRequiredService<RecordChanges>().MarkObjection(first, true, "staff-test", "异议申请");
        var marked = Assert.Single((await Feed(p, asOf2)).Lines);
        Assert.True(marked.GetProperty("underObjection").GetBoolean());

        var bad = await p.GetJson("/api/v1/open/records.jsonl?since=yesterday");
        Assert.Equal(400, bad.Status);
        Assert.Equal("since", bad.Body.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
