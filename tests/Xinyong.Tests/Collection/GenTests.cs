using System.Text;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Collection;

/// <summary><c>xinyong gen</c> writes files the pipeline accepts, with exactly the defects asked for.</summary>
public class GenTests
{
    [Theory]
    [InlineData("admin-penalty", "csv", "utf-8")]
    [InlineData("admin-licence", "csv", "gb18030")]
    [InlineData("court-dishonest", "jsonl", "utf-8")]
    [InlineData("admin-penalty", "xlsx", "utf-8")]
    public async Task Generated_files_import_cleanly_and_the_same_seed_gives_the_same_file(string item, string format, string encoding)
    {
        using var s = TestStores.Create("sqlite");
        var file = Path.Combine(s.Folder, $"gen.{format}");
        var g = await Xy.Run("gen", "--item", item, "--rows", "400", "--seed", "5", "--format", format, "--encoding", encoding, "--today", "2026-11-22", "-o", file);
        Assert.Equal(0, g.ExitCode);
        Assert.Equal(400, g.Json.GetProperty("rows").GetInt64());
        if (format == "csv")
        {
            var again = Path.Combine(s.Folder, "again.csv");
            await Xy.Run("gen", "--item", item, "--rows", "400", "--seed", "5", "--encoding", encoding, "--today", "2026-11-22", "-o", again);
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(again));
        }
        var keys = Path.Combine(s.Folder, "keys");
        await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "G", "--name", "生成", "--items", item);
        var r = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "G", "--item", item, "--json", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, r.Json.GetProperty("rejected").GetArrayLength());
        Assert.Equal(400, r.Json.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Spoiled_rows_are_each_rejected_with_a_reason()
    {
        using var s = TestStores.Create("sqlite");
        var file = Path.Combine(s.Folder, "bad.csv");
        await Xy.Run("gen", "--rows", "1000", "--bad", "0.1", "--today", "2026-11-22", "-o", file);
        var spoiled = File.ReadLines(file, Encoding.UTF8).Skip(1).Count(l => l.Contains("2026-02-30") || l.Contains(",-5,") || l.StartsWith(','));
        var keys = Path.Combine(s.Folder, "keys");
        await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "G", "--name", "生成", "--items", "admin-penalty");
        var r = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "G", "--item", "admin-penalty", "--json", file);
        var rejected = r.Json.GetProperty("rejected").GetArrayLength();
        Assert.InRange(rejected, 50, 150);
        Assert.True(rejected >= spoiled);
        Assert.Equal(1000, rejected + r.Json.GetProperty("accepted").GetInt32() + r.Json.GetProperty("duplicates").GetInt32());
        Assert.All(r.Json.GetProperty("rejected").EnumerateArray(), x => Assert.NotEqual(0, x.GetProperty("errors").GetArrayLength()));
    }
}
