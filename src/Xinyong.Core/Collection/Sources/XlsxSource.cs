using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ExcelDataReader;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// The first worksheet of an Excel <c>.xlsx</c> workbook with a header row. The worksheet is read through once before
/// any row is loaded (a damaged one is refused whole, naming the row where reading fails), then row by row; row numbers
/// are the ones Excel shows. Date cells become yyyy-MM-dd; numeric cells keep their exact digits where they can.
/// </summary>
public sealed class XlsxSource(Stream stream) : IRecordSource, ICountedSource
{
    private readonly List<string> _unknown = [];

    // ExcelDataReader asks for code page 1252 even for .xlsx.
    static XlsxSource() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    /// <inheritdoc />
    public int? ExpectedRows { get; private set; }

    /// <inheritdoc />
    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        // ExcelDataReader needs a seekable stream (a zip archive); spool request bodies to a temporary file.
        var input = stream;
        string? spool = null;
        if (!input.CanSeek)
        {
            spool = Path.GetTempFileName();
            using (var f = File.Create(spool)) input.CopyTo(f);
            input = File.OpenRead(spool);
        }
        try
        {
            IExcelDataReader reader;
            try { reader = ExcelReaderFactory.CreateOpenXmlReader(input); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw FirstUnreadableRow(input) is { } at
                    ? Damaged(at)
                    : new SourceException($"无法读取Excel文件（需为.xlsx格式）/ cannot read the workbook (an .xlsx file is expected): {ex.Message}");
            }
            using (reader)
            {
                // A first pass over every row, so that a damaged worksheet is refused whole, naming where the damage starts,
                // before any of its rows is loaded.
                var readable = 0;
                try
                {
                    while (reader.Read()) readable++;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw Damaged(readable + 1);
                }
                ExpectedRows = Math.Max(0, readable - 1);   // data rows: the header is not one
                reader.Reset();
                if (!reader.Read()) throw new SourceException("工作表为空，缺少表头行");
                var headers = Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)) ?? string.Empty).ToList();
                RowShape shape;
                try { shape = RowShape.FromHeaders(item, headers); }
                catch (ArgumentException ex) { throw new SourceException(ex.Message); }
                _unknown.AddRange(shape.UnknownColumns);
                var row = 1;
                var values = new string?[headers.Count];
                while (reader.Read())
                {
                    row++;
                    var any = false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = i < reader.FieldCount ? Text(reader.GetValue(i)) : null;
                        any |= !string.IsNullOrWhiteSpace(values[i]);
                    }
                    if (!any) continue;
                    yield return new SourceRow(row, shape.Align(values), shape.Names);
                }
            }
        }
        finally
        {
            if (spool is not null) { input.Dispose(); File.Delete(spool); }
        }
    }

    private static SourceException Damaged(int row) => new(
        $"工作表从第{row}行起无法读取（文件已损坏），整个文件未导入；请在Excel中打开并另存后重新报送");

    /// <summary>
    /// Where the first worksheet's XML stops being readable (the row after the last complete one), read directly when the
    /// workbook reader gives up on opening it; null when the damage is elsewhere or cannot be placed.
    /// </summary>
    private static int? FirstUnreadableRow(Stream input)
    {
        try
        {
            input.Position = 0;
            using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            var sheet = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault();
            if (sheet is null) return null;
            int last = 0, current = 0;
            using var xml = XmlReader.Create(sheet.Open());
            try
            {
                while (xml.Read())
                {
                    if (xml.LocalName != "row") continue;
                    if (xml.NodeType == XmlNodeType.Element)
                    {
                        current = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : last + 1;
                        if (xml.IsEmptyElement) last = current;
                    }
                    else if (xml.NodeType == XmlNodeType.EndElement) last = current;
                }
                return null;
            }
            catch (Exception ex) when (ex is XmlException or InvalidDataException)
            {
                return last + 1;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static string? Text(object? v) => v switch
    {
        null => null,
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x when x == Math.Floor(x) && Math.Abs(x) < 1e15 => ((long)x).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
