using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>One input row aligned with an item's fields.</summary>
/// <param name="Row">Where the row is: the spreadsheet row number (header = 1, first data row = 2) for files, the
/// line number for JSON lines, the 0-based index for an API batch.</param>
/// <param name="Values">The raw values, aligned with the item's fields (null = absent).</param>
/// <param name="Names">For each field, the name the input used for it (for errors).</param>
/// <param name="Broken">Set when the row could not be read at all (a quote never closed, a line that is not JSON): the
/// row is then one rejected row with this error, so that every row sent is accounted for.</param>
public readonly record struct SourceRow(int Row, string?[] Values, string[] Names, FieldError? Broken = null);

/// <summary>A problem with a whole input (no header, unreadable file, two columns for one field).</summary>
public sealed class SourceException(string message) : Exception(message);

/// <summary>A file or batch of records, read one row at a time so memory does not grow with its size.</summary>
public interface IRecordSource : IDisposable
{
    /// <summary>Columns or keys that match no field of the item: reported to the provider, never silently dropped.</summary>
    IReadOnlyCollection<string> UnknownColumns { get; }

    /// <summary>The rows, in order.</summary>
    IEnumerable<SourceRow> Rows(CatalogItem item);
}

/// <summary>A source that learns its row count cheaply while reading (e.g. a workbook read through once before its rows).</summary>
public interface ICountedSource
{
    /// <summary>The rows the input holds (an upper bound: blank rows are counted), or null while not known.</summary>
    int? ExpectedRows { get; }
}

/// <summary>The file formats providers send.</summary>
public enum SourceFormat { Csv, Xlsx, JsonLines }

/// <summary>Opens a source for a file by its format.</summary>
public static class RecordSources
{
    /// <summary>The format implied by a file name (.csv, .xlsx, .jsonl/.ndjson), or null.</summary>
    public static SourceFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => SourceFormat.Csv,
        ".xlsx" => SourceFormat.Xlsx,
        ".jsonl" or ".ndjson" or ".json" => SourceFormat.JsonLines,
        _ => null,
    };

    /// <summary>Opens a reader over <paramref name="stream"/> (which the source then owns).</summary>
    public static IRecordSource Open(Stream stream, SourceFormat format) => format switch
    {
        SourceFormat.Csv => new CsvSource(stream),
        SourceFormat.Xlsx => new XlsxSource(stream),
        SourceFormat.JsonLines => new JsonLinesSource(stream),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
