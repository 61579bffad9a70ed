using System.Net;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Lists;

/// <summary>The check statistics before the first check: zero counts, not an error, on both stores.</summary>
public class CheckStatsEmptyStoreTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Statistics_of_a_store_with_no_checks_answer_zero(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var (token, staff) = Kit.Staff(p, "AG-01");

        var (status, stats) = await p.GetJson("/api/v1/checks/stats", staff);
        Assert.Equal(200, status);
        var total = stats.GetProperty("total");
        Assert.Equal((0L, 0L, 0L), (total.GetProperty("checks").GetInt64(), total.GetProperty("withMeasures").GetInt64(), total.GetProperty("feedback").GetInt64()));
        Assert.Equal((0, 0, 0), (stats.GetProperty("byScenario").GetArrayLength(), stats.GetProperty("byDepartment").GetArrayLength(), stats.GetProperty("byDay").GetArrayLength()));

        var page = await (await Kit.StaffPortal(p, "AG-01", token)).GetAsync("/staff/lists/checks");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("核查", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }
}
