using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Xinyong.Synthetic;

/// <summary>Writes generated rows as CSV (UTF-8 or GB18030), JSON lines or Excel .xlsx, streaming.</summary>
public static class SyntheticFiles
{
    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="item"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The file to write (its folder is created).</param>
    /// <param name="item">admin-penalty, admin-licence or court-dishonest.</param>
    /// <param name="rows">How many data rows.</param>
    /// <param name="gen">The generator (its seed decides the content).</param>
    /// <param name="format">csv, jsonl or xlsx.</param>
    /// <param name="encoding">For CSV: utf-8 or gb18030.</param>
    public static void Write(string path, string item, long rows, ShuanggongshiGenerator gen, string format = "csv", string encoding = "utf-8")
    {
        var headers = ShuanggongshiGenerator.Headers(item);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        switch (format)
        {
            case "csv":
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                var enc = encoding.ToLowerInvariant() switch
                {
                    "utf-8" or "utf8" => new UTF8Encoding(false),
                    "gb18030" or "gbk" => Encoding.GetEncoding("GB18030"),
                    _ => throw new ArgumentException($"encoding must be utf-8 or gb18030, not {encoding}", nameof(encoding)),
                };
                using (var w = new StreamWriter(file, enc, 1 << 20))
                {
                    WriteCsvLine(w, headers);
                    for (long i = 0; i < rows; i++) WriteCsvLine(w, gen.Next(item));
                }
                break;
            case "jsonl":
                using (var w = new StreamWriter(file, new UTF8Encoding(false), 1 << 20))
                {
                    var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
                    for (long i = 0; i < rows; i++)
                    {
                        var row = gen.Next(item);
                        using var ms = new MemoryStream();
                        using (var j = new Utf8JsonWriter(ms, options))
                        {
                            j.WriteStartObject();
                            for (var c = 0; c < headers.Length; c++) if (row[c].Length > 0) j.WriteString(headers[c], row[c]);
                            j.WriteEndObject();
                        }
                        w.Write(Encoding.UTF8.GetString(ms.ToArray()));
                        w.Write('\n');
                    }
                }
                break;
            case "xlsx":
                WriteXlsx(file, headers, Rows(rows, () => gen.Next(item)));
                break;
            default:
                throw new ArgumentException($"format must be csv, jsonl or xlsx, not {format}", nameof(format));
        }
    }

    private static void WriteCsvLine(TextWriter w, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) w.Write(',');
            var v = values[i];
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0) { w.Write('"'); w.Write(v.Replace("\"", "\"\"")); w.Write('"'); }
            else w.Write(v);
        }
        w.Write("\r\n");
    }

    private static IEnumerable<string[]> Rows(long n, Func<string[]> next)
    {
        for (long i = 0; i < n; i++) yield return next();
    }

    /// <summary>A minimal, valid .xlsx: one sheet of inline strings (header row, then the rows), written row by row.</summary>
    public static void WriteXlsx(Stream output, string[] headers, IEnumerable<string[]> rows)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 16);
        w.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        WriteRow(w, 1, headers);
        long r = 1;
        foreach (var row in rows) WriteRow(w, ++r, row);
        w.Write("</sheetData></worksheet>");
    }

    private static void WriteRow(TextWriter w, long r, string[] values)
    {
        w.Write($"<row r=\"{r}\">");
        for (var c = 0; c < values.Length; c++)
            if (values[c].Length > 0)
                w.Write($"<c r=\"{Column(c)}{r}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(values[c])}</t></is></c>");
        w.Write("</row>");
    }

    private static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : Column(i / 26 - 1) + (char)('A' + i % 26);

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        w.Write(content);
    }
}
