using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Xinyong.Storage;

namespace Xinyong.Cli;

/// <summary>
/// The configuration file <c>xinyong.json</c>, read through ASP.NET Core's configuration system: the file, then
/// environment variables prefixed <c>XINYONG_</c> (<c>XINYONG_DB</c>, <c>XINYONG_METRICS__PORT</c> …), then the command
/// line, each overriding the one before. Secrets are never in the file: the store's password comes from
/// <c>DbPasswordFile</c> or the environment, the keys live in the keys folder.
/// </summary>
public static class PlatformConfiguration
{
    /// <summary>The file read when none is named and it exists in the working directory.</summary>
    public const string DefaultFile = "xinyong.json";

    /// <summary>The environment variable that names the configuration file.</summary>
    public const string FileVariable = "XINYONG_CONFIG";

    /// <summary>The prefix of the environment variables that override the file.</summary>
    public const string EnvironmentPrefix = "XINYONG_";

    /// <summary>The settings the platform reads (sections by their first part); anything else in the file is a mistake.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Db", "DbPasswordFile", "Rules", "Keys", "Host", "Port", "PublicUrl", "Sample", "Now", "SearchRatePerMinute",
        "JobInterval", "JobRetryDelay", "Metrics", "Otlp", "Logging",
        "KnownProxies", "OpenDataPageSize", "OpenDataRatePerMinute", "FormBodyLimit", "UploadBodyLimit", "ImportBodyLimit",
        "ReadReplica",
        "Network",
        "Site",
    };

    /// <summary>The configuration file to read: the one named, else <c>XINYONG_CONFIG</c>, else <c>./xinyong.json</c> when present.</summary>
    public static string? FileOf(string? named)
    {
        if (!string.IsNullOrWhiteSpace(named)) return Path.GetFullPath(named);
        var env = Environment.GetEnvironmentVariable(FileVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        return File.Exists(DefaultFile) ? Path.GetFullPath(DefaultFile) : null;
    }

    /// <summary>The layered configuration: <paramref name="file"/> (when given), the environment, then <paramref name="commandLine"/>.</summary>
    /// <exception cref="ConfigurationException">The file is missing or not valid JSON.</exception>
    public static IConfigurationRoot Build(string? file, IReadOnlyDictionary<string, string?>? commandLine = null)
    {
        var b = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file)) throw new ConfigurationException($"configuration file not found: {file}");
            b.AddJsonFile(file, optional: false, reloadOnChange: false);
        }
        b.AddEnvironmentVariables(EnvironmentPrefix);
        if (commandLine is not null) b.AddInMemoryCollection(commandLine);
        try { return b.Build(); }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"{file}: not valid JSON: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    /// <summary>Reads the file alone and refuses secrets in it (a password in <c>Db</c>).</summary>
    /// <exception cref="ConfigurationException">The file holds a secret.</exception>
    public static void RefuseSecrets(string? file)
    {
        if (file is null) return;
        var c = FileOnly(file);
        if (c["Db"] is { } db && HasPassword(db))
            throw new ConfigurationException($"{file}: Db holds a password; secrets never go in the configuration file: put the password in a file named by DbPasswordFile (mode 0600), or give the store through the environment (XINYONG_DB)");
        if (c["ReadReplica"] is { } replica && HasPassword(replica))
            throw new ConfigurationException($"{file}: ReadReplica holds a password; secrets never go in the configuration file: DbPasswordFile serves the replica too, or give it through the environment (XINYONG_READREPLICA)");
    }

    /// <summary>The settings of the file alone.</summary>
    /// <exception cref="ConfigurationException">The file is missing or not valid JSON.</exception>
    public static IConfigurationRoot FileOnly(string file)
    {
        if (!File.Exists(file)) throw new ConfigurationException($"configuration file not found: {file}");
        try { return new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build(); }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"{file}: not valid JSON: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    /// <summary>True when a store argument carries a password.</summary>
    public static bool HasPassword(string db)
    {
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new Uri(db).UserInfo.Contains(':');
        if (!db.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return false;
        try { return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(db).Password); }
        catch (ArgumentException) { return false; }
    }

    /// <summary>The platform's options from a configuration.</summary>
    /// <exception cref="ConfigurationException">A value is malformed (named with the setting).</exception>
    public static PlatformOptions ToOptions(IConfiguration c)
    {
        var d = new PlatformOptions();
        var db = c["Db"] is { Length: > 0 } v ? v : d.Db;
        var replica = Text(c, "ReadReplica");
        if (c["DbPasswordFile"] is { Length: > 0 } pwFile)
        {
            db = WithPasswordFrom(db, pwFile);
            if (replica is not null) replica = WithPasswordFrom(replica, pwFile);
        }
        if (replica is not null)
        {
            if (Database.FromArgument(db).Dialect != Dialect.Postgres || Database.FromArgument(replica).Dialect != Dialect.Postgres)
                throw new ConfigurationException("ReadReplica: a read replica is a PostgreSQL hot standby of a PostgreSQL store (Db); give its connection string (Host=…)");
        }
        TimeProvider? clock = null;
        if (c["Now"] is { Length: > 0 } now)
        {
            if (!DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                throw new ConfigurationException($"Now: '{now}' is not a moment (ISO 8601, e.g. 2026-09-30T10:00:00+08:00)");
            clock = new ShiftedClock(start);
        }
        return d with
        {
            Db = db,
            ReadReplica = replica,
            Rules = Text(c, "Rules"),
            KeysDirectory = Text(c, "Keys"),
            Host = Text(c, "Host") ?? d.Host,
            Port = Int(c, "Port", d.Port, 0, 65535),
            PublicUrl = Text(c, "PublicUrl"),
            Sample = Bool(c, "Sample", d.Sample),
            Clock = clock,
            SearchRatePerMinute = Int(c, "SearchRatePerMinute", d.SearchRatePerMinute, 0, 1_000_000),
            JobInterval = Span(c, "JobInterval", d.JobInterval),
            JobRetryDelay = Span(c, "JobRetryDelay", d.JobRetryDelay),
            MetricsPort = Int(c, "Metrics:Port", d.MetricsPort, 0, 65535),
            MetricsHost = Text(c, "Metrics:Host") ?? d.MetricsHost,
            OtlpEndpoint = Text(c, "Otlp:Endpoint"),
            LogFormat = LogFormatOf(Text(c, "Logging:Format") ?? d.LogFormat),
            KnownProxies = ProxiesOf(c),
            OpenDataPageSize = Int(c, "OpenDataPageSize", d.OpenDataPageSize, 1, 100_000),
            OpenDataRatePerMinute = Int(c, "OpenDataRatePerMinute", d.OpenDataRatePerMinute, 0, 1_000_000),
            FormBodyLimit = Long(c, "FormBodyLimit", d.FormBodyLimit),
            UploadBodyLimit = Long(c, "UploadBodyLimit", d.UploadBodyLimit),
            ImportBodyLimit = Long(c, "ImportBodyLimit", d.ImportBodyLimit),
            Configuration = c,
        };
    }

    /// <summary>The PostgreSQL store with the password read from a file (first line).</summary>
    public static string WithPasswordFrom(string db, string file)
    {
        if (!File.Exists(file)) throw new ConfigurationException($"DbPasswordFile: file not found: {file}");
        var store = Database.FromArgument(db);
        if (store.Dialect != Dialect.Postgres) throw new ConfigurationException("DbPasswordFile: only a PostgreSQL store has a password");
        var password = File.ReadAllLines(file).FirstOrDefault()?.Trim() ?? "";
        return new NpgsqlConnectionStringBuilder(store.ConnectionString) { Password = password }.ConnectionString;
    }

    private static string LogFormatOf(string f) => f.ToLowerInvariant() is "json" or "simple" or "auto" ? f.ToLowerInvariant()
        : throw new ConfigurationException($"Logging:Format: '{f}' is not json, simple or auto");

    private static string? Text(IConfiguration c, string key) => c[key] is { Length: > 0 } v ? v : null;

    private static int Int(IConfiguration c, string key, int fallback, int min, int max)
    {
        if (Text(c, key) is not { } v) return fallback;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
            : throw new ConfigurationException($"{key}: '{v}' is not a whole number from {min} to {max}");
    }

    private static long Long(IConfiguration c, string key, long fallback)
    {
        if (Text(c, key) is not { } v) return fallback;
        return long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1024 ? n
            : throw new ConfigurationException($"{key}: '{v}' is not a number of bytes of at least 1024");
    }

    /// <summary>The reverse proxies whose forwarded headers are believed: <c>"KnownProxies": ["127.0.0.1"]</c>.</summary>
    private static IReadOnlyList<string> ProxiesOf(IConfiguration c)
    {
        var list = c.GetSection("KnownProxies").GetChildren().Select(x => x.Value?.Trim() ?? "").Where(x => x.Length > 0).ToList();
        if (list.Count == 0 && Text(c, "KnownProxies") is { } one) list = [.. one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        foreach (var p in list)
            if (!System.Net.IPAddress.TryParse(p, out _)) throw new ConfigurationException($"KnownProxies: '{p}' is not an IP address");
        return list;
    }

    private static bool Bool(IConfiguration c, string key, bool fallback)
    {
        if (Text(c, key) is not { } v) return fallback;
        return bool.TryParse(v, out var b) ? b : throw new ConfigurationException($"{key}: '{v}' is not true or false");
    }

    private static TimeSpan Span(IConfiguration c, string key, TimeSpan fallback)
    {
        if (Text(c, key) is not { } v) return fallback;
        return TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero ? t
            : throw new ConfigurationException($"{key}: '{v}' is not a positive duration (hh:mm:ss, e.g. 00:01:00)");
    }
}
