using Microsoft.Extensions.Configuration;

namespace Xinyong.Application.Platform;

/// <summary>How a platform instance runs: where it listens, its store, its rules, its clock.</summary>
public sealed record PlatformOptions
{
    /// <summary>The platform's name as the portal and reports show it.</summary>
    public string Name { get; init; } = "黑龙江省公共信用信息平台";

    /// <summary>The port on 127.0.0.1 (0 = any free port).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The address to bind (default loopback).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The store: a SQLite file path, or a PostgreSQL connection string or URL.</summary>
    public string Db { get; init; } = Path.Combine("data", "xinyong.db");

    /// <summary>
    /// A PostgreSQL hot standby of <see cref="Db"/> (streaming replication) that serves reads which may be a little stale:
    /// public search, public subject pages, 双公示 listings, open data. Null = every read goes to <see cref="Db"/>.
    /// </summary>
    public string? ReadReplica { get; init; }

    /// <summary>Load the sample data into an empty store on first start.</summary>
    public bool Sample { get; init; } = true;

    /// <summary>The rules folder (catalog, calendar, measures …); null = <see cref="RulesLocation.Resolve"/>.</summary>
    public string? Rules { get; init; }

    /// <summary>Where secrets live (personal-identifier key, report signing key); null = <c>keys/</c> beside the SQLite file, or ./data/keys.</summary>
    public string? KeysDirectory { get; init; }

    /// <summary>The clock; null = the system clock. <c>--now</c> gives a clock that starts at a set moment and runs on.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The public address of the platform (used in report QR codes); null = http://{Host}:{Port}.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Requests per minute a client may make to public search before 429 (0 = unlimited).</summary>
    public int SearchRatePerMinute { get; init; } = 60;

    /// <summary>The most lines one page of the open-data feed carries (a client's <c>limit</c> may only lower it).</summary>
    public int OpenDataPageSize { get; init; } = 5000;

    /// <summary>Pages per minute a client may read from the open-data feed before 429 (0 = unlimited); apart from search.</summary>
    public int OpenDataRatePerMinute { get; init; } = 60;

    /// <summary>The largest request body of sign-in, forms and JSON (every endpoint not marked for uploads), in bytes.</summary>
    public long FormBodyLimit { get; init; } = 64 * 1024;

    /// <summary>The largest request body of an endpoint that takes attachments or a PDF to verify, in bytes.</summary>
    public long UploadBodyLimit { get; init; } = 80L * 1024 * 1024;

    /// <summary>The largest request body of a provider's import or push, in bytes.</summary>
    public long ImportBodyLimit { get; init; } = 1L << 30;

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (IP addresses); from anyone
    /// else the headers are ignored and the connection's address is the client.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>How often background jobs (disclosure-period archive, deadline watch) run.</summary>
    public TimeSpan JobInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first retry delay of a failed background job (doubling on each failure, up to <see cref="JobInterval"/>).</summary>
    public TimeSpan JobRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The port of the Prometheus scrape endpoint <c>/metrics</c> (0 = none); never the public port.</summary>
    public int MetricsPort { get; init; }

    /// <summary>The address the metrics port binds (default loopback: not public).</summary>
    public string MetricsHost { get; init; } = "127.0.0.1";

    /// <summary>An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) to export traces and metrics to; null = none.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>The console log format: <c>json</c> (JSON lines), <c>simple</c>, or <c>auto</c> (JSON when the output is not a terminal).</summary>
    public string LogFormat { get; init; } = "auto";

    /// <summary>The configuration the options were read from (its <c>Logging</c> section sets log levels); null = none.</summary>
    public IConfiguration? Configuration { get; init; }
}
