using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Calendar;
using Xinyong.Network;
using Xinyong.Storage.Network;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Network;
using static Xinyong.Tests.Network.NetworkPair;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Network;

/// <summary>One network (Art. 6 (1), 21): a city node forwards what it collects to the province, and what the province
/// decides about the city's records comes back down.</summary>
public class NetworkForwardingTests
{
    private static readonly string CoA = Uscc("MA1NET001"), CoB = Uscc("MA1NET002"), CoC = Uscc("MA1NET003");

    /// <summary>Item, subject key, decision number, version, content hash and status of every record of a node.</summary>
    private static List<string> Records(TestPlatform p)
    {
        using var c = p.Services.GetRequiredService<Xinyong.Storage.Database>().Open();
        return Dapper.SqlMapper.Query<(string, string, string, int, string, string, bool, bool)>(c,
                "SELECT r.item, s.id_key, r.doc_key, r.version, r.content_hash, r.status, r.withheld, r.under_objection FROM records r JOIN subjects s ON s.id = r.subject_id")
            .Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Records_collected_at_the_city_reach_the_province_once_with_provenance_versions_corrections_and_revocations(string store)
    {
        await using var net = await NetworkPair.Start(store);
        var (city, prov) = (net.City, net.Province);
        var own = Kit.ProviderClient(city);
        var a = await Kit.Penalty(city, own, CoA, "哈市监罚〔2026〕7001号", "2026-10-20");
        var b = await Kit.Penalty(city, own, CoB, "哈市监罚〔2026〕7002号", "2026-10-21");
        await Kit.Penalty(city, own, CoC, "哈市监罚〔2026〕7003号", "2026-10-22");
        var rid = ResidentId("19880101", 321);
        var person = PenaltyHeaders.Zip(PersonPenalty("李建华", rid, "哈市监罚〔2026〕7004号")).ToDictionary(x => x.First, x => x.Second);
        Assert.Equal(200, (await TestPlatform.PostJson(own, "/api/v1/records", new { batchId = "p-1", item = "admin-penalty", records = new[] { person } })).Status);
        var (sc, _, _) = await TestPlatform.PostJson(own, $"/api/v1/records/{a}/corrections", new { reason = "罚款金额有误", fields = new Dictionary<string, string> { ["罚款金额（万元）"] = "3" } });
        Assert.Equal(200, sc);
        var (sr, _, _) = await TestPlatform.PostJson(own, $"/api/v1/records/{b}/revocation", new { basis = "revoked", reason = "经行政复议撤销" });
        Assert.Equal(200, sr);

        // Every change is in the outbox, written with the change: 4 new records, a correction, a revocation.
        Assert.Equal(6, Scalar(city, "SELECT COUNT(*) FROM network_outbox WHERE peer = '^'"));
        Assert.Equal(0, Scalar(prov, "SELECT COUNT(*) FROM records"));

        Forward(city);

        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));
        Assert.Equal(Records(city), Records(prov));   // same records, content, versions and states
        Assert.Equal(4, Records(prov).Count);
        Assert.Equal(6, Scalar(prov, "SELECT COUNT(*) FROM network_received WHERE origin = @CityCode", new { CityCode }));
        // The earlier version is kept at the province too, and the provenance names the city, its record and its provider.
        var provA = Scalar(prov, "SELECT record_id FROM network_origins WHERE origin = @CityCode AND origin_record_id = @a", new { CityCode, a });
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM record_versions WHERE record_id = @provA AND version = 1", new { provA }));
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM records WHERE id = @provA AND provider = @p AND channel = 'network' AND version = 2", new { provA, p = Kit.Provider }));
        var (s1, subjectA) = await prov.GetJson($"/api/v1/subjects/{CoA}");
        Assert.Equal(200, s1);
        Assert.Equal("3", Kit.RecordOf(subjectA, "哈市监罚〔2026〕7001号").GetProperty("fields").GetProperty("fineWan").GetString());
        // A revoked record is not published at the province either; a person is found there by the number (shared key).
        var (_, subjectB) = await prov.GetJson($"/api/v1/subjects/{CoB}");
        Assert.Empty(subjectB.GetProperty("records").EnumerateArray());
        Assert.Equal(200, (await prov.GetJson($"/api/v1/subjects/{rid}")).Status);

        // Nothing more to send: a second run sends nothing and changes nothing.
        Forward(city);
        Assert.Equal(6, Scalar(prov, "SELECT COUNT(*) FROM network_received"));
        Assert.Equal(6, Scalar(city, "SELECT sent FROM network_peers WHERE peer = '^'"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Messages_are_signed_a_replay_a_stranger_or_a_changed_body_is_refused_and_a_batch_sent_again_is_applied_once(string store)
    {
        await using var net = await NetworkPair.Start(store);
        var (city, prov) = (net.City, net.Province);
        await Kit.Penalty(city, Kit.ProviderClient(city), CoA, "哈市监罚〔2026〕7101号", "2026-10-20");
        var pending = city.Services.GetRequiredService<NetworkOutbox>().Pending(NetworkOutbox.Parent, 10);
        Assert.Single(pending);
        var batch = new NetworkBatch(CityCode, ProvinceCode, pending);
        using var key = city.Services.GetRequiredService<NodeKeys>().Load();
        using var http = new HttpClient();
        var url = prov.Url.ToString();

        async Task<(HttpStatusCode, string)> Send(HttpRequestMessage req)
        {
            var r = await http.SendAsync(req);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        static HttpRequestMessage Copy(HttpRequestMessage req, byte[] body, params (string, string)[] replace)
        {
            var copy = new HttpRequestMessage(HttpMethod.Post, req.RequestUri) { Content = new ByteArrayContent(body) };
            copy.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var h in req.Headers) copy.Headers.TryAddWithoutValidation(h.Key, replace.Any(r => r.Item1 == h.Key) ? replace.First(r => r.Item1 == h.Key).Item2 : h.Value.Single());
            return copy;
        }

        var first = NetworkTransport.Request(url, batch, key, prov.Clock.GetUtcNow());
        var body = await first.Content!.ReadAsByteArrayAsync();
        var replay = Copy(first, body);
        var (s1, t1) = await Send(first);
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(1, JsonDocument.Parse(t1).RootElement.GetProperty("applied").GetInt32());

        // The same request again (same nonce): a replay, refused.
        var (s2, t2) = await Send(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, s2);
        Assert.Contains("重放", t2);
        // The same batch sent again as a new message (its answer was lost): accepted, applied once.
        var (s3, t3) = await Send(NetworkTransport.Request(url, batch, key, prov.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal((0, 1), (JsonDocument.Parse(t3).RootElement.GetProperty("applied").GetInt32(), JsonDocument.Parse(t3).RootElement.GetProperty("resent").GetInt32()));
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM records"));

        // A key the province's operator never trusted; a body changed after signing; a stale timestamp; a node that is no peer.
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (s4, t4) = await Send(NetworkTransport.Request(url, batch, stranger, prov.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, s4);
        Assert.Contains("签名无效", t4);
        var signed = NetworkTransport.Request(url, batch, key, prov.Clock.GetUtcNow());
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(await signed.Content!.ReadAsByteArrayAsync()).Replace("\"version\":1", "\"version\":9"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(Copy(signed, changed))).Item1);
        var (s5, t5) = await Send(NetworkTransport.Request(url, batch, key, prov.Clock.GetUtcNow().AddMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, s5);
        Assert.Contains("时间戳", t5);
        var (s6, t6) = await Send(NetworkTransport.Request(url, batch with { From = "230200" }, key, prov.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, s6);
        Assert.Contains("230200", t6);
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM records"));
        Assert.Equal(1, Scalar(prov, "SELECT version FROM records"));

        // The city's own job then sends the same change: the province counts it as sent again, nothing is doubled.
        Forward(city);
        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM network_received"));
        Assert.Equal(2, Scalar(prov, "SELECT resent FROM network_peers WHERE peer = @CityCode", new { CityCode }));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_objection_marked_and_decided_at_the_province_is_visible_at_the_city_and_does_not_echo_back(string store)
    {
        await using var net = await NetworkPair.Start(store);
        var (city, prov) = (net.City, net.Province);
        const string docNo = "哈市监罚〔2026〕7201号";
        await Kit.Penalty(city, Kit.ProviderClient(city), CoA, docNo, "2026-10-20");
        Forward(city);
        var (_, atProvince) = await prov.GetJson($"/api/v1/subjects/{CoA}");
        var provRecord = Kit.RecordOf(atProvince, docNo).GetProperty("id").GetInt64();

        // The provincial agency receives an objection on paper: the record is marked at once.
        var (_, staff) = Kit.Staff(prov, "PROV-01");
        var (so, o, _) = await TestPlatform.PostJson(staff, "/api/v1/objections", new { recordId = provRecord, reason = "处罚对象有误", applicant = new { name = "某公司", contact = "0451-1" } });
        Assert.Equal(201, so);
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityCode", new { CityCode }));
        Forward(prov);
        var (_, atCity) = await city.GetJson($"/api/v1/subjects/{CoA}");
        Assert.True(Kit.RecordOf(atCity, docNo).GetProperty("underObjection").GetBoolean());
        Assert.Equal(1, Scalar(city, "SELECT COUNT(*) FROM record_events WHERE kind = 'objection-marked' AND actor = @a", new { a = "node:" + ProvinceCode }));

        // Decided: upheld, publication stops; the city stops publishing it too.
        var (sd, _, _) = await TestPlatform.PostJson(staff, $"/api/v1/objections/{o.GetProperty("id").GetInt64()}/decision", new { outcome = "upheld", action = "withhold", reasons = "处罚对象认定错误" });
        Assert.Equal(200, sd);
        Forward(prov);
        var (_, afterCity) = await city.GetJson($"/api/v1/subjects/{CoA}");
        Assert.Empty(afterCity.GetProperty("records").EnumerateArray());
        Assert.Equal(1, Scalar(city, "SELECT COUNT(*) FROM records WHERE withheld = @t AND under_objection = @f", new { t = true, f = false }));
        Assert.Equal(Records(prov), Records(city));

        // What came down is not sent back up, and the province has nothing left to send.
        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));
        Assert.Equal(0, Scalar(prov, "SELECT COUNT(*) FROM network_outbox WHERE peer <> '^'"));   // the province's own parent (national) is linked by export files
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_forward_that_misses_its_three_working_days_is_overdue_with_its_due_date_then_late_in_the_figures(string store)
    {
        // Collected on Friday 27 November 2026; due the 3rd working day after: Wednesday 2 December.
        await using var net = await NetworkPair.Start(store, now: "2026-11-27T10:00:00+08:00");
        var (city, prov) = (net.City, net.Province);
        await Kit.Penalty(city, Kit.ProviderClient(city), CoA, "哈市监罚〔2026〕7301号", "2026-10-20");
        var due = city.Services.GetRequiredService<WorkingCalendar>().AddWorkingDays(new DateOnly(2026, 11, 27), 3).Due;
        Assert.Equal(new DateOnly(2026, 12, 2), due);
        var (_, staff) = Kit.Staff(city, "CITY-01");

        var (s0, onTime) = await city.GetJson("/api/v1/network/status", staff);
        Assert.Equal(200, s0);
        Assert.Equal(0, onTime.GetProperty("state").GetProperty("overdue").GetInt32());
        Assert.Equal(1, onTime.GetProperty("state").GetProperty("peers")[0].GetProperty("queue").GetInt32());

        // On Thursday 3 December it still waits (the province was unreachable): overdue, with its due date.
        city.Clock.Set(DateTimeOffset.Parse("2026-12-03T09:00:00+08:00"));
        prov.Clock.Set(DateTimeOffset.Parse("2026-12-03T09:00:00+08:00"));
        var (_, late) = await city.GetJson("/api/v1/network/status", staff);
        var state = late.GetProperty("state");
        Assert.Equal(1, state.GetProperty("overdue").GetInt32());
        var item = state.GetProperty("worklist")[0];
        Assert.Equal("2026-12-02", item.GetProperty("dueOn").GetString());
        Assert.True(item.GetProperty("pending").GetBoolean());
        Assert.Equal(Kit.Provider, state.GetProperty("providers")[0].GetProperty("provider").GetString());
        Assert.Equal(1, state.GetProperty("providers")[0].GetProperty("overdue").GetInt32());
        Assert.Equal(403, (await city.GetJson("/api/v1/network/status", Kit.ProviderClient(city))).Status);

        // Forwarded that day: no longer waiting, counted late for its provider.
        Forward(city);
        var (_, after) = await city.GetJson("/api/v1/network/status", staff);
        state = after.GetProperty("state");
        Assert.Equal((0, 1), (state.GetProperty("overdue").GetInt32(), state.GetProperty("late").GetInt32()));
        Assert.False(state.GetProperty("worklist")[0].GetProperty("pending").GetBoolean());
        Assert.Equal("2026-12-02", state.GetProperty("worklist")[0].GetProperty("dueOn").GetString());
        Assert.Equal(1, state.GetProperty("providers")[0].GetProperty("late").GetInt32());
        Assert.Equal(1, Scalar(prov, "SELECT COUNT(*) FROM records"));
    }
}
