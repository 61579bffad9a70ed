using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Xinyong.Rules;

/// <summary>
/// One kind of rule file in the rules folder (<c>data/</c>): where its files are, whether it is versioned (one file per
/// published version with <c>version</c> and <c>effective</c>), and its JSON Schema in <c>data/schemas/</c>, which an
/// operator's editor uses to check the file as it is typed (each file names it on its first line:
/// <c># yaml-language-server: $schema=../schemas/NAME.schema.json</c>).
/// </summary>
/// <param name="Name">The kind's name, used in messages and as the schema's name.</param>
/// <param name="Folder">Its folder inside the rules folder.</param>
/// <param name="FileName">The one file of a single-file kind; null for a folder of files (<c>*.yaml</c>).</param>
/// <param name="Versioned">One file per published version, each with <c>version</c> and <c>effective</c>.</param>
/// <param name="Required">Whether the platform refuses to start without it (otherwise a missing folder or file is none).</param>
public sealed record RuleFileKind(string Name, string Folder, string? FileName, bool Versioned, bool Required)
{
    /// <summary>The schema's file name inside <c>data/schemas/</c>.</summary>
    public string Schema => $"{Name}.schema.json";

    /// <summary>The schema's path as written in a file of this kind (relative to the file).</summary>
    public string SchemaReference => $"../schemas/{Schema}";

    /// <summary>The folder of this kind inside <paramref name="rulesDirectory"/>.</summary>
    public string DirectoryIn(string rulesDirectory) => Path.Combine(rulesDirectory, Folder);

    /// <summary>The files of this kind in <paramref name="rulesDirectory"/>, in ordinal order (none when absent).</summary>
    public IReadOnlyList<string> FilesIn(string rulesDirectory)
    {
        var dir = DirectoryIn(rulesDirectory);
        if (FileName is not null)
        {
            var path = Path.Combine(dir, FileName);
            return File.Exists(path) ? [path] : [];
        }
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
    }
}

/// <summary>Every kind of rule file the platform reads.</summary>
public static class RuleFileKinds
{
    /// <summary>The catalog of public credit information (Art. 18-20), one file per version.</summary>
    public static readonly RuleFileKind Catalog = new("catalog", "catalog", null, Versioned: true, Required: true);

    /// <summary>The tiers of dishonesty information and their disclosure windows (national credit repair rules), one file per version.</summary>
    public static readonly RuleFileKind Disclosure = new("disclosure", "disclosure", null, Versioned: true, Required: false);

    /// <summary>Incentive, constraint and punishment measures, the lists and check scenarios (Art. 7, 25-33, 44), one file per version.</summary>
    public static readonly RuleFileKind Measures = new("measures", "measures", null, Versioned: true, Required: true);

    /// <summary>The deadlines of objections, corrections, credit repair and the other workflows, in working days, one file per version.</summary>
    public static readonly RuleFileKind Deadlines = new("deadlines", "deadlines", null, Versioned: true, Required: true);

    /// <summary>The comprehensive credit evaluation model (Art. 47), one file per version.</summary>
    public static readonly RuleFileKind Evaluation = new("evaluation", "evaluation", null, Versioned: true, Required: true);

    /// <summary>The matters that accept credit commitments (Art. 42, 45, 46, 50), one file per version.</summary>
    public static readonly RuleFileKind Commitments = new("commitments", "commitments", null, Versioned: true, Required: true);

    /// <summary>双随机、一公开 inspections by credit grade (Art. 48), one file per version.</summary>
    public static readonly RuleFileKind Inspections = new("inspections", "inspections", null, Versioned: true, Required: true);

    /// <summary>Case kinds: states, actions and steps of a workflow, one file per kind.</summary>
    public static readonly RuleFileKind Cases = new("cases", "cases", null, Versioned: false, Required: false);

    /// <summary>The limits of a subject's authorization of a query (Art. 23-24, 36).</summary>
    public static readonly RuleFileKind Authorization = new("authorization", "query", "authorization.yaml", Versioned: false, Required: true);

    /// <summary>Sign-in throttling and one-time codes (Art. 24, 48).</summary>
    public static readonly RuleFileKind SignIn = new("signin", "security", "signin.yaml", Versioned: false, Required: true);

    /// <summary>The node registry of the credit information network (Art. 6, 21).</summary>
    public static readonly RuleFileKind Network = new("nodes", "network", "nodes.yaml", Versioned: false, Required: false);

    /// <summary>Business-environment supervision: authorities, categories and terms (《黑龙江省营商环境监督办法》).</summary>
    public static readonly RuleFileKind Supervision = new("supervision", "supervision", "rules.yaml", Versioned: false, Required: true);

    /// <summary>Emergency declarations published by file (Art. 30 (3)-(4)); declarations made on the staff page are stored.</summary>
    public static readonly RuleFileKind Emergencies = new("emergencies", "emergencies", null, Versioned: false, Required: false);

    /// <summary>All kinds.</summary>
    public static IReadOnlyList<RuleFileKind> All { get; } =
        [Catalog, Disclosure, Measures, Deadlines, Evaluation, Commitments, Inspections, Cases, Authorization, SignIn, Network, Supervision, Emergencies];
}

/// <summary>
/// The one loader of the rule files: reads a file into its document shape (camelCase keys; a YAML error or an unknown
/// key becomes the kind's own error naming the file and the line), reads a versioned folder (every <c>*.yaml</c>,
/// oldest effective date first, no two versions on one day), and checks the <c>version</c>/<c>effective</c> header.
/// Each kind keeps its own checks of meaning (the catalog against Art. 20, measures against the catalog, …).
/// </summary>
public static class RuleFiles
{
    /// <summary>
    /// Deserializes one file. <paramref name="fail"/> builds the kind's exception from a message; an empty document is
    /// refused with <c>"{fileName}: {empty}"</c>.
    /// </summary>
    public static TDoc Read<TDoc>(string yaml, string fileName, Func<string, Exception> fail, string empty = "empty file") where TDoc : class
    {
        try
        {
            return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<TDoc>(yaml)
                   ?? throw fail($"{fileName}: {empty}");
        }
        catch (YamlException ex)
        {
            throw fail($"{fileName}: line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    /// <summary>A versioned file's <c>version</c>: required.</summary>
    public static string Version(string? version, string fileName, Func<string, Exception> fail) =>
        string.IsNullOrWhiteSpace(version) ? throw fail($"{fileName}: 'version' is missing") : version;

    /// <summary>A versioned file's <c>effective</c> date (yyyy-MM-dd): required.</summary>
    public static DateOnly Effective(string? effective, string fileName, Func<string, Exception> fail) =>
        DateOnly.TryParseExact(effective, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw fail($"{fileName}: 'effective' must be a date (yyyy-MM-dd)");

    /// <summary>
    /// Every file of a folder kind, parsed by <paramref name="parse"/> (text, file name), in ordinal file order. A missing
    /// folder or an empty one is refused when the kind is required, and is no files otherwise.
    /// </summary>
    public static List<T> LoadFolder<T>(RuleFileKind kind, string directory, Func<string, string, T> parse, Func<string, Exception> fail)
    {
        if (!Directory.Exists(directory))
            return kind.Required ? throw fail($"{kind.Name} folder not found: {directory}") : [];
        var files = Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0 && kind.Required) throw fail($"no {kind.Name} file (*.yaml) in {directory}");
        return files.Select(f => parse(File.ReadAllText(f, Encoding.UTF8), Path.GetFileName(f))).ToList();
    }

    /// <summary>
    /// The versions of a versioned kind, oldest effective date first; two versions taking effect on the same day are
    /// refused (which of them would be in force is not said).
    /// </summary>
    public static IReadOnlyList<T> LoadVersions<T>(RuleFileKind kind, string directory, Func<string, string, T> parse, Func<T, DateOnly> effective, Func<string, Exception> fail)
    {
        var versions = LoadFolder(kind, directory, parse, fail).OrderBy(effective).ToList();
        var twice = versions.GroupBy(effective).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw fail($"{directory}: two versions take effect on {twice.Key:yyyy-MM-dd}");
        return versions;
    }

    /// <summary>
    /// The one file of a single-file kind in <paramref name="rulesDirectory"/>, parsed by <paramref name="parse"/>; a
    /// missing file is refused when the kind is required and is null otherwise.
    /// </summary>
    public static T? LoadFile<T>(RuleFileKind kind, string rulesDirectory, Func<string, string, T> parse, Func<string, Exception> fail) where T : class
    {
        var path = Path.Combine(kind.DirectoryIn(rulesDirectory), kind.FileName ?? throw new ArgumentException($"{kind.Name} is a folder of files", nameof(kind)));
        if (!File.Exists(path)) return kind.Required ? throw fail($"{kind.Name} rules not found: {path}") : null;
        return parse(File.ReadAllText(path, Encoding.UTF8), $"{kind.Folder}/{kind.FileName}");
    }
}
