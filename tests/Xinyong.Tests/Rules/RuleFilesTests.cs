using Xinyong.Catalog;
using Xinyong.Cases;
using Xinyong.Evaluation;
using Xinyong.Network;
using Xinyong.Publication;
using Xinyong.Rules;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Rules;

/// <summary>The one loader of the rule files: reading, the version header, versioned folders and single files.</summary>
public sealed class RuleFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xinyong-rules-" + Guid.NewGuid().ToString("N"));

    public RuleFilesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Refused(string message) : Exception(message);

    private sealed class Doc
    {
        public string? Version { get; set; }
        public string? Effective { get; set; }
        public int Size { get; set; }
    }

    private static Refused Fail(string message) => new(message);

    [Fact]
    public void Reading_names_the_file_and_line_of_a_yaml_error_an_unknown_key_and_an_empty_file()
    {
        Assert.Equal(3, RuleFiles.Read<Doc>("version: \"1\"\n# a comment\nsize: 3\n", "a.yaml", Fail).Size);
        Assert.StartsWith("a.yaml: line 2: ", Assert.Throws<Refused>(() => RuleFiles.Read<Doc>("size: 3\nsize: [\n", "a.yaml", Fail)).Message);
        Assert.StartsWith("a.yaml: line 2: ", Assert.Throws<Refused>(() => RuleFiles.Read<Doc>("size: 3\ncolour: red\n", "a.yaml", Fail)).Message);
        Assert.Equal("a.yaml: empty file", Assert.Throws<Refused>(() => RuleFiles.Read<Doc>("# nothing\n", "a.yaml", Fail)).Message);
        Assert.Equal("a.yaml: empty", Assert.Throws<Refused>(() => RuleFiles.Read<Doc>("", "a.yaml", Fail, "empty")).Message);
    }

    [Fact]
    public void The_version_header_needs_a_version_and_an_effective_day()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), RuleFiles.Effective("2026-12-01", "a.yaml", Fail));
        Assert.Equal("a.yaml: 'effective' must be a date (yyyy-MM-dd)", Assert.Throws<Refused>(() => RuleFiles.Effective("2026-13-01", "a.yaml", Fail)).Message);
        Assert.Equal("a.yaml: 'effective' must be a date (yyyy-MM-dd)", Assert.Throws<Refused>(() => RuleFiles.Effective(null, "a.yaml", Fail)).Message);
        Assert.Equal("2026.1", RuleFiles.Version("2026.1", "a.yaml", Fail));
        Assert.Equal("a.yaml: 'version' is missing", Assert.Throws<Refused>(() => RuleFiles.Version(" ", "a.yaml", Fail)).Message);
    }

    private Doc Parse(string yaml, string file)
    {
        var d = RuleFiles.Read<Doc>(yaml, file, Fail);
        RuleFiles.Version(d.Version, file, Fail);
        RuleFiles.Effective(d.Effective, file, Fail);
        return d;
    }

    [Fact]
    public void Versions_come_oldest_first_whatever_the_file_names_and_two_on_one_day_are_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "version: \"b\"\neffective: \"2026-06-01\"\nsize: 2\n");
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), "version: \"a\"\neffective: \"2026-01-01\"\nsize: 1\n");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a rule file");
        var versions = RuleFiles.LoadVersions(RuleFileKinds.Catalog, _dir, Parse, d => DateOnly.Parse(d.Effective!), Fail);
        Assert.Equal(["a", "b"], versions.Select(v => v.Version));

        File.WriteAllText(Path.Combine(_dir, "c.yaml"), "version: \"c\"\neffective: \"2026-06-01\"\nsize: 3\n");
        Assert.Equal($"{_dir}: two versions take effect on 2026-06-01",
            Assert.Throws<Refused>(() => RuleFiles.LoadVersions(RuleFileKinds.Catalog, _dir, Parse, d => DateOnly.Parse(d.Effective!), Fail)).Message);
    }

    [Fact]
    public void A_required_kind_needs_its_folder_and_a_file_an_optional_one_is_none_without()
    {
        var missing = Path.Combine(_dir, "none");
        Assert.Equal($"catalog folder not found: {missing}", Assert.Throws<Refused>(() => RuleFiles.LoadFolder(RuleFileKinds.Catalog, missing, Parse, Fail)).Message);
        Assert.Equal($"no catalog file (*.yaml) in {_dir}", Assert.Throws<Refused>(() => RuleFiles.LoadFolder(RuleFileKinds.Catalog, _dir, Parse, Fail)).Message);
        Assert.Empty(RuleFiles.LoadFolder(RuleFileKinds.Disclosure, missing, Parse, Fail));
        Assert.Empty(RuleFiles.LoadFolder(RuleFileKinds.Cases, _dir, Parse, Fail));

        Assert.StartsWith("authorization rules not found: ", Assert.Throws<AuthorizationRulesException>(() => AuthorizationRules.Load(_dir)).Message);
        Assert.Null(RuleFiles.LoadFile(RuleFileKinds.Network, _dir, (y, f) => y, Fail));
        Assert.Empty(NodeRegistry.Load(_dir).Nodes);
    }

    [Fact]
    public void A_single_file_is_read_from_its_kinds_place_and_named_by_its_folder_and_name()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "query"));
        File.WriteAllText(Path.Combine(_dir, "query", "authorization.yaml"), "maxDays: 0\npurposeMaxLength: 200\n");
        Assert.Equal("query/authorization.yaml: 'maxDays' must be a number of days from 1 to 3660",
            Assert.Throws<AuthorizationRulesException>(() => AuthorizationRules.Load(_dir)).Message);
        Assert.Equal(366, AuthorizationRules.Load(Paths.Rules).MaxDays);
    }

    // The kinds' loaders go through the one loader: the rule "no two versions on one day", once only in the measures
    // loader, now holds for the catalog, the deadlines and the evaluation model too.
    [Fact]
    public void Every_versioned_loader_refuses_two_versions_on_one_day()
    {
        void Twice<TException>(string folder, Action<string> load) where TException : Exception
        {
            var dir = Path.Combine(_dir, folder);
            Directory.CreateDirectory(dir);
            var shipped = Directory.EnumerateFiles(Path.Combine(Paths.Rules, folder), "*.yaml").Order(StringComparer.Ordinal).First();
            var text = File.ReadAllText(shipped);
            File.WriteAllText(Path.Combine(dir, "1.yaml"), text);
            File.WriteAllText(Path.Combine(dir, "2.yaml"), text.Replace("version: \"2026.1\"", "version: \"2026.1b\"", StringComparison.Ordinal));
            var ex = Assert.Throws<TException>(() => load(dir));
            Assert.Contains("two versions take effect on 2026-01-01", ex.Message);
        }
        Twice<CatalogException>("catalog", d => CatalogFiles.LoadAll(d));
        Twice<DeadlineRulesException>("deadlines", d => DeadlineFiles.LoadAll(d));
        Twice<EvaluationModelException>("evaluation", d => EvaluationModels.LoadAll(d));
    }
}
