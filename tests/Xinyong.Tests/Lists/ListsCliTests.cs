using System.Text;
using Dapper;
using Xinyong.Storage;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>The CLI: the published measures in force, and a court file imported from the command line lists its subjects.</summary>
public class ListsCliTests
{
    [Fact]
    public async Task Measures_list_prints_the_version_in_force_and_refuses_a_day_before_any()
    {
        var r = await Xy.Run("measures", "list", "--rules", Paths.Rules, "--on", "2026-06-01");
        Assert.Equal(0, r.ExitCode);
        var lines = r.JsonLines;
        Assert.All(lines, l => Assert.Equal("2026.1", l.GetProperty("version").GetString()));
        var p312 = lines.Single(l => l.GetProperty("code").GetString() == "P-31-2");
        Assert.Equal(("punishment", "本省失信惩戒措施补充清单"), (p312.GetProperty("kind").GetString(), p312.GetProperty("list").GetString()));
        Assert.Equal(["procurement"], p312.GetProperty("scenarios").EnumerateArray().Select(x => x.GetString()));

        var before = await Xy.Run("measures", "list", "--rules", Paths.Rules, "--on", "2025-06-01");
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("2026-01-01", before.Err);
        Assert.Equal(2, (await Xy.Run("measures", "list", "--rules", Paths.Rules, "--on", "June")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_court_file_imported_by_the_cli_lists_its_subject(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        var file = Path.Combine(s.Folder, "court-dishonest.csv");
        await File.WriteAllTextAsync(file, Csv(Court.Headers, [Court.Row("（2026）黑0103执9001号", "哈尔滨命令行示例有限公司", Uscc("MA1CMD001"))]), Encoding.UTF8);
        Assert.Equal(0, (await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "HLJ-GY", "--name", "黑龙江省高级人民法院", "--items", "court-dishonest")).ExitCode);
        var dept = await Xy.Run("department", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "HRB-CG", "--name", "哈尔滨市政府采购中心");
        Assert.Equal(0, dept.ExitCode);
        Assert.Equal("HRB-CG", dept.Json.GetProperty("code").GetString());
        Assert.StartsWith("xy_", dept.Json.GetProperty("token").GetString());

        var import = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HLJ-GY", "--item", "court-dishonest", file);
        Assert.Equal(0, import.ExitCode);
        using var c = Database.FromArgument(s.Db).Open();
        Assert.Equal(("dishonesty", "（2026）黑0103执9001号"), c.QueryFirst<(string, string)>("SELECT list, decision_no FROM list_entries"));
    }
}
