using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Network;
using Xinyong.Tests.Lists;
using Xinyong.Tests.Objections;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Network.NetworkPair;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Network;

/// <summary>
/// Issue 17 item 3: what must be the same everywhere goes down and sideways. Two cities (哈尔滨 230100, 齐齐哈尔 230200)
/// and the province as three platforms on their own ports and stores: a record collected in one city about a subject of
/// the other reaches the other through the province, with its later versions; a list entry decided at the province about a
/// city's subject is sent down to that city and shows on the subject's page there, and so does its end; the back-fill
/// sends what a city collected before it joined.
/// </summary>
public class NetworkDownwardTests
{
    private const string CityB = "230200";
    private static readonly string HarbinCo = Uscc("MA1DWN001"), QiqiharCo = Uscc("MA1DWN002", "91230200");

    /// <summary>Two cities and the province, keys exchanged between each city and the province.</summary>
    private sealed class Trio : IAsyncDisposable
    {
        public required TestPlatform A { get; init; }
        public required TestPlatform B { get; init; }
        public required TestPlatform P { get; init; }
        public required string Folder { get; init; }

        public static async Task<Trio> Start(string store)
        {
            var folder = Directory.CreateTempSubdirectory("xinyong-net3-").FullName;
            var pid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            string Keys(string name)
            {
                var k = Path.Combine(folder, name);
                Directory.CreateDirectory(k);
                File.WriteAllText(Path.Combine(k, "personal-id.key"), pid);
                return k;
            }
            var (aKeys, bKeys, pKeys) = (Keys("a"), Keys("b"), Keys("p"));
            Exchange(aKeys, CityCode, pKeys, ProvinceCode);
            // The province already has its key: B trusts it, and the province trusts B's.
            var b = new Xinyong.Network.NodeKeys(bKeys);
            var p = new Xinyong.Network.NodeKeys(pKeys);
            b.Trust(ProvinceCode, File.ReadAllText(p.PublicKeyFile));
            p.Trust(CityB, b.Generate());

            int aPort = FreePort(), bPort = FreePort(), pPort = FreePort();
            var province = await TestPlatform.Start(store, "2026-11-23T10:00:00+08:00", configure: o => o with
            {
                Port = pPort, KeysDirectory = pKeys,
                Configuration = Config(("Network:Node", ProvinceCode), ("Network:Interval", "01:00:00"),
                    ($"Network:Peers:{CityCode}", $"http://127.0.0.1:{aPort}"), ($"Network:Peers:{CityB}", $"http://127.0.0.1:{bPort}")),
            });
            Task<TestPlatform> City(string code, string keys, int port) => TestPlatform.Start(store, "2026-11-23T10:00:00+08:00", configure: o => o with
            {
                Port = port, KeysDirectory = keys,
                Configuration = Config(("Network:Node", code), ("Network:Interval", "01:00:00"), ("Network:ParentUrl", $"http://127.0.0.1:{pPort}")),
            });
            return new Trio { A = await City(CityCode, aKeys, aPort), B = await City(CityB, bKeys, bPort), P = province, Folder = folder };
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await P.DisposeAsync();
            try { Directory.Delete(Folder, true); } catch (IOException) { }
        }
    }

    /// <summary>Item, decision number, version, content hash, status, publication and mark of a subject's records at a node.</summary>
    private static List<string> RecordsOf(TestPlatform p, string uscc)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.Query<(string, string, int, string, string, bool, bool)>(
                "SELECT r.item, r.doc_key, r.version, r.content_hash, r.status, r.withheld, r.under_objection FROM records r JOIN subjects s ON s.id = r.subject_id WHERE s.id_key = @uscc",
                new { uscc }).Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>List, decision number, status, end reason and period of a subject's list entries at a node.</summary>
    private static List<string> EntriesOf(TestPlatform p, string uscc)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.Query<(string, string, string, string?, DateOnly, DateOnly?)>(
                "SELECT e.list, e.decision_no, e.status, e.end_reason, e.starts_on, e.ends_on FROM list_entries e JOIN subjects s ON s.id = e.subject_id WHERE s.id_key = @uscc",
                new { uscc }).Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    private static string Dump(TestPlatform p)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return string.Join("\n", c.Query<(long, string, long, string, int, string)>("SELECT id, peer, record_id, item, version, status FROM network_outbox ORDER BY id").Select(x => x.ToString()))
            + "\nreceived: " + string.Join("\n", c.Query<(string, long, int)>("SELECT origin, seq, version FROM network_received").Select(x => x.ToString()))
            + "\nrecords: " + string.Join("\n", c.Query<(long, string, int, string)>("SELECT id, doc_key, version, region FROM records").Select(x => x.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_record_of_one_city_about_a_subject_of_another_reaches_it_and_a_provincial_list_entry_goes_down_to_the_subjects_city(string store)
    {
        await using var net = await Trio.Start(store);
        var (a, b, p) = (net.A, net.B, net.P);
        var own = Kit.ProviderClient(a);
        // Harbin's market regulator fines a Qiqihar company (registered in 230200) and a Harbin company.
        var q = await Kit.Penalty(a, own, QiqiharCo, "哈市监罚〔2026〕8001号", "2026-10-20", "齐齐哈尔跨市示例有限公司");
        await Kit.Penalty(a, own, HarbinCo, "哈市监罚〔2026〕8002号", "2026-10-21", "哈尔滨本市示例有限公司");
        Forward(a);
        // At the province the Qiqihar company's record waits for 230200 only; the Harbin one goes nowhere down (it came from there).
        Assert.Equal(1, Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityB", new { CityB }));
        Assert.Equal(0, Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityCode", new { CityCode }));
        Forward(p);
        Assert.Equal(RecordsOf(a, QiqiharCo), RecordsOf(b, QiqiharCo));
        Assert.Single(RecordsOf(b, QiqiharCo));
        Assert.Empty(RecordsOf(b, HarbinCo));
        var (sb, atB) = await b.GetJson($"/api/v1/subjects/{QiqiharCo}");
        Assert.Equal(200, sb);
        Assert.Equal("齐齐哈尔跨市示例有限公司", atB.GetProperty("name").GetString());

        // A correction at Harbin reaches Qiqihar too, as the same version.
        var (sc, _, _) = await TestPlatform.PostJson(own, $"/api/v1/records/{q}/corrections", new { reason = "罚款金额有误", fields = new Dictionary<string, string> { ["罚款金额（万元）"] = "3" } });
        Assert.Equal(200, sc);
        Forward(a);
        Assert.True(RecordsOf(a, QiqiharCo).SequenceEqual(RecordsOf(p, QiqiharCo)), Dump(p));
        Assert.Equal(1, Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityB", new { CityB }));
        Forward(p);
        Assert.Equal(RecordsOf(a, QiqiharCo), RecordsOf(b, QiqiharCo));
        Assert.Contains(", 2, ", RecordsOf(b, QiqiharCo).Single());
        Assert.Equal(RecordsOf(p, QiqiharCo), RecordsOf(b, QiqiharCo));

        // The province lists both companies on the DishonestyList, each on the record Harbin sent.
        var staff = p.As(p.Account(Xinyong.Storage.Accounts.AccountKinds.Staff, "PROV-XY", "省公共信用工作机构"));
        object Decision(string subject, long record, string no) => new
        {
            subject, ground = "art29-4", reasons = "生产销售假冒伪劣产品，货值金额巨大，情节严重", records = new[] { record }, decisionNo = no,
            decidingUnit = "黑龙江省市场监督管理局", startsOn = "2026-11-23",
        };
        var (s1, e1, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(QiqiharCo, Court.RecordId(p, QiqiharCo, "admin-penalty"), "黑市监信认〔2026〕1号"));
        Assert.True(s1 == 201, e1.ToString());
        var (s2, _, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(HarbinCo, Court.RecordId(p, HarbinCo, "admin-penalty"), "黑市监信认〔2026〕2号"));
        Assert.Equal(201, s2);
        Assert.True(1 == Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityB AND item = 'list-entry'", new { CityB }), Dump(p));
        // Harbin gets both: the entry about its own company, and the Qiqihar entry that rests on Harbin's record.
        Assert.Equal(2, Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer = @CityCode AND item = 'list-entry'", new { CityCode }));
        Forward(p);
        Assert.Equal(EntriesOf(p, QiqiharCo), EntriesOf(b, QiqiharCo));
        Assert.Single(EntriesOf(b, QiqiharCo));
        Assert.Empty(EntriesOf(b, HarbinCo));
        Assert.Equal(EntriesOf(p, HarbinCo), EntriesOf(a, HarbinCo));
        Assert.Equal(EntriesOf(p, QiqiharCo), EntriesOf(a, QiqiharCo));   // it rests on Harbin's record: Harbin shows it too
        // At Harbin the entry rests on Harbin's own record, at Qiqihar on the copy that came down.
        Assert.Equal(1, Scalar(a, "SELECT COUNT(*) FROM list_entries e JOIN records r ON r.id = e.record_id JOIN subjects s ON s.id = r.subject_id WHERE s.id_key = @HarbinCo AND r.channel <> 'network'", new { HarbinCo }));
        Assert.Equal(1, Scalar(b, "SELECT COUNT(*) FROM list_entries e JOIN records r ON r.id = e.record_id JOIN subjects s ON s.id = r.subject_id WHERE s.id_key = @QiqiharCo", new { QiqiharCo }));
        Assert.Equal(1, Scalar(a, "SELECT COUNT(*) FROM list_entries e JOIN records r ON r.id = e.record_id JOIN subjects s ON s.id = r.subject_id WHERE s.id_key = @QiqiharCo AND r.channel <> 'network'", new { QiqiharCo }));
        // The subject's public page at Qiqihar shows the entry, as at the province.
        var pageB = await b.Http.GetStringAsync($"/subjects/{QiqiharCo}");
        var pageP = await p.Http.GetStringAsync($"/subjects/{QiqiharCo}");
        Assert.Contains("黑市监信认〔2026〕1号", pageB);
        Assert.Contains("黑市监信认〔2026〕1号", pageP);
        Assert.Contains("严重失信主体名单", pageB);

        // Lifted at the province: it ends at Qiqihar too, and nothing echoes back up.
        var (sl, _, _) = await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{e1.GetProperty("id").GetInt64()}/lift", new { reason = "lifted", note = "已履行行政处罚决定并完成信用修复" });
        Assert.Equal(204, sl);
        Forward(p);
        Assert.Equal(EntriesOf(p, QiqiharCo), EntriesOf(b, QiqiharCo));
        Assert.Equal(EntriesOf(p, QiqiharCo), EntriesOf(a, QiqiharCo));
        Assert.Contains("ended", EntriesOf(b, QiqiharCo).Single());
        Assert.DoesNotContain("黑市监信认〔2026〕1号", await b.Http.GetStringAsync($"/subjects/{QiqiharCo}"));
        Assert.Equal(0, Scalar(b, "SELECT COUNT(*) FROM network_outbox"));
        Assert.Equal(0, Scalar(a, "SELECT COUNT(*) FROM network_outbox"));
        Assert.Equal(0, Scalar(p, "SELECT COUNT(*) FROM network_outbox WHERE peer <> '^'"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_backfill_sends_what_a_city_collected_before_it_joined_once(string store)
    {
        await using var net = await NetworkPair.Start(store);
        var (city, prov) = (net.City, net.Province);
        var db = city.Services.GetRequiredService<Database>();
        // The city as it stood before it joined: no capture, never a node.
        NetworkSchema.Install(db, null, up: false, new Dictionary<string, string>(), city.Clock.GetUtcNow());
        using (var c = db.Open()) c.Execute("DELETE FROM network_joined");
        var own = Kit.ProviderClient(city);
        await Kit.Penalty(city, own, Uscc("MA1BKF001"), "哈市监罚〔2026〕8101号", "2026-10-20");
        await Kit.Penalty(city, own, Uscc("MA1BKF002"), "哈市监罚〔2026〕8102号", "2026-10-21");
        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));

        // It joins a day later; what it collects from then on is captured as it is collected.
        city.Clock.Set(DateTimeOffset.Parse("2026-11-24T09:00:00+08:00"));
        prov.Clock.Set(DateTimeOffset.Parse("2026-11-24T09:00:00+08:00"));
        NetworkSchema.Install(db, CityCode, up: true, new Dictionary<string, string>(), city.Clock.GetUtcNow());
        await Kit.Penalty(city, own, Uscc("MA1BKF003"), "哈市监罚〔2026〕8103号", "2026-10-22");
        Assert.Equal(1, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));

        var outbox = city.Services.GetRequiredService<NetworkOutbox>();
        Assert.Equal(2, outbox.Backfill(ProvinceCode, all: false, city.Clock.GetUtcNow()));
        Assert.Equal(0, outbox.Backfill(ProvinceCode, all: false, city.Clock.GetUtcNow()));   // idempotent
        Assert.Equal(3, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));
        Forward(city);
        Assert.Equal(3, Scalar(prov, "SELECT COUNT(*) FROM records"));
        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_outbox"));
        // Nothing again after the forward, and --all leaves out what a back-fill already sent.
        Assert.Equal(0, outbox.Backfill(ProvinceCode, all: false, city.Clock.GetUtcNow()));
        Assert.Equal(1, outbox.Backfill(ProvinceCode, all: true, city.Clock.GetUtcNow()));   // the one captured at collection, now sent once more
        Forward(city);
        Assert.Equal(3, Scalar(prov, "SELECT COUNT(*) FROM records"));
        Assert.Equal(0, Scalar(prov, "SELECT COUNT(*) FROM record_versions"));
        // A back-filled record's deadline counts from the back-fill: not late.
        Assert.Equal(0, Scalar(city, "SELECT COUNT(*) FROM network_late"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_overdue_forward_is_on_the_agencys_worklist_with_its_due_date_and_in_the_provider_quality_figures(string store)
    {
        // Collected on Friday 27 November 2026, due Wednesday 2 December; still waiting on Thursday 3 December.
        await using var net = await NetworkPair.Start(store, now: "2026-11-27T10:00:00+08:00");
        var (city, prov) = (net.City, net.Province);
        await Kit.Penalty(city, Kit.ProviderClient(city), Uscc("MA1PDX001"), "哈市监罚〔2026〕8201号", "2026-10-20");
        var (token, staff) = Kit.Staff(city, "CITY-XY");
        var portal = await Kit.StaffPortal(city, "CITY-XY", token);
        Assert.DoesNotContain("network-overdue-forwards", await portal.GetStringAsync("/staff/worklist"));
        var (_, q0) = await city.GetJson("/api/v1/providers/quality", staff);
        var row0 = q0.GetProperty("providers").EnumerateArray().Single(r => r.GetProperty("provider").GetString() == Kit.Provider);
        Assert.Equal((1, 0), (row0.GetProperty("forwardsWaiting").GetInt32(), row0.GetProperty("forwardsOverdue").GetInt32()));

        city.Clock.Set(DateTimeOffset.Parse("2026-12-03T09:00:00+08:00"));
        prov.Clock.Set(DateTimeOffset.Parse("2026-12-03T09:00:00+08:00"));
        portal = await Kit.StaffPortal(city, "CITY-XY", token);   // a new day, a new sign-in
        var page = await portal.GetStringAsync("/staff/worklist");
        Assert.Contains("network-overdue-forwards", page);
        Assert.Contains("最早应于 2026-12-02 前转送", page);
        var (_, q1) = await city.GetJson("/api/v1/providers/quality", staff);
        var row1 = q1.GetProperty("providers").EnumerateArray().Single(r => r.GetProperty("provider").GetString() == Kit.Provider);
        Assert.Equal((1, 1, 0), (row1.GetProperty("forwardsWaiting").GetInt32(), row1.GetProperty("forwardsOverdue").GetInt32(), row1.GetProperty("forwardsLate").GetInt32()));

        // Forwarded late: off the worklist, counted late in the period's figures.
        Forward(city);
        Assert.DoesNotContain("network-overdue-forwards", await portal.GetStringAsync("/staff/worklist"));
        var (_, q2) = await city.GetJson("/api/v1/providers/quality", staff);
        var row2 = q2.GetProperty("providers").EnumerateArray().Single(r => r.GetProperty("provider").GetString() == Kit.Provider);
        Assert.Equal((0, 0, 1), (row2.GetProperty("forwardsWaiting").GetInt32(), row2.GetProperty("forwardsOverdue").GetInt32(), row2.GetProperty("forwardsLate").GetInt32()));
    }
}
