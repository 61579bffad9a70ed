using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Network;

namespace Xinyong.Tests.Network;

/// <summary>
/// A city node (哈尔滨, 230100) and the provincial node (230000) as two platforms on their own ports and stores, whose
/// operators exchanged public keys and share the network's personal-identifier key.
/// </summary>
internal sealed class NetworkPair : IAsyncDisposable
{
    public const string CityCode = "230100";
    public const string ProvinceCode = "230000";

    private readonly string _folder;

    private NetworkPair(TestPlatform city, TestPlatform province, string folder) { City = city; Province = province; _folder = folder; }

    public TestPlatform City { get; }
    public TestPlatform Province { get; }

    public static async Task<NetworkPair> Start(string store, string now = "2026-11-23T10:00:00+08:00", int? parentPort = null)
    {
        var folder = Directory.CreateTempSubdirectory("xinyong-net-").FullName;
        var cityKeys = Path.Combine(folder, "city-keys");
        var provKeys = Path.Combine(folder, "province-keys");
        var pid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (var k in new[] { cityKeys, provKeys })
        {
            Directory.CreateDirectory(k);
            File.WriteAllText(Path.Combine(k, "personal-id.key"), pid);
        }
        Exchange(cityKeys, CityCode, provKeys, ProvinceCode);

        int cityPort = FreePort(), provPort = FreePort();
        var province = await TestPlatform.Start(store, now, configure: o => o with
        {
            Port = provPort, KeysDirectory = provKeys,
            Configuration = Config(("Network:Node", ProvinceCode), ("Network:Interval", "01:00:00"), ($"Network:Peers:{CityCode}", $"http://127.0.0.1:{cityPort}")),
        });
        var city = await TestPlatform.Start(store, now, configure: o => o with
        {
            Port = cityPort, KeysDirectory = cityKeys,
            Configuration = Config(("Network:Node", CityCode), ("Network:Interval", "01:00:00"), ("Network:ParentUrl", $"http://127.0.0.1:{parentPort ?? provPort}")),
        });
        return new NetworkPair(city, province, folder);
    }

    /// <summary>Generates both nodes' keys and has each trust the other's public key.</summary>
    public static void Exchange(string aKeys, string aCode, string bKeys, string bCode)
    {
        var a = new NodeKeys(aKeys);
        var b = new NodeKeys(bKeys);
        var aPub = a.Generate();
        var bPub = b.Generate();
        a.Trust(bCode, bPub);
        b.Trust(aCode, aPub);
    }

    public static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>Runs a node's forwarding job once (throws when a peer failed).</summary>
    public static void Forward(TestPlatform p) => p.Services.GetRequiredService<ForwardingJob>().RunOnce();

    public static long Scalar(TestPlatform p, string sql, object? args = null)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await City.DisposeAsync();
        await Province.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
