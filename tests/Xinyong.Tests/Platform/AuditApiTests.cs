using Xinyong.Storage.Accounts;
using Xinyong.Tests.Lists;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Platform;

/// <summary>Auditors read the audit chain, check it, and see who read a subject's information; units and the public cannot.</summary>
public class AuditApiTests
{
    private static readonly string Co = Uscc("MA1AUD001");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Auditors_read_the_chain_and_the_access_log_and_no_one_else_does(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市市场监督管理局", "admin-penalty"));
        await Court.Penalties(provider, "a1", Penalty("哈尔滨审计示例有限公司", Co, "哈市监罚〔2026〕9101号", "2026-09-01"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心", "admin-penalty"));
        var (sharedStatus, _) = await p.GetJson($"/api/v1/shared/subjects/{Co}?purpose=政府采购供应商资格审查", dept);
        Assert.Equal(200, sharedStatus);

        var (_, auditor) = Kit.Staff(p, "AU-01", unit: "audit", role: "auditor");
        var (s1, log) = await p.GetJson($"/api/v1/access-log?subject={Co}", auditor);
        Assert.Equal(200, s1);
        var read = Assert.Single(log.EnumerateArray());
        Assert.Equal(("HRB-CG", "政府采购供应商资格审查"), (read.GetProperty("actor").GetString(), read.GetProperty("purpose").GetString()));

        // Issuing a department's credential is in the chain, and the chain is intact.
        var (s2, chain) = await p.GetJson("/api/v1/audit?target=account:HRB-CG", auditor);
        Assert.Equal(200, s2);
        Assert.Equal("account.add", Assert.Single(chain.EnumerateArray()).GetProperty("action").GetString());
        var (s3, verify) = await p.GetJson("/api/v1/audit/verify", auditor);
        Assert.Equal(200, s3);
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.True(verify.GetProperty("entries").GetInt64() >= 3);
        Assert.Equal(400, (await p.GetJson("/api/v1/audit?limit=0", auditor)).Status);
        Assert.Equal(404, (await p.GetJson($"/api/v1/access-log?subject={Uscc("MA1AUD404")}", auditor)).Status);

        // The auditor's desk in the portal says the same.
        var (auditorToken, _) = Kit.Staff(p, "AU-02", unit: "audit", role: "auditor");
        var desk = System.Net.WebUtility.HtmlDecode(await (await Kit.StaffPortal(p, "AU-02", auditorToken)).GetStringAsync($"/staff/audit?subject={Co}&target=account:HRB-CG"));
        Assert.Contains("逐条校验哈希值一致", desk);
        Assert.Contains("account.add", desk);
        Assert.Contains("政府采购供应商资格审查", desk);

        // A unit's staff, a department and an anonymous caller are refused.
        var (unitToken, unitStaff) = Kit.Staff(p, "HRB-SJ-09", unit: "HRB-SJ", role: "unit");
        var refused = await (await Kit.StaffPortal(p, "HRB-SJ-09", unitToken)).GetAsync("/staff/audit");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);   // forbidden: back to sign-in, as every staff desk does
        Assert.StartsWith("/signin", refused.Headers.Location!.OriginalString.Replace("http://" + p.Url.Authority, ""));
        foreach (var path in new[] { "/api/v1/audit", "/api/v1/audit/verify", $"/api/v1/access-log?subject={Co}" })
        {
            Assert.Equal(403, (await p.GetJson(path, unitStaff)).Status);
            Assert.Equal(403, (await p.GetJson(path, dept)).Status);
            Assert.Equal(401, (await p.GetJson(path)).Status);
        }
    }
}
