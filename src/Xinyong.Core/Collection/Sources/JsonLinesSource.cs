using System.Text;
using System.Text.Json;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// JSON lines: one JSON object per line, keyed by field code (e.g. <c>decisionNo</c>) or Chinese label (e.g.
/// 行政处罚决定书文号), in UTF-8. The row number is the line number. A line that is not a JSON object is one rejected row
/// naming the line; a file that is not UTF-8 is refused whole, naming its first bad line. Also used for the records
/// array of an API batch.
/// </summary>
public sealed class JsonLinesSource(Stream stream) : IRecordSource
{
    private readonly HashSet<string> _unknown = [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    /// <inheritdoc />
    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        using var input = SeekableInput.Of(stream);
        var (encoding, preamble) = TextEncodingCheck.Inspect(input.Stream, allowGb18030: false);
        input.Stream.Seek(preamble, SeekOrigin.Current);
        using var reader = new StreamReader(input.Stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var aligner = new ObjectAligner(item, _unknown);
        var names = item.Fields.Select(f => f.Code).ToArray();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument? doc = null;
            JsonException? bad = null;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException ex) { bad = ex; }
            if (doc is null)
            {
                var at = bad?.BytePositionInLine is { } b ? $"（第{b + 1}个字节处）" : "";
                yield return new SourceRow(line, new string?[names.Length], names, FieldError.Of("(line)", "malformed-json",
                    $"文件第{line}行不是有效的JSON{at}，该行未导入"));
                continue;
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    yield return new SourceRow(line, new string?[names.Length], names, FieldError.Of("(line)", "malformed-json",
                        $"文件第{line}行不是JSON对象，该行未导入"));
                    continue;
                }
                var (values, fieldNames) = aligner.Align(doc.RootElement);
                yield return new SourceRow(line, values, fieldNames);
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
