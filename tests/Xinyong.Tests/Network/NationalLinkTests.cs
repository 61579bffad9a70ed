using System.Text;
using System.Text.Json;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Synthetic;
using Xinyong.Tests.Support;
using Xinyong.Application.Network;
using Dapper;

namespace Xinyong.Tests.Network;

/// <summary>The national link by files: the province's upward changes exported as signed JSON-lines batches, and the
/// national list decisions imported as a source only when their signature holds; and the operators' key commands.</summary>
public class NationalLinkTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_province_exports_signed_batches_upward_and_imports_national_list_decisions_only_when_signed_by_the_national_node(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        var config = Path.Combine(s.Folder, "xinyong.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { Network = new { Node = "230000" } }));
        string[] Common(params string[] a) => [.. a, "--config", config, "--db", s.Db, "--keys", keys, "--rules", Paths.Rules];

        // The operators' keys: the province's, and the national node's (held elsewhere), exchanged as public keys.
        var keygen = await Xy.Run(Common("network", "keygen"));
        Assert.Equal(0, keygen.ExitCode);
        Assert.Equal(1, (await Xy.Run(Common("network", "keygen"))).ExitCode);   // never replaced silently
        var national = new NodeKeys(Path.Combine(s.Folder, "national-keys"));
        var nationalPub = Path.Combine(s.Folder, "national.pub.pem");
        File.WriteAllText(nationalPub, national.Generate());
        var trust = await Xy.Run(Common("network", "trust", "--node", "100000", nationalPub));
        Assert.Equal(0, trust.ExitCode);
        using (var nk = national.Load()) Assert.Equal(NodeKeys.Fingerprint(nk), trust.Json.GetProperty("fingerprint").GetString());
        national.Trust("230000", keygen.Json.GetProperty("publicKey").GetString()!);

        // Records collected at the province wait for the national node (no address: the file link).
        Assert.Equal(0, (await Xy.Run(Common("provider", "add", "--code", "HLJ-SJ", "--name", "黑龙江省市场监督管理局", "--items", "admin-penalty"))).ExitCode);
        var penalties = Path.Combine(s.Folder, "penalties.csv");
        SyntheticFiles.Write(penalties, "admin-penalty", 120, new ShuanggongshiGenerator(5, 100, new DateOnly(2026, 11, 20)));
        var imported = await Xy.Run(Common("import", "--provider", "HLJ-SJ", "--item", "admin-penalty", "--json", penalties));
        Assert.Equal(0, imported.ExitCode);
        var accepted = imported.Json.GetProperty("accepted").GetInt32();
        Assert.True(accepted > 100);
        var status = await Xy.Run(Common("network", "status"));
        Assert.Equal(0, status.ExitCode);
        // The parent's queue (the province also sends records about a city's subjects down to that city: other peers).
        Assert.Equal(accepted, status.Json.GetProperty("state").GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("direction").GetString() == "up").GetProperty("queue").GetInt32());
        Assert.Equal("100000", status.Json.GetProperty("parent").GetString());

        var outDir = Path.Combine(s.Folder, "national-out");
        var export = await Xy.Run(Common("network", "export", "--dir", outDir, "--batch", "50"));
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(3, export.JsonLines.Count);
        Assert.Equal(accepted, export.JsonLines.Sum(l => l.GetProperty("lines").GetInt32()));
        using (var c = Database.FromArgument(s.Db).Open()) Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM network_outbox WHERE peer = '^'"));
        foreach (var line in export.JsonLines)
        {
            var file = line.GetProperty("file").GetString()!;
            Assert.Equal("230000", SignedBatchFiles.Verify(file, "230000", "100000", national).From);
            var first = JsonDocument.Parse(File.ReadLines(file).First()).RootElement;
            Assert.Equal(1, first.GetProperty("version").GetInt32());
            Assert.Equal("HLJ-SJ", first.GetProperty("provider").GetString());
            Assert.False(string.IsNullOrEmpty(first.GetProperty("subject").GetProperty("key").GetString()));
        }
        Assert.Empty((await Xy.Run(Common("network", "export", "--dir", outDir))).Out);   // nothing left to send

        // National list decisions as a source: a signed batch of court records is imported; a changed one is refused whole.
        Assert.Equal(0, (await Xy.Run(Common("provider", "add", "--code", "NAT-COURT", "--name", "最高人民法院失信被执行人名单", "--items", "court-dishonest"))).ExitCode);
        var gen = new ShuanggongshiGenerator(9, 20, new DateOnly(2026, 11, 20));
        var headers = ShuanggongshiGenerator.Headers("court-dishonest");
        var court = Path.Combine(s.Folder, "court.jsonl");
        File.WriteAllLines(court, Enumerable.Range(0, 10).Select(_ => JsonSerializer.Serialize(headers.Zip(gen.Next("court-dishonest")).Where(x => x.Second.Length > 0).ToDictionary(x => x.First, x => x.Second))));
        using (var nk = national.Load()) SignedBatchFiles.Sign(court, "100000", "230000", nk, DateTimeOffset.UtcNow);
        var tampered = Path.Combine(s.Folder, "court-changed.jsonl");
        File.WriteAllText(tampered, File.ReadAllText(court).Replace("2026", "2025"));
        File.Copy(SignedBatchFiles.SignatureOf(court), SignedBatchFiles.SignatureOf(tampered));
        var refused = await Xy.Run(Common("network", "import", "--from", "100000", "--provider", "NAT-COURT", "--item", "court-dishonest", tampered));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("signature does not match", refused.Err);
        var wrongSigner = await Xy.Run(Common("network", "import", "--from", "230100", "--provider", "NAT-COURT", "--item", "court-dishonest", court));
        Assert.Equal(1, wrongSigner.ExitCode);
        var ok = await Xy.Run(Common("network", "import", "--from", "100000", "--provider", "NAT-COURT", "--item", "court-dishonest", court));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(10, ok.Json.GetProperty("accepted").GetInt32());
        using (var c = Database.FromArgument(s.Db).Open())
        {
            Assert.Equal(10, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE item = 'court-dishonest' AND channel = 'national'"));
            Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM list_entries") > 0);   // the court hook listed the subjects (Art. 28)
        }
    }
}
