using System.Text.Json;
using Xinyong.Synthetic;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Network;

/// <summary><c>xinyong network backfill</c>: a platform that collected records standing alone joins the network as a city
/// node; the command puts what it collected before into the outbox for the province, once.</summary>
public class NetworkBackfillCliTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_backfill_command_enqueues_the_records_collected_before_the_node_joined_once(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        var alone = Path.Combine(s.Folder, "alone.json");
        var node = Path.Combine(s.Folder, "node.json");
        File.WriteAllText(alone, "{}");
        File.WriteAllText(node, JsonSerializer.Serialize(new { Network = new { Node = NetworkPair.CityCode } }));
        string[] With(string config, params string[] a) => [.. a, "--config", config, "--db", s.Db, "--keys", keys, "--rules", Paths.Rules];

        // Standing alone: records are collected, nothing is captured.
        Assert.Equal(0, (await Xy.Run(With(alone, "provider", "add", "--code", "HRB-SJ", "--name", "哈尔滨市市场监督管理局", "--items", "admin-penalty"))).ExitCode);
        var penalties = Path.Combine(s.Folder, "penalties.csv");
        SyntheticFiles.Write(penalties, "admin-penalty", 40, new ShuanggongshiGenerator(7, 40, new DateOnly(2026, 11, 20)));
        var imported = await Xy.Run(With(alone, "import", "--provider", "HRB-SJ", "--item", "admin-penalty", "--json", penalties));
        Assert.Equal(0, imported.ExitCode);
        var accepted = imported.Json.GetProperty("accepted").GetInt32();
        Assert.True(accepted > 30);

        // Configured as the Harbin city node: the backfill enqueues them all, and a second run nothing.
        var first = await Xy.Run(With(node, "network", "backfill"));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(accepted, first.Json.GetProperty("enqueued").GetInt32());
        var again = await Xy.Run(With(node, "network", "backfill"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, again.Json.GetProperty("enqueued").GetInt32());
        var status = await Xy.Run(With(node, "network", "status"));
        Assert.Equal(accepted, status.Json.GetProperty("state").GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("direction").GetString() == "up").GetProperty("queue").GetInt32());

        // Standing alone has no backfill.
        Assert.Equal(1, (await Xy.Run(With(alone, "network", "backfill"))).ExitCode);
    }
}
