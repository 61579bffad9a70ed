using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Xinyong.Web.Platform;

/// <summary>Options of <see cref="PlatformLogFormatter"/>: JSON lines, or one readable line per entry.</summary>
public sealed class PlatformLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>True: one JSON object per line (production); false: one readable line (a terminal).</summary>
    public bool Json { get; set; } = true;
}

/// <summary>
/// The platform's console log format. JSON lines carry the time (UTC), level, category, event, message, the entry's
/// structured values, the request's scope (request id, trace and span ids, path) and the error; every text passes
/// through <see cref="LogMasking"/>, so no resident identity number or mobile number reaches the log.
/// </summary>
public sealed class PlatformLogFormatter(IOptionsMonitor<PlatformLogFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name in the console logger's options.</summary>
    public const string FormatterName = "xinyong";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter?.Invoke(entry.State, entry.Exception);
        if (message is null && entry.Exception is null) return;
        var o = options.CurrentValue;
        var now = DateTimeOffset.UtcNow;
        if (!o.Json)
        {
            var line = $"{now:yyyy-MM-dd HH:mm:ss.fff}Z {Level(entry.LogLevel)} {entry.Category}: {LogMasking.Mask(message)}";
            if (entry.Exception is not null) line += Environment.NewLine + LogMasking.Mask(entry.Exception.ToString());
            textWriter.WriteLine(line);
            return;
        }
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Writer))
        {
            w.WriteStartObject();
            w.WriteString("time", now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("level", Level(entry.LogLevel));
            w.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0 || entry.EventId.Name is not null) w.WriteString("event", entry.EventId.Name ?? entry.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("message", LogMasking.Mask(message));
            if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 1)
            {
                w.WriteStartObject("values");
                foreach (var (k, v) in values)
                    if (k != "{OriginalFormat}") w.WriteString(k, LogMasking.Mask(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
                w.WriteEndObject();
            }
            if (o.IncludeScopes && scopeProvider is not null)
            {
                var scope = new Dictionary<string, string>(StringComparer.Ordinal);
                scopeProvider.ForEachScope((s, d) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (k, v) in pairs)
                        {
                            if (k == "{OriginalFormat}") continue;
                            d[k] = LogMasking.Mask(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    else if (s is not null) d["scope"] = LogMasking.Mask(s.ToString());
                }, scope);
                foreach (var (k, v) in scope) w.WriteString(Camel(k), v);
            }
            if (entry.Exception is { } ex)
            {
                w.WriteString("error", LogMasking.Mask($"{ex.GetType().FullName}: {ex.Message}"));
                w.WriteString("exception", LogMasking.Mask(ex.ToString()));
            }
            w.WriteEndObject();
        }
        textWriter.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string Camel(string k) => k.Length > 0 && char.IsUpper(k[0]) ? char.ToLowerInvariant(k[0]) + k[1..] : k;

    private static string Level(LogLevel l) => l switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
