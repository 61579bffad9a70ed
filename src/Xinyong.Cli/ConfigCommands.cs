using System.CommandLine;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Configuration;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Cases;
using Xinyong.Measures;
using Xinyong.Publication;
using Xinyong.Storage;

namespace Xinyong.Cli;

/// <summary>
/// The configuration file (<c>xinyong.json</c>; <c>--config FILE</c> or <c>XINYONG_CONFIG</c>) under every platform
/// command, and <c>xinyong config check</c>, which validates it, the secrets it points to and the rule files.
/// </summary>
internal static class ConfigCommands
{
    /// <summary>The <c>--config</c> option every platform command takes.</summary>
    public static readonly Option<string?> File = new("--config") { Description = "configuration file (default ./xinyong.json when present, or XINYONG_CONFIG)" };

    /// <summary>
    /// The options of a command: the configuration file, then <c>XINYONG_*</c> environment variables, then the options
    /// given on the command line (<paramref name="options"/>: setting name → option; <c>--no-x</c> flags set false).
    /// </summary>
    public static PlatformOptions Read(ParseResult pr, IReadOnlyDictionary<string, Option> options)
    {
        try
        {
            var file = PlatformConfiguration.FileOf(pr.GetValue(File));
            PlatformConfiguration.RefuseSecrets(file);
            return PlatformConfiguration.ToOptions(PlatformConfiguration.Build(file, CommandLine(pr, options)));
        }
        catch (ConfigurationException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static Dictionary<string, string?> CommandLine(ParseResult pr, IReadOnlyDictionary<string, Option> options)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, option) in options)
        {
            if (pr.GetResult(option) is not { Implicit: false }) continue;
            values[key] = option switch
            {
                Option<bool> flag when option.Name.StartsWith("--no-", StringComparison.Ordinal) => pr.GetValue(flag) ? "false" : null,
                Option<bool> flag => pr.GetValue(flag) ? "true" : "false",
                Option<int?> n => pr.GetValue(n)?.ToString(CultureInfo.InvariantCulture),
                Option<int> n => pr.GetValue(n).ToString(CultureInfo.InvariantCulture),
                Option<string?> t => pr.GetValue(t),
                _ => throw new InvalidOperationException($"option {option.Name}: no configuration mapping"),
            };
            if (values[key] is null) values.Remove(key);
        }
        return values;
    }

    public static void Add(RootCommand root, CliContext ctx)
    {
        var connect = new Option<bool>("--no-connect") { Description = "do not try to reach the store" };
        var check = new Command("check", "Validate the configuration (file, environment, command line), its secrets and the rule files; one JSON line per check, exit 1 when any fails") { connect };
        PlatformCommands.Common(check);
        check.SetAction(pr => Check(ctx, pr, !pr.GetValue(connect)));
        var config = new Command("config", "The configuration file xinyong.json");
        config.Subcommands.Add(check);
        root.Subcommands.Add(config);
    }

    private static int Check(CliContext ctx, ParseResult pr, bool connect)
    {
        var failed = 0;
        void Report(string name, bool ok, string detail)
        {
            if (!ok) failed++;
            ctx.Out.WriteLine(Json.Line(new { check = name, ok, detail }));
        }

        string? file;
        try { file = PlatformConfiguration.FileOf(pr.GetValue(File)); }
        catch (Exception ex) when (ex is ArgumentException or IOException) { Report("file", false, ex.Message); return 1; }
        if (file is not null && !System.IO.File.Exists(file)) { Report("file", false, $"configuration file not found: {file}"); return 1; }
        Report("file", true, file is null ? "no configuration file: defaults, environment and command line only" : file);

        PlatformOptions o;
        try
        {
            PlatformConfiguration.RefuseSecrets(file);
            var c = PlatformConfiguration.Build(file, CommandLine(pr, new Dictionary<string, Option>
            {
                ["Db"] = PlatformCommands.Db, ["Rules"] = PlatformCommands.Rules, ["Keys"] = PlatformCommands.Keys,
            }));
            if (file is not null)
            {
                var unknown = PlatformConfiguration.FileOnly(file).GetChildren().Select(x => x.Key)
                    .Where(k => !PlatformConfiguration.Known.Contains(k)).ToList();
                if (unknown.Count > 0) Report("settings", false, $"unknown settings in {Path.GetFileName(file)}: {string.Join(", ", unknown)} (known: {string.Join(", ", PlatformConfiguration.Known)})");
            }
            o = PlatformConfiguration.ToOptions(c);
        }
        catch (ConfigurationException ex) { Report("settings", false, ex.Message); return 1; }
        Report("settings", true, $"port {o.Port} on {o.Host}, metrics {(o.MetricsPort > 0 ? $"{o.MetricsHost}:{o.MetricsPort}" : "off")}, logs {o.LogFormat}, jobs every {o.JobInterval}");

        if (o.MetricsPort > 0 && o.MetricsPort == o.Port) Report("metrics", false, $"Metrics:Port {o.MetricsPort} is the public port: the scrape endpoint needs a port of its own");
        else if (o.MetricsPort > 0 && o.MetricsHost is not ("127.0.0.1" or "::1" or "localhost")) Report("metrics", false, $"Metrics:Host {o.MetricsHost} is not loopback: the scrape endpoint must not be public");
        if (o.PublicUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            Report("public-url", false, $"PublicUrl: '{url}' is not an http(s) address");
        if (o.OtlpEndpoint is { } otlp && !Uri.TryCreate(otlp, UriKind.Absolute, out _)) Report("otlp", false, $"Otlp:Endpoint: '{otlp}' is not an address");

        // The rule files, loaded as the platform loads them.
        var rules = RulesLocation.Resolve(o.Rules);
        try
        {
            var catalog = CatalogSet.Load(rules, TimeProvider.System);
            var calendar = CalendarFiles.Load(RulesLocation.CalendarDirectory(rules));
            MeasuresSet.Load(rules, TimeProvider.System, catalog);
            DeadlineRules.Load(rules);
            AuthorizationRules.Load(rules);
            // Every other kind of rule file (Xinyong.Rules.RuleFileKinds), loaded as the platform loads it.
            Xinyong.Evaluation.EvaluationModels.LoadAll(Path.Combine(rules, "evaluation"), code => catalog.Item(code) is not null);
            Xinyong.Commitments.CommitmentRules.Load(rules);
            Xinyong.Inspections.InspectionRules.Load(Path.Combine(rules, "inspections"), ChinaTime.Today(TimeProvider.System));
            Xinyong.Cases.CaseKindSet.Load(rules);
            Xinyong.Security.SignInRules.Load(rules);
            Xinyong.Network.NodeRegistry.Load(rules);
            Xinyong.Supervision.SupervisionRules.Load(rules);
            Report("rules", true, $"{rules}: catalog {catalog.Current.Version} ({catalog.Current.Items.Count} items), calendar of {calendar.Arrangements.Count} year(s), measures, deadlines, authorization limits, evaluation, commitments, inspections, case kinds, sign-in limits, network nodes, supervision");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Report("rules", false, $"{rules}: {ex.Message}");
        }

        // Secrets: the keys folder (owner only), the password file.
        var secrets = PlatformServices.SecretsOf(o);
        if (!Directory.Exists(secrets.Directory)) Report("keys", true, $"{secrets.Directory} does not exist yet: the keys are generated on first start (back them up: xinyong backup --keys-out)");
        else
        {
            var loose = Directory.GetFiles(secrets.Directory).Where(f => !OperatingSystem.IsWindows()
                && (System.IO.File.GetUnixFileMode(f) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0).ToList();
            Report("keys", loose.Count == 0, loose.Count == 0 ? $"{secrets.Directory}: {Directory.GetFiles(secrets.Directory).Length} key file(s), owner only"
                : $"readable by others (chmod 600): {string.Join(", ", loose.Select(Path.GetFileName))}");
        }
        var configuration = PlatformConfiguration.Build(file, CommandLine(pr, new Dictionary<string, Option>()));
        if (configuration["DbPasswordFile"] is { Length: > 0 } pw && System.IO.File.Exists(pw) && !OperatingSystem.IsWindows()
            && (System.IO.File.GetUnixFileMode(pw) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            Report("password-file", false, $"DbPasswordFile {pw} is readable by others (chmod 640 or 600)");

        // The store.
        Database db;
        try { db = Database.FromArgument(o.Db); }
        catch (ArgumentException ex) { Report("store", false, $"Db: {ex.Message}"); return 1; }
        if (connect && db.Dialect == Dialect.Sqlite && !System.IO.File.Exists(db.SqliteFile))
            Report("store", true, $"{db.Display}: a new store, created and migrated on first start");
        else if (connect)
        {
            try
            {
                using var c = db.Open();
                c.ExecuteScalar<long>("SELECT 1");
                long applied;
                try { applied = c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"); }
                catch (System.Data.Common.DbException) { applied = 0; }   // reachable and empty: migrated on first start
                var pending = Migrator.Scripts.Count - applied;
                Report("store", true, $"{db.Display}: reachable, {applied} migrations applied{(pending > 0 ? $", {pending} to apply on start" : "")}");
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
            {
                Report("store", false, $"{db.Display}: {LogMasking.Mask(ex.Message)}");
            }
        }
        else Report("store", true, $"{db.Display} (not contacted)");

        ctx.Out.WriteLine(Json.Line(new { valid = failed == 0, failures = failed }));
        return failed == 0 ? 0 : 1;
    }
}
