using System.Text.Json;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Rules;

/// <summary><c>xinyong config check</c> loads every kind of rule file, and names the file a wrong one is in.</summary>
public class RuleFilesCheckTests
{
    [Theory]
    [InlineData("security/signin.yaml", "  maxFailures: 5\n", "  maxFailures: 0\n", "signin.yaml")]
    [InlineData("supervision/rules.yaml", "integrityItem:", "integrityItemx:", "supervision/rules.yaml: line")]
    [InlineData("cases/commitment.yaml", "kind: commitment\n", "kind: commitment\ncolour: red\n", "commitment.yaml: line")]
    [InlineData("inspections/2026.1.yaml", "inspectorsPerTarget: 2", "inspectorsPerTarget: 1", "'inspectorsPerTarget' must be at least 2")]
    public async Task Config_check_refuses_a_wrong_file_of_any_kind(string file, string find, string replace, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-rules-check-").FullName;
        try
        {
            var rules = Path.Combine(dir, "data");
            Copy(Paths.Rules, rules);
            var path = Path.Combine(rules, file);
            var text = File.ReadAllText(path);
            Assert.Contains(find, text);
            var config = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new { Db = Path.Combine(dir, "x.db"), Rules = rules, Keys = Path.Combine(dir, "keys") }));

            var ok = await Xy.Run("config", "check", "--config", config);
            Assert.True(Rules(ok).GetProperty("ok").GetBoolean(), ok.Out + ok.Err);

            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
            var bad = await Xy.Run("config", "check", "--config", config);
            Assert.Equal(1, bad.ExitCode);
            var check = Rules(bad);
            Assert.False(check.GetProperty("ok").GetBoolean());
            Assert.Contains(expected, check.GetProperty("detail").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }

    private static JsonElement Rules(Xy.Result run)
    {
        return run.JsonLines.Single(l => l.TryGetProperty("check", out var c) && c.GetString() == "rules");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, f);
            if (rel.EndsWith(".db", StringComparison.Ordinal) || rel.StartsWith("keys", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, rel))!);
            File.Copy(f, Path.Combine(to, rel));
        }
    }
}
