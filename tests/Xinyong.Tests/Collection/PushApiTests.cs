using System.Net;
using System.Text.Json;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>The push API, provider rights, idempotent batches, corrections and revocations, on both stores.</summary>
public class PushApiTests
{
    private static readonly string Co = Uscc("MA1PUH001");

    private static Dictionary<string, string> Record(string docNo, string? uscc = null, string date = "2026-10-12") =>
        PenaltyHeaders.Zip(Penalty("哈尔滨推送测试有限公司", uscc ?? Co, docNo, date)).ToDictionary(x => x.First, x => x.Second);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_batch_is_accepted_row_by_row_and_the_same_batch_id_answers_the_same(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "某局", "admin-penalty"));
        var body = new
        {
            batchId = "2026-11-22-0001",
            item = "admin-penalty",
            records = new object[]
            {
                Record("哈市监罚〔2026〕7001号"),
                Record("哈市监罚〔2026〕7002号", uscc: "123"),
                new Dictionary<string, object> { ["subjectName"] = "哈尔滨推送测试有限公司", ["subjectCategory"] = "法人及非法人组织", ["uscc"] = Co, ["decisionNo"] = "哈市监罚〔2026〕7003号" },
                Record("哈市监罚〔2026〕7004号"),
            },
        };
        var (status, r, _) = await TestPlatform.PostJson(client, "/api/v1/records", body);
        Assert.Equal(200, status);
        Assert.Equal("2026-11-22-0001", r.GetProperty("batchId").GetString());
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        var rejected = r.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2], rejected.Select(x => x.GetProperty("index").GetInt32()));
        Assert.Equal("length", rejected[0].GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("统一社会信用代码", rejected[0].GetProperty("errors")[0].GetProperty("field").GetString());
        var missing = rejected[1].GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("violationType", missing);
        Assert.Contains("decisionDate", missing);

        var (status2, r2, resp2) = await TestPlatform.PostJson(client, "/api/v1/records", body with { });
        Assert.Equal(200, status2);
        Assert.Equal(r.GetRawText(), r2.GetRawText());
        Assert.True(resp2.Headers.Contains("X-Batch-Replayed"));

        // A different batch id with changed content for a known record: a new version, counted as updated.
        var changed = Record("哈市监罚〔2026〕7001号");
        changed["处罚内容"] = "罚款人民币叁万元";
        changed["罚款金额（万元）"] = "3";
        var (_, r3, _) = await TestPlatform.PostJson(client, "/api/v1/records", new { batchId = "2026-11-22-0002", item = "admin-penalty", records = new[] { changed, Record("哈市监罚〔2026〕7004号") } });
        Assert.Equal(1, r3.GetProperty("accepted").GetInt32());
        Assert.Equal(1, r3.GetProperty("updated").GetInt32());
        Assert.Equal(1, r3.GetProperty("duplicates").GetInt32());

        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        var rec = subject.GetProperty("records").EnumerateArray().Single(x => x.GetProperty("fields").GetProperty("decisionNo").GetString() == "哈市监罚〔2026〕7001号");
        Assert.Equal(2, rec.GetProperty("version").GetInt32());
        Assert.Equal("3", rec.GetProperty("fields").GetProperty("fineWan").GetString());
        var (_, full) = await p.GetJson($"/api/v1/records/{rec.GetProperty("id").GetInt64()}", client);
        var v1 = Assert.Single(full.GetProperty("versions").EnumerateArray());
        Assert.Equal("2", v1.GetProperty("fields").GetProperty("fineWan").GetString());
        Assert.Equal("api", v1.GetProperty("channel").GetString());
        Assert.StartsWith("提供单位重新报送了变更后的内容（批次", v1.GetProperty("reason").GetString());   // Chinese only (issue 12)
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Credentials_and_rights_are_enforced_with_problem_json(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var penalties = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "某局", "admin-penalty"));
        var body = new { batchId = "b1", item = "admin-licence", records = Array.Empty<object>() };

        var (s1, e1, r1) = await TestPlatform.PostJson(p.Http, "/api/v1/records", body);
        Assert.Equal(401, s1);
        Assert.Equal("application/problem+json", r1.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, e1.GetProperty("status").GetInt32());

        var (s2, _, _) = await TestPlatform.PostJson(p.As("xy_not-a-token"), "/api/v1/records", body);
        Assert.Equal(401, s2);

        var (s3, e3, r3) = await TestPlatform.PostJson(penalties, "/api/v1/records", body);
        Assert.Equal(403, s3);
        Assert.Equal("application/problem+json", r3.Content.Headers.ContentType?.MediaType);
        Assert.Contains("admin-licence", e3.GetProperty("detail").GetString());

        var (s4, e4, _) = await TestPlatform.PostJson(penalties, "/api/v1/records", new { item = "admin-penalty" });
        Assert.Equal(400, s4);
        Assert.Contains(e4.GetProperty("errors").EnumerateArray(), x => x.GetProperty("field").GetString() == "batchId");

        // A department's token is not a provider's.
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "某采购中心", "admin-penalty"));
        var (s5, _, _) = await TestPlatform.PostJson(dept, "/api/v1/records", new { batchId = "b2", item = "admin-penalty", records = Array.Empty<object>() });
        Assert.Equal(403, s5);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Corrections_make_versions_and_revocations_end_publication_without_deleting(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "某局", "admin-penalty"));
        var other = p.As(p.Account(AccountKinds.Provider, "QQHR-SJ", "另一局", "admin-licence"));
        await TestPlatform.PostJson(client, "/api/v1/records", new { batchId = "c1", item = "admin-penalty", records = new[] { Record("哈市监罚〔2026〕8001号"), Record("哈市监罚〔2026〕8002号") } });
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        long Id(string doc) => subject.GetProperty("records").EnumerateArray().Single(x => x.GetProperty("fields").GetProperty("decisionNo").GetString() == doc).GetProperty("id").GetInt64();
        var a = Id("哈市监罚〔2026〕8001号");
        var b = Id("哈市监罚〔2026〕8002号");

        var (s0, _, _) = await TestPlatform.PostJson(other, $"/api/v1/records/{a}/corrections", new { reason = "x", fields = new { content = "y" } });
        Assert.Equal(403, s0);
        var (s1, e1, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{a}/corrections", new { reason = "更正罚款金额", fields = new Dictionary<string, object> { ["罚款金额（万元）"] = "abc" } });
        Assert.Equal(400, s1);
        Assert.Equal("invalid-amount", e1.GetProperty("errors")[0].GetProperty("code").GetString());
        var (s2, e2, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{a}/corrections", new { reason = "改主体", fields = new { uscc = Uscc("MA1PUH002") } });
        Assert.Equal(400, s2);
        Assert.Contains("请撤销后重新报送", e2.GetProperty("detail").GetString());

        var (s3, c3, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{a}/corrections", new { reason = "原罚款金额录入错误", fields = new Dictionary<string, object> { ["罚款金额（万元）"] = "1.5" } });
        Assert.Equal(200, s3);
        Assert.Equal(2, c3.GetProperty("version").GetInt32());
        Assert.Equal("1.5", c3.GetProperty("fields").GetProperty("fineWan").GetString());

        var (s4, r4, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{b}/revocation", new { basis = "revoked", reason = "行政复议决定撤销原处罚决定" });
        Assert.Equal(200, s4);
        Assert.Equal("revoked", r4.GetProperty("status").GetString());
        (_, subject) = await p.GetJson($"/api/v1/subjects/{Co}");
        Assert.DoesNotContain(subject.GetProperty("records").EnumerateArray(), x => x.GetProperty("id").GetInt64() == b);
        var (_, kept) = await p.GetJson($"/api/v1/records/{b}", client);
        Assert.Equal("revoked", kept.GetProperty("status").GetString());
        Assert.Equal("revoked", kept.GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Single(kept.GetProperty("versions").EnumerateArray());
        var (s5, _, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{b}/revocation", new { basis = "revoked", reason = "again" });
        Assert.Equal(409, s5);
        var (s6, _, _) = await TestPlatform.PostJson(client, $"/api/v1/records/{a}/revocation", new { basis = "because", reason = "x" });
        Assert.Equal(400, s6);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_subject_api_answers_400_404_and_masks_natural_persons(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "某局", "admin-penalty"));
        var id = ResidentId("19900101", 123);
        var rec = PenaltyHeaders.Zip(PersonPenalty("欧阳测试", id, "哈市监罚〔2026〕9001号")).ToDictionary(x => x.First, x => x.Second);
        await TestPlatform.PostJson(client, "/api/v1/records", new { batchId = "m1", item = "admin-penalty", records = new[] { rec } });

        Assert.Equal(400, (await p.GetJson("/api/v1/subjects/91230100MA1PUH00X")).Status);
        Assert.Equal(404, (await p.GetJson($"/api/v1/subjects/{Uscc("MA1NQNE01")}")).Status);
        var (status, s) = await p.GetJson($"/api/v1/subjects/{id}");
        Assert.Equal(200, status);
        Assert.Equal("欧阳**", s.GetProperty("name").GetString());
        Assert.Equal(id[..6] + "********" + id[14..], s.GetProperty("code").GetString());
        var text = s.GetRawText();
        Assert.DoesNotContain(id, text);
        Assert.DoesNotContain("欧阳测试", text);
        Assert.Equal("欧阳**", s.GetProperty("records")[0].GetProperty("fields").GetProperty("subjectName").GetString());
        // The public reference works as a code too.
        Assert.Equal(200, (await p.GetJson($"/api/v1/subjects/{s.GetProperty("ref").GetString()}")).Status);
    }
}
