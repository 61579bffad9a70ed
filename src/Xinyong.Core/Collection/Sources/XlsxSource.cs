using System.Globalization;
using ExcelDataReader;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// The first worksheet of an Excel <c>.xlsx</c> workbook with a header row. Rows are read one at a time; row numbers are
/// the ones Excel shows. Date cells become yyyy-MM-dd; numeric cells keep their exact digits where they can.
/// </summary>
public sealed class XlsxSource(Stream stream) : IRecordSource
{
    private readonly List<string> _unknown = [];

    // ExcelDataReader asks for code page 1252 even for .xlsx.
    static XlsxSource() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

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
                throw new SourceException($"无法读取Excel文件（需为.xlsx格式）/ cannot read the workbook (an .xlsx file is expected): {ex.Message}");
            }
            using (reader)
            {
                if (!reader.Read()) throw new SourceException("工作表为空，缺少表头行 / the worksheet is empty: a header row is expected");
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
