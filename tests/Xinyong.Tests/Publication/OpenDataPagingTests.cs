using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The open-data feed a page at a time: a keyset cursor, a bounded page, its own rate limit.</summary>
public class OpenDataPagingTests
{
    private sealed record FeedPage(List<JsonElement> Lines, string AsOf, string? Next, string? Link);

    private static async Task<FeedPage> Get(HttpClient c, string query)
    {
        var r = await c.GetAsync("/api/v1/open/records.jsonl" + query);
        Assert.True(200 == (int)r.StatusCode, await r.Content.ReadAsStringAsync());
        var text = await r.Content.ReadAsStringAsync();
        return new FeedPage(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(),
            r.Headers.GetValues("X-As-Of").Single(),
            r.Headers.TryGetValues("X-Next-Cursor", out var n) ? n.Single() : null,
            r.Headers.TryGetValues("Link", out var l) ? l.Single() : null);
    }

    /// <summary>Walks the feed from <paramref name="first"/> following the cursors; returns every page.</summary>
    private static async Task<List<FeedPage>> Walk(HttpClient c, string first, Func<int, Task>? between = null)
    {
        var pages = new List<FeedPage> { await Get(c, first) };
        while (pages[^1].Next is { } next)
        {
            if (between is not null) await between(pages.Count);
            pages.Add(await Get(c, $"?cursor={next}&limit=4"));
            Assert.True(pages.Count < 100, "the walk does not end");
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_walk_returns_every_record_exactly_once_and_no_page_exceeds_the_bound(string store)
    {
        await using var p = await TestPlatform.Start(store, configure: o => o with { OpenDataPageSize = 5, OpenDataRatePerMinute = 0 });
        // Three pushes at three moments: records of one push share their change time, so pages split inside a moment.
        var expected = new HashSet<long>();
        for (var batch = 0; batch < 3; batch++)
        {
            var co = Uscc($"MA1PAGE{batch:D2}");
            await Push(p, "admin-penalty", Enumerable.Range(1, 6).Select(i => CompanyPenalty($"哈尔滨翻页示例{batch}有限公司", co, $"哈市监罚〔2026〕{batch}{i:D3}号")).ToArray());
            foreach (var i in Enumerable.Range(1, 6)) expected.Add(RecordId(p, co, $"哈市监罚〔2026〕{batch}{i:D3}号"));
            p.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await Push(p, "court-judgment", Judgment("哈尔滨翻页示例0有限公司", Uscc("MA1PAGE00"), "（2026）黑0103民初0501号"));   // not open: never in the feed

        // The server's bound holds whatever limit the client asks for.
        var big = await Get(p.Http, "?limit=1000");
        Assert.Equal(5, big.Lines.Count);
        Assert.NotNull(big.Next);
        Assert.Contains("rel=\"next\"", big.Link);

        // A walk four at a time: 18 records in 5 pages, each exactly once, in change order.
        var first = await Get(p.Http, "?limit=4");
        var pages = await Walk(p.Http, "?limit=4");
        Assert.All(pages, pg => Assert.InRange(pg.Lines.Count, 1, 4));
        Assert.All(pages, pg => Assert.Equal(first.AsOf, pg.AsOf));      // one snapshot for the whole walk
        var ids = pages.SelectMany(pg => pg.Lines).Select(l => l.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(expected.SetEquals(ids));
        Assert.Equal(5, pages.Count);
        Assert.Null(pages[^1].Next);
        var times = pages.SelectMany(pg => pg.Lines).Select(l => l.GetProperty("changedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);

        // A record corrected during a walk leaves this walk's snapshot and comes in the next one (since = X-As-Of).
        var provider = p.Services.GetRequiredService<AccountStore>().Get(Provider)!;
        var late = RecordId(p, Uscc("MA1PAGE02"), "哈市监罚〔2026〕2006号");
        p.Clock.Advance(TimeSpan.FromMinutes(1));
        var during = await Walk(p.Http, "?limit=4", async n =>
        {
            if (n != 1) return;
            p.Clock.Advance(TimeSpan.FromSeconds(1));
            p.Services.GetRequiredService<Xinyong.Application.Collection.RecordChangeDesk>().Correct(provider, late, new Dictionary<string, string?> { ["content"] = "罚款人民币叁万元" }, "更正");
            await Task.CompletedTask;
        });
        var duringIds = during.SelectMany(pg => pg.Lines).Select(l => l.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(duringIds.Count, duringIds.Distinct().Count());
        Assert.DoesNotContain(late, duringIds);
        Assert.Equal(17, duringIds.Count);
        var after = await Walk(p.Http, "?limit=4&since=" + Uri.EscapeDataString(during[0].AsOf));
        var corrected = Assert.Single(after.SelectMany(pg => pg.Lines));
        Assert.Equal(late, corrected.GetProperty("id").GetInt64());
        Assert.Equal("corrected", corrected.GetProperty("change").GetString());

        // A cursor that is not one, and a limit below 1, are refused naming the field.
        foreach (var (query, field) in new[] { ("?cursor=not-a-cursor", "cursor"), ("?limit=0", "limit") })
        {
            var bad = await p.GetJson("/api/v1/open/records.jsonl" + query);
            Assert.Equal(400, bad.Status);
            Assert.Equal(field, bad.Body.GetProperty("errors")[0].GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task The_feed_has_its_own_rate_limit_answering_429_apart_from_search()
    {
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { OpenDataRatePerMinute = 2, SearchRatePerMinute = 100 });
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await p.Http.GetAsync("/api/v1/open/records.jsonl")).StatusCode);
        var refused = await p.Http.GetAsync("/api/v1/open/records.jsonl");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds >= 1);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        // Search counts apart.
        Assert.Equal(HttpStatusCode.OK, (await p.Http.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("示例"))).StatusCode);
    }
}
