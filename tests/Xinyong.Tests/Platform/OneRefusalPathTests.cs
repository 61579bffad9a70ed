using System.Text.RegularExpressions;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// One refusal path (issue 12, item 3): the domain and the application throw <see cref="Refusal"/>, and the web host maps
/// it in one place (<c>Api/RefusalHandler</c>). No endpoint or page turns another exception into a status or a problem by
/// hand: in the endpoint files of <c>src/Xinyong.Web/Features</c> and every page model of <c>src/Xinyong.Web/Pages</c>, a
/// <c>catch</c> catches <see cref="Refusal"/> only (a page shows it inline in its form), except the few listed in
/// <see cref="Genuine"/>, each with its reason. Background jobs and the platform's plumbing are not endpoints.
/// </summary>
public sealed partial class OneRefusalPathTests
{
    /// <summary>
    /// Catches that are HTTP's own business, not a refusal of the domain: (file, exception) → why. The list may only
    /// shrink.
    /// </summary>
    private static readonly Dictionary<(string File, string Exception), string> Genuine = new()
    {
        [("Features/Reports/ReportEndpoints.cs", "BadHttpRequestException")] =
            "reading the multipart form itself: a body over the limit (413) or one that is not a form is answered as the upload's field error",
        [("Features/Reports/ReportEndpoints.cs", "InvalidDataException")] =
            "reading the multipart form itself: a malformed multipart body is the upload's field error",
        [("Features/Network/NetworkFeature.cs", "JsonException")] =
            "a peer node's message body is read by hand before its signature is checked: unreadable JSON is 消息格式有误",
    };

    /// <summary>The files that answer requests: endpoint maps and feature maps, the cases' HTTP helpers, and every page model.</summary>
    private static bool IsEndpointFile(string relative) =>
        relative.StartsWith("Pages/", StringComparison.Ordinal)
        || relative.StartsWith("Features/", StringComparison.Ordinal)
           && (relative.EndsWith("Endpoints.cs", StringComparison.Ordinal) || relative.EndsWith("Feature.cs", StringComparison.Ordinal)
               || relative.EndsWith("CaseResults.cs", StringComparison.Ordinal) || relative.EndsWith("CasePart.cs", StringComparison.Ordinal));

    [Fact]
    public void Endpoints_and_pages_catch_only_refusals()
    {
        var web = Path.Combine(Paths.Repo, "src", "Xinyong.Web");
        var files = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal) && IsEndpointFile(f))
            .ToList();
        Assert.True(files.Count > 60, $"only {files.Count} endpoint files found under {web}");
        var found = new List<string>();
        var used = new HashSet<(string, string)>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(Path.Combine(web, f));
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                foreach (Match m in Catch().Matches(code))
                {
                    // catch (X), catch (X ex), catch (Exception e) when (e is A or B), and a bare catch
                    var caught = m.Groups["type"].Success ? m.Groups["type"].Value : "Exception";
                    var names = caught == "Exception" && When().Match(code) is { Success: true } w
                        ? w.Groups["types"].Value.Split(" or ").Select(t => t.Trim().Trim(')')).ToList()
                        : [caught];
                    foreach (var name in names.Select(n => n.Split('.')[^1]))
                    {
                        if (name == nameof(Refusal)) continue;
                        if (Genuine.ContainsKey((f, name))) { used.Add((f, name)); continue; }
                        found.Add($"{f}:{i + 1}: catch ({name}) — throw a Refusal from the domain or the application instead");
                    }
                }
            }
        }
        Assert.True(found.Count == 0, "endpoints and pages map exceptions by hand:\n" + string.Join("\n", found));
        var stale = Genuine.Keys.Where(k => !used.Contains(k)).Select(k => $"{k.File}: {k.Exception}").ToList();
        Assert.True(stale.Count == 0, "allow-list entries no longer needed (remove them):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void The_scan_sees_a_catch_of_another_exception()
    {
        Assert.Matches(Catch(), "        catch (FormatException ex) { return Problems.BadRequest(ex.Message); }");
        Assert.Equal("KeyNotFoundException", Catch().Match("catch (KeyNotFoundException) { }").Groups["type"].Value);
        Assert.Equal("A or B", When().Match("catch (Exception e) when (e is A or B)").Groups["types"].Value);
        Assert.True(Catch().Match("        catch\n").Success);
    }

    [GeneratedRegex(@"\bcatch\b(\s*\((?<type>[A-Za-z_.]+)[^)]*\))?")]
    private static partial Regex Catch();

    [GeneratedRegex(@"when \(\w+ is (?<types>[^)]*)\)")]
    private static partial Regex When();
}
