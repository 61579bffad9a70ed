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
        Assert.Equal("entry-changed", broken.Json.GetProperty("code").GetString());
        Assert.Contains("写入后被改动", broken.Json.GetProperty("reason").GetString());
        Assert.Equal(2, (await Xy.Run(Common("audit", "list", "--limit", "0"))).ExitCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Commands_leave_a_signed_checkpoint_a_dropped_tail_exits_1_and_rotate_key_is_crossed(string store)
    {
        using var s = TestStores.Create(store);
        string[] Common(params string[] args) => [.. args, "--db", s.Db, "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules];
        Assert.Equal(0, (await Xy.Run(Common("staff", "add", "--code", "XY-01", "--name", "公共信用工作机构", "--role", "agency"))).ExitCode);
        Assert.Equal(0, (await Xy.Run(Common("staff", "add", "--code", "XY-02", "--name", "公共信用工作机构", "--role", "agency"))).ExitCode);

        // Each command that wrote to the chain signed its head before it ended.
        var ok = await Xy.Run(Common("audit", "verify"));
        Assert.Equal(0, ok.ExitCode);
        Assert.True(ok.Json.GetProperty("checkpoints").GetInt32() >= 2);
        Assert.Equal(ok.Json.GetProperty("head").GetInt64(), ok.Json.GetProperty("checkpoint").GetProperty("seq").GetInt64());

        var rotated = await Xy.Run(Common("audit", "rotate-key", "--by", "XY-01"));
        Assert.Equal(0, rotated.ExitCode);
        var newKey = rotated.Json.GetProperty("newKeyId").GetString();
        Assert.NotEqual(rotated.Json.GetProperty("oldKeyId").GetString(), newKey);
        Assert.Equal(0, (await Xy.Run(Common("staff", "add", "--code", "XY-03", "--name", "公共信用工作机构", "--role", "agency"))).ExitCode);
        var list = (await Xy.Run(Common("audit", "list", "--limit", "2"))).JsonLines;
        Assert.Equal(newKey, list[0].GetProperty("keyId").GetString());
        Assert.Equal(("audit.key.rotate", $"audit-key:{newKey}"), (list[1].GetProperty("action").GetString(), list[1].GetProperty("target").GetString()));
        Assert.Equal(0, (await Xy.Run(Common("audit", "verify"))).ExitCode);

        using (var c = Database.FromArgument(s.Db).Open())
            c.Execute("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
        var broken = await Xy.Run(Common("audit", "verify"));
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal("tail-dropped", broken.Json.GetProperty("code").GetString());
        Assert.Contains("最新的1条记录被删除", broken.Json.GetProperty("reason").GetString());
        Assert.Contains("[tail-dropped]", broken.Err);
        Assert.Equal(1, (await Xy.Run(Common("audit", "checkpoint"))).ExitCode);   // nothing is signed over it
        Assert.Equal(1, (await Xy.Run(Common("audit", "rotate-key"))).ExitCode);
    }
}
