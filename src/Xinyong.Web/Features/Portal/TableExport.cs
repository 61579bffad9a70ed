using System.IO.Compression;
using System.Security;
using System.Text;

namespace Xinyong.Web.Features.Portal;

/// <summary>
/// A table (a heading row and rows of text) as CSV or xlsx for download. A cell that a spreadsheet would read as a
/// formula (it begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is neutralised with a leading
/// apostrophe in both formats, and every xlsx cell is an inline string, never a formula or a number to evaluate.
/// </summary>
public static class TableExport
{
    /// <summary>A cell as a spreadsheet may safely read it.</summary>
    public static string Neutralise(string? cell)
    {
        var s = cell ?? "";
        return s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;
    }

    /// <summary>The table as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Chinese right).</summary>
    public static byte[] Csv(IReadOnlyList<string> heading, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        void Line(IEnumerable<string> cells) => sb.Append(string.Join(",", cells.Select(c => Quote(Neutralise(c))))).Append("\r\n");
        Line(heading);
        foreach (var r in rows) Line(r);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>The table as an xlsx workbook of one sheet, every cell an inline string.</summary>
    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> heading, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string path, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Entry("[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry("_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml",
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry("xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            var n = 0;
            void Row(IEnumerable<string> cells)
            {
                n++;
                sheet.Append($"<row r=\"{n}\">");
                foreach (var c in cells)
                    sheet.Append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").Append(SecurityElement.Escape(Clean(Neutralise(c)))).Append("</t></is></c>");
                sheet.Append("</row>");
            }
            Row(heading);
            foreach (var r in rows) Row(r);
            sheet.Append("</sheetData></worksheet>");
            Entry("xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return ms.ToArray();
    }

    /// <summary>Drops the characters XML 1.0 cannot carry.</summary>
    private static string Clean(string s) => s.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r')
        ? new string(s.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray()) : s;
}
