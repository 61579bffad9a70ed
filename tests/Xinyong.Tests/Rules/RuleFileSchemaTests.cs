using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xinyong.Catalog;
using Xinyong.Rules;
using Xinyong.Security;
using Xinyong.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Xinyong.Tests.Rules;

/// <summary>
/// Every rule file under <c>data/</c> belongs to a kind of <see cref="RuleFileKinds"/>, names its JSON Schema on its first
/// line (for an operator's editor) and is valid against it; the schemas are valid draft-07 schemas, and a file the
/// loader refuses for its shape is refused by the schema too.
/// </summary>
public class RuleFileSchemaTests
{
    private static readonly string Schemas = Path.Combine(Paths.Rules, "schemas");

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in RuleFileKinds.All)
            foreach (var file in kind.FilesIn(Paths.Rules))
                data.Add(kind.Name, Path.GetRelativePath(Paths.Rules, file));
        return data;
    }

    [Fact]
    public void Every_yaml_file_under_data_is_a_rule_file_of_a_kind()
    {
        var known = RuleFileKinds.All.SelectMany(k => k.FilesIn(Paths.Rules)).Select(Path.GetFullPath).ToHashSet();
        var all = Directory.EnumerateFiles(Paths.Rules, "*.yaml", SearchOption.AllDirectories).Select(Path.GetFullPath).ToList();
        Assert.NotEmpty(all);
        Assert.Empty(all.Where(f => !known.Contains(f)).Select(f => Path.GetRelativePath(Paths.Rules, f)));
        Assert.All(RuleFileKinds.All.Where(k => k.Required), k => Assert.NotEmpty(k.FilesIn(Paths.Rules)));
    }

    [Fact]
    public void Every_kind_has_its_schema_and_every_schema_a_kind()
    {
        var schemas = Directory.EnumerateFiles(Schemas, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(RuleFileKinds.All.Select(k => k.Schema).Order(StringComparer.Ordinal), schemas);
        Assert.Equal(RuleFileKinds.All.Count, RuleFileKinds.All.Select(k => k.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_rule_file_names_its_schema_on_its_first_line(string kind, string file)
    {
        var first = File.ReadLines(Path.Combine(Paths.Rules, file)).First();
        Assert.Equal($"# yaml-language-server: $schema={RuleFileKinds.All.Single(k => k.Name == kind).SchemaReference}", first);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_rule_file_is_valid_against_its_schema(string kind, string file)
    {
        var errors = Validate(kind, File.ReadAllText(Path.Combine(Paths.Rules, file)));
        Assert.True(errors.Count == 0, $"{file}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_schema_is_a_valid_draft_07_schema()
    {
        foreach (var kind in RuleFileKinds.All)
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Schemas, kind.Schema)));
            Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)node!["$schema"]);
            var result = MetaSchemas.Draft7.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{kind.Schema}: {string.Join("; ", Messages(result))}");
        }
    }

    // Each case breaks the shipped file in one way the loader refuses: the schema must refuse it too, naming the place.
    [Theory]
    [InlineData("    category: 1\n", "    category: 11\n", "/items/0/category")]                       // Art. 18 has ten categories
    [InlineData("    nature: basic\n", "    nature: good\n", "/items/0/nature")]
    [InlineData("    group: basic\n", "    group: basic\n    colour: red\n", "/items/0/colour")]         // an unknown key
    [InlineData("version: \"2026.1\"\n", "", "")]                                                         // 'version' is missing
    [InlineData("effective: \"2026-01-01\"", "effective: \"soon\"", "/effective")]
    [InlineData("type: uscc, required: true", "type: uscc, required: yes-please", "/items/0/fields/1/required")]
    public void The_catalog_schema_refuses_what_the_loader_refuses(string find, string replace, string where)
    {
        var shipped = File.ReadAllText(Path.Combine(Paths.Rules, "catalog", "2026.1.yaml"));
        var index = shipped.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, find);
        var broken = string.Concat(shipped.AsSpan(0, index), replace, shipped.AsSpan(index + find.Length));

        Assert.ThrowsAny<Exception>(() => CatalogFiles.Parse(broken, "2026.1.yaml"));
        var errors = Validate(RuleFileKinds.Catalog.Name, broken);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith(where + ":", StringComparison.Ordinal));
        Assert.Empty(Validate(RuleFileKinds.Catalog.Name, shipped));
    }

    [Theory]
    [InlineData("  maxFailures: 5\n", "  maxFailures: 0\n")]
    [InlineData("  validMinutes: 120\n", "  validMinutes: \"120\"\n")]                                   // quoted: text, not a number
    [InlineData("  maxAttempts: 5\n", "  maxAttempts: 5\n  maxTries: 5\n")]
    public void The_sign_in_schema_refuses_what_the_loader_refuses(string find, string replace)
    {
        var shipped = File.ReadAllText(SignInRules.PathIn(Paths.Rules));
        Assert.Contains(find, shipped);
        var broken = ReplaceFirst(shipped, find, replace);
        Assert.NotEmpty(Validate(RuleFileKinds.SignIn.Name, broken));
        Assert.Empty(Validate(RuleFileKinds.SignIn.Name, shipped));
        if (!replace.Contains('"', StringComparison.Ordinal)) // YamlDotNet reads "120" into an int; the editor is stricter
            Assert.Throws<SignInRulesException>(() => SignInRules.Parse(broken, "signin.yaml"));
    }

    [Fact]
    public void Yaml_scalars_are_typed_as_an_editor_types_them()
    {
        var node = ToJson("a: 1\nb: \"1\"\nc: 1.5\nd: true\ne: ~\nf: 2026-01-01\ng: -3\nh: 'x'\n");
        Assert.Equal(1L, node!["a"]!.GetValue<long>());
        Assert.Equal("1", node["b"]!.GetValue<string>());
        Assert.Equal(1.5, node["c"]!.GetValue<double>());
        Assert.True(node["d"]!.GetValue<bool>());
        Assert.Null(node["e"]);
        Assert.Equal("2026-01-01", node["f"]!.GetValue<string>());
        Assert.Equal(-3L, node["g"]!.GetValue<long>());
        Assert.Equal("x", node["h"]!.GetValue<string>());
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, i), replace, text.AsSpan(i + find.Length));
    }

    /// <summary>The schema's errors for a YAML text, each "instance location: message".</summary>
    private static List<string> Validate(string kind, string yaml)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Schemas, $"{kind}.schema.json")));
        var result = schema.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : Messages(result).ToList();
    }

    private static IEnumerable<string> Messages(EvaluationResults result) =>
        (result.Details.Count > 0 ? result.Details : [result])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {(e.Key.Length > 0 ? e.Key + ": " : "")}{e.Value}"));

    /// <summary>
    /// A YAML document as JSON, typed as YAML 1.2's core schema types it (as the editor's language server does): plain
    /// integers, floats, booleans and nulls; everything quoted, and every other plain scalar, is text.
    /// </summary>
    private static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => Object(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonObject Object(YamlMappingNode map)
    {
        var o = new JsonObject();
        foreach (var (key, value) in map.Children) o.Add(((YamlScalarNode)key).Value!, ToJson(value)); // a key twice throws
        return o;
    }

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Regex.IsMatch(v, "^[-+]?[0-9]+$")) return JsonValue.Create(long.Parse(v, CultureInfo.InvariantCulture));
        if (Regex.IsMatch(v, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")) return JsonValue.Create(double.Parse(v, CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }
}
