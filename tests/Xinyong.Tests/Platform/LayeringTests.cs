using System.Reflection;
using System.Text.RegularExpressions;
using Xinyong.Storage;
using Xinyong.Storage.Notifications;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// The layers keep to their work (docs/architecture.md): Storage is persistence — no Chinese text for people, no
/// notifications — and the command line reaches the web host only to serve.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Storage files whose Chinese strings are stored data, not text for people.</summary>
    private static readonly Dictionary<string, string> StoredData = new()
    {
    };

    /// <summary>
    /// Storage files that still hold Chinese text and are not moved yet (issue 12, item 1): the list may only shrink.
    /// Each entry says what the text is.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetMoved = new()
    {
    };

    /// <summary>Storage files that still send notifications (the list may only shrink).</summary>
    private static readonly string[] OutboxNotYetMoved = [];

    private static string Src(string project) => Path.Combine(Paths.Repo, "src", project);

    private static IEnumerable<string> Sources(string project) =>
        Directory.EnumerateFiles(Src(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

    private static string Relative(string project, string file) => Path.GetRelativePath(Src(project), file).Replace('\\', '/');

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Chinese();

    /// <summary>The code of a line without its comment (a <c>//</c> outside a string), or "" for a comment line.</summary>
    internal static string CodeOf(string line)
    {
        var t = line.TrimStart();
        if (t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith("*", StringComparison.Ordinal) || t.StartsWith("/*", StringComparison.Ordinal)) return "";
        var inString = false;
        for (var i = 0; i < line.Length - 1; i++)
        {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) inString = !inString;
            else if (!inString && line[i] == '/' && line[i + 1] == '/') return line[..i];
        }
        return line;
    }

    private static IEnumerable<string> FilesWithChineseCode(string project) =>
        Sources(project)
            .Where(f => File.ReadLines(f).Any(l => Chinese().IsMatch(CodeOf(l))))
            .Select(f => Relative(project, f));

    [Fact]
    public void The_comment_stripper_keeps_strings_and_drops_comments()
    {
        Assert.Equal("", CodeOf("    /// <summary>认定</summary>"));
        Assert.Equal("var x = \"认定\"; ", CodeOf("var x = \"认定\"; // 注释"));
        Assert.Equal("var u = \"http://x\";", CodeOf("var u = \"http://x\";"));
        Assert.Matches(Chinese(), CodeOf("throw Refusal.Invalid(\"x\", \"须填写\");"));
    }

    [Fact]
    public void Storage_holds_no_Chinese_text_outside_the_allow_list()
    {
        var found = FilesWithChineseCode("Xinyong.Storage").ToHashSet();
        var unexpected = found.Where(f => !StoredData.ContainsKey(f) && !NotYetMoved.ContainsKey(f)).Order().ToList();
        Assert.True(unexpected.Count == 0,
            "Chinese text for people belongs to the application layer or the domain, not to Storage (move the workflow, or throw a refusal " +
            "whose message the caller gives): " + string.Join(", ", unexpected));
        var stale = StoredData.Keys.Concat(NotYetMoved.Keys).Where(f => !found.Contains(f)).Order().ToList();
        Assert.True(stale.Count == 0, "these allow-listed files hold no Chinese text any more; remove them from the list: " + string.Join(", ", stale));
    }

    [Fact]
    public void Storage_sends_no_notifications()
    {
        var storage = typeof(Database).Assembly;
        var senders = storage.GetTypes()
            .Where(t => t != typeof(Outbox) && !t.IsNested)
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Outbox)))
                || t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Any(f => f.FieldType == typeof(Outbox)))
            .Select(t => t.FullName!["Xinyong.Storage.".Length..])
            .Order().ToList();
        Assert.Equal(OutboxNotYetMoved.Order(), senders);
        // Nothing else names the outbox (a static call, a parameter): only its own file and the allow-listed ones.
        var named = Sources("Xinyong.Storage")
            .Where(f => File.ReadLines(f).Any(l => Regex.IsMatch(CodeOf(l), @"(?<![A-Za-z])Outbox\b")))
            .Select(f => Relative("Xinyong.Storage", f)).Order().ToList();
        Assert.Equal(OutboxNotYetMoved.Select(t => t.Replace('.', '/') + ".cs").Append("Notifications/Outbox.cs").Order(), named);
    }

    [Fact]
    public void The_command_line_reaches_the_web_host_only_to_serve()
    {
        var cli = Sources("Xinyong.Cli").ToList();
        Assert.NotEmpty(cli);
        var web = cli.Where(f => File.ReadLines(f).Any(l => Regex.IsMatch(CodeOf(l), @"\bXinyong\.Web\b|\bPlatformHost\b")))
            .Select(f => Relative("Xinyong.Cli", f)).Order().ToList();
        Assert.Equal(["PlatformCommands.cs"], web);
        // In that file, only the serve command touches the web host.
        var lines = File.ReadAllLines(Path.Combine(Src("Xinyong.Cli"), "PlatformCommands.cs")).Select(CodeOf).ToList();
        Assert.All(lines.Where(l => Regex.IsMatch(l, @"\bXinyong\.Web\b|\bPlatformHost\b")),
            l => Assert.Matches(@"^using Xinyong\.Web;$|PlatformHost\.Build\(", l.Trim()));
        // And no global using brings the web host's namespaces in.
        Assert.DoesNotContain("Xinyong.Web", File.ReadAllText(Path.Combine(Src("Xinyong.Cli"), "GlobalUsings.cs")));
    }
}
