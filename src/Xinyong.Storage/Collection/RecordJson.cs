using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Xinyong.Catalog;

namespace Xinyong.Storage.Collection;

/// <summary>How a record's fields are stored: one JSON object in catalog order, and a hash of it that recognises
/// the same content sent again.</summary>
public static class RecordJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    // One reusable buffer and writer per thread: serialization runs once per imported row.
    [ThreadStatic] private static ArrayBufferWriter<byte>? Buffer;
    [ThreadStatic] private static Utf8JsonWriter? Writer;

    /// <summary>Serializes the non-empty values, keyed by field code.</summary>
    public static (string Json, string Hash) Serialize(CatalogItem item, string?[] values)
    {
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(1024);
        var w = Writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        w.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } v) w.WriteString(item.Fields[i].Code, v);
        w.WriteEndObject();
        w.Flush();
        var bytes = buffer.WrittenSpan;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return (Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(hash[..16]));
    }

    /// <summary>Reads stored fields back as code → value.</summary>
    public static Dictionary<string, string> Parse(string json)
    {
        var d = new Dictionary<string, string>();
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject()) d[p.Name] = p.Value.GetString() ?? string.Empty;
        return d;
    }
}
