using Dapper;
using Xinyong.Storage;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>The auditor's commands: <c>xinyong audit verify</c> and <c>xinyong audit list</c>, on both stores.</summary>
public class AuditCliTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Verify_finds_a_forged_entry_and_list_shows_what_happened(string store)
    {
        using var s = TestStores.Create(store);
        string[] Common(params string[] args) => [.. args, "--db", s.Db, "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules];
        Assert.Equal(0, (await Xy.Run(Common("provider", "add", "--code", "HRB-SJ", "--name", "哈尔滨市市场监督管理局", "--items", "admin-penalty"))).ExitCode);
        Assert.Equal(0, (await Xy.Run(Common("staff", "add", "--code", "XY-01", "--name", "公共信用工作机构", "--role", "agency"))).ExitCode);

        var ok = await Xy.Run(Common("audit", "verify"));
        Assert.Equal(0, ok.ExitCode);
        Assert.True(ok.Json.GetProperty("valid").GetBoolean());
        var entries = ok.Json.GetProperty("entries").GetInt64();
        Assert.True(entries >= 2, $"{entries} entries");

        var list = await Xy.Run(Common("audit", "list", "--limit", "1"));
        Assert.Equal(0, list.ExitCode);
        var newest = Assert.Single(list.JsonLines);
        Assert.Equal(entries, newest.GetProperty("seq").GetInt64());
        Assert.Contains("XY-01", newest.GetProperty("target").GetString());

        using (var c = Database.FromArgument(s.Db).Open())
            c.Execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = (SELECT MIN(seq) FROM audit_log)");
        var broken = await Xy.Run(Common("audit", "verify"));
        Assert.Equal(1, broken.ExitCode);
        Assert.False(broken.Json.GetProperty("valid").GetBoolean());
        Assert.Contains("changed after it was written", broken.Json.GetProperty("reason").GetString());
        Assert.Equal(2, (await Xy.Run(Common("audit", "list", "--limit", "0"))).ExitCode);
    }
}
