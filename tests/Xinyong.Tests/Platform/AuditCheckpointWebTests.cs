using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Audit;
using Xinyong.Storage.Audit;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>The published daily checkpoints (portal and open-data feed) and what auditors see of a tampered chain.</summary>
public class AuditCheckpointWebTests
{
    /// <summary>Checks a published checkpoint as a third party would: only the published public key and the documented text.</summary>
    private static bool ChecksOut(JsonElement cp, string publicKeyPem)
    {
        var at = cp.GetProperty("at").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = $"xinyong-audit-checkpoint/1\n{cp.GetProperty("seq").GetInt64()}\n{cp.GetProperty("entries").GetInt64()}\n{cp.GetProperty("hash").GetString()}\n{at}\n{cp.GetProperty("prev").GetString()}\n{cp.GetProperty("keyId").GetString()}\n";
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())) == cp.GetProperty("keyId").GetString()
            && key.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(cp.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_daily_checkpoints_are_published_and_verify_with_only_the_published_public_key(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var chain = p.Services.GetRequiredService<AuditChain>();
        Kit.Staff(p, "XY-01");
        Kit.Staff(p, "XY-02");
        Assert.True(chain.WriteCheckpoint().Written);
        var day1 = chain.Verify();
        p.Clock.Advance(TimeSpan.FromDays(1));
        Kit.Staff(p, "XY-03");
        Assert.True(chain.WriteCheckpoint().Written);
        p.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(chain.WriteCheckpoint().Written);   // a day without new entries still has its checkpoint
        Assert.False(chain.WriteCheckpoint().Written);  // and only one while nothing changes
        var head = chain.Verify();

        var (status, feed) = await p.GetJson("/api/v1/open/audit-checkpoints");   // no sign-in
        Assert.Equal(200, status);
        var pem = feed.GetProperty("publicKey").GetString()!;
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem);
        var cps = feed.GetProperty("checkpoints").EnumerateArray().ToList();
        Assert.Equal(["2026-11-24", "2026-11-23", "2026-11-22"], cps.Select(c => c.GetProperty("date").GetString()));
        Assert.Equal(day1.HeadSeq, cps[2].GetProperty("seq").GetInt64());
        Assert.Equal(day1.HeadHash, cps[2].GetProperty("hash").GetString());
        Assert.Equal((head.HeadSeq, head.Entries), (cps[0].GetProperty("seq").GetInt64(), cps[0].GetProperty("entries").GetInt64()));
        Assert.All(cps, c => Assert.True(ChecksOut(c, pem)));

        // A copy with one changed figure, or checked with another key, does not check out.
        var forged = JsonDocument.Parse(cps[0].GetRawText().Replace($"\"entries\":{head.Entries}", $"\"entries\":{head.Entries - 1}")).RootElement;
        Assert.False(ChecksOut(forged, pem));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(ChecksOut(cps[0], other.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal(1, (await p.GetJson("/api/v1/open/audit-checkpoints?days=1")).Body.GetProperty("checkpoints").GetArrayLength());
        Assert.Equal(400, (await p.GetJson("/api/v1/open/audit-checkpoints?days=0")).Status);

        // The portal page shows the same, with the public key.
        var page = System.Net.WebUtility.HtmlDecode(await p.Http.GetStringAsync("/audit/checkpoints"));
        Assert.Contains("审计链检查点", page);
        Assert.Contains(pem.Trim().Split('\n')[1], page);
        Assert.Contains(head.HeadHash!, page);
        Assert.Contains(feed.GetProperty("keyId").GetString()!, page);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Auditors_are_told_in_Chinese_and_by_code_what_was_done_to_the_chain(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var chain = p.Services.GetRequiredService<AuditChain>();
        var (token, auditor) = Kit.Staff(p, "AU-01", unit: "audit", role: "auditor");
        var portal = await Kit.StaffPortal(p, "AU-01", token);
        Kit.Staff(p, "XY-01");
        Kit.Staff(p, "XY-02");
        Assert.True(chain.WriteCheckpoint().Written);
        var desk = System.Net.WebUtility.HtmlDecode(await portal.GetStringAsync("/staff/audit"));
        Assert.Contains("逐条校验哈希值一致", desk);
        Assert.Contains("最新检查点", desk);

        using (var c = p.Services.GetRequiredService<Database>().Open())
            c.Execute("DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 2)");
        var (status, v) = await p.GetJson("/api/v1/audit/verify", auditor);
        Assert.Equal(200, status);
        Assert.False(v.GetProperty("valid").GetBoolean());
        Assert.Equal(AuditCodes.TailDropped, v.GetProperty("code").GetString());
        Assert.Contains("最新的2条记录被删除", v.GetProperty("reason").GetString());
        Assert.Equal(AuditCodes.TailDropped, v.GetProperty("problems")[0].GetProperty("code").GetString());

        desk = System.Net.WebUtility.HtmlDecode(await portal.GetStringAsync("/staff/audit"));
        Assert.Contains("已被篡改", desk);
        Assert.Contains(AuditCodes.TailDropped, desk);
        Assert.Contains("最新的2条记录被删除", desk);
    }
}
