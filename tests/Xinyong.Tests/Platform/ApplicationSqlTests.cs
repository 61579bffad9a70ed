using System.Text.RegularExpressions;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// The application layer holds no SQL text (issue 12): its workflows call stores of Storage that take the caller's
/// connection and transaction. Checked for every folder of <c>src/Xinyong.Application</c>.
/// </summary>
public sealed partial class ApplicationSqlTests
{
    /// <summary>Every folder of the application layer.</summary>
    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(Paths.Repo, "src", "Xinyong.Application")).Order())
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj")) data.Add(name);
        }
        return data;
    }

    [GeneratedRegex(@"\b(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|ON\s+CONFLICT\b)|\bDapper\b")]
    private static partial Regex Sql();

    [Fact]
    public void The_SQL_detector_finds_statements_and_Dapper_but_not_LINQ()
    {
        Assert.Matches(Sql(), "c.Execute(\"DELETE FROM network_nonces WHERE at < @old\");");
        Assert.Matches(Sql(), "            SELECT id, version FROM records");
        Assert.Matches(Sql(), "\"INSERT OR IGNORE INTO network_nonces (node) VALUES (@node)\"");
        Assert.Matches(Sql(), "Dapper.SqlMapper.Execute(ctx.Connection, \"UPDATE cases SET subject_id = @id WHERE id = @caseId\");");
        Assert.Matches(Sql(), "using Dapper;");
        Assert.DoesNotMatch(Sql(), "var names = items.Select(i => i.Name).ToList();");
        Assert.DoesNotMatch(Sql(), LayeringTests.CodeOf("    // SELECT is in the store now"));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_folder_holds_no_SQL_text(string folder)
    {
        var dir = Path.Combine(Paths.Repo, "src", "Xinyong.Application", folder);
        Assert.True(Directory.Exists(dir), dir);
        var found = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Code: LayeringTests.CodeOf(line))))
            .Where(x => Sql().IsMatch(x.Code))
            .Select(x => $"{x.File}:{x.Line}")
            .ToList();
        Assert.True(found.Count == 0, $"SQL belongs to a store in src/Xinyong.Storage/{folder} that takes the caller's connection and transaction: " + string.Join(", ", found));
    }
}
