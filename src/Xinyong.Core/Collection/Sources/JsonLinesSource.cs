using System.Text;
using System.Text.Json;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// JSON lines: one JSON object per line, keyed by field code (e.g. <c>decisionNo</c>) or Chinese label (e.g.
/// 行政处罚决定书文号). The row number is the line number. Also used for the records array of an API batch.
/// </summary>
public sealed class JsonLinesSource(Stream stream) : IRecordSource
{
    private readonly HashSet<string> _unknown = [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    /// <summary>Rows that are not JSON objects: (line, message). They are reported as rejected rows.</summary>
    public List<(int Row, string Message)> Malformed { get; } = [];

    /// <inheritdoc />
    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var aligner = new ObjectAligner(item, _unknown);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException ex)
            {
                Malformed.Add((line, $"该行不是有效的JSON / the line is not valid JSON: {ex.Message}"));
                continue;
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Malformed.Add((line, "该行不是JSON对象 / the line is not a JSON object"));
                    continue;
                }
                var (values, names) = aligner.Align(doc.RootElement);
                yield return new SourceRow(line, values, names);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}

/// <summary>Aligns JSON objects with an item's fields, caching how each key maps.</summary>
public sealed class ObjectAligner(CatalogItem item, ISet<string> unknown)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>The values and names of one object.</summary>
    public (string?[] Values, string[] Names) Align(JsonElement obj)
    {
        var values = new string?[item.Fields.Count];
        var names = new string[item.Fields.Count];
        for (var i = 0; i < names.Length; i++) names[i] = item.Fields[i].Code;
        foreach (var p in obj.EnumerateObject())
        {
            if (!_index.TryGetValue(p.Name, out var fi)) _index[p.Name] = fi = RowShape.IndexOf(item, p.Name);
            if (fi < 0) { unknown.Add(p.Name); continue; }
            names[fi] = p.Name;
            values[fi] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.True => "是",
                JsonValueKind.False => "否",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => p.Value.GetRawText(),
            };
        }
        return (values, names);
    }
}
