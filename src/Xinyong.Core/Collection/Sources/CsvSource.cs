using System.Text;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// A CSV file with a header row, in UTF-8 (with or without BOM), GB18030/GBK as government exports often are, or UTF-16
/// with its BOM. The whole file's encoding is checked before any row is read (<see cref="TextEncodingCheck"/>): a file
/// of mixed or invalid encoding is refused whole, naming its first bad line. Rows are then streamed.
/// <para>
/// Every data row of the file is accounted for: it becomes exactly one <see cref="SourceRow"/>, valid or broken. A
/// quoted field may hold line breaks (a spreadsheet cell of several lines), but a quote that is never closed, that runs
/// past what a spreadsheet cell can hold (<see cref="MaxQuotedLines"/> lines, <see cref="MaxQuotedChars"/>
/// characters), or that closes on a later line followed by anything but a separator is damage: the row where the quote
/// opened is one broken row naming that line, and reading goes on from the next physical line, so the rows the quote
/// would have swallowed are read as rows of their own.
/// </para>
/// </summary>
public sealed class CsvSource : IRecordSource
{
    /// <summary>Physical lines a quoted field may span (Excel allows 253 line breaks in a cell).</summary>
    public const int MaxQuotedLines = 254;

    /// <summary>Characters a quoted field may hold (Excel's limit for a cell).</summary>
    public const int MaxQuotedChars = 32_767;

    private readonly Stream _stream;
    private readonly List<string> _unknown = [];

    /// <summary>Reads from <paramref name="stream"/>, which must be readable; it is disposed with the source.</summary>
    public CsvSource(Stream stream) => _stream = stream;

    /// <summary>The detected encoding (after the first row has been read).</summary>
    public Encoding? Encoding { get; private set; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    /// <inheritdoc />
    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        using var input = SeekableInput.Of(_stream);
        var (encoding, preamble) = TextEncodingCheck.Inspect(input.Stream);
        Encoding = encoding;
        input.Stream.Seek(preamble, SeekOrigin.Current);
        using var reader = new StreamReader(input.Stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var lines = new LineSource(reader);
        if (!lines.Next(out var headerLine)) throw new SourceException("文件为空，缺少表头行");
        var parser = new RecordParser(lines, Delimiter(headerLine));
        var headers = parser.Parse(headerLine, out var headerError) ?? throw new SourceException(
            $"表头行（第1行）：{headerError!.Value.Zh}");
        RowShape shape;
        try { shape = RowShape.FromHeaders(item, headers); }
        catch (ArgumentException ex) { throw new SourceException(ex.Message); }
        _unknown.AddRange(shape.UnknownColumns);
        var row = 1;
        while (lines.Next(out var line))
        {
            var start = lines.Number;
            var fields = parser.Parse(line, out var damage);
            row++;
            if (fields is null)
            {
                var names = shape.Names;
                yield return new SourceRow(row, new string?[names.Length], names, FieldError.Of("(line)", "unterminated-quote",
                    $"文件第{start}行：{damage!.Value.Zh}；该行未导入，其后各行已照常读取"));
                continue;
            }
            if (fields.All(string.IsNullOrWhiteSpace)) continue; // an empty row is no record
            yield return new SourceRow(row, shape.Align(fields), shape.Names);
        }
    }

    /// <summary>The separator the header row uses: comma, tab, semicolon or vertical bar (the most frequent; comma when none).</summary>
    private static char Delimiter(string header)
    {
        var best = ',';
        var most = 0;
        foreach (var d in ",\t;|")
        {
            var count = 0;
            var quoted = false;
            foreach (var ch in header)
                if (ch == '"') quoted = !quoted;
                else if (ch == d && !quoted) count++;
            if (count > most) { best = d; most = count; }
        }
        return best;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>Physical lines, numbered from 1, with lines handed back to be read again.</summary>
    private sealed class LineSource(TextReader reader)
    {
        private readonly Stack<(int Number, string Text)> _again = new();
        private int _read;

        /// <summary>The physical line number of the line last returned.</summary>
        public int Number { get; private set; }

        public bool Next(out string line)
        {
            if (_again.TryPop(out var x))
            {
                Number = x.Number;
                line = x.Text;
                return true;
            }
            if (reader.ReadLine() is { } text)
            {
                Number = ++_read;
                line = text;
                return true;
            }
            line = "";
            return false;
        }

        /// <summary>Hands back lines (in file order) to be read again before the rest of the file.</summary>
        public void Again(List<(int Number, string Text)> lines)
        {
            for (var i = lines.Count - 1; i >= 0; i--) _again.Push(lines[i]);
        }
    }

    /// <summary>Why a record could not be read.</summary>
    private readonly record struct Damage(string Zh);

    /// <summary>RFC 4180 records over physical lines: quoted fields, doubled quotes, line breaks inside quotes.</summary>
    private sealed class RecordParser(LineSource lines, char delimiter)
    {
        private readonly List<string> _fields = new(32);
        private readonly StringBuilder _quoted = new();
        private readonly List<(int Number, string Text)> _spanned = [];

        /// <summary>
        /// The fields of the record that starts with <paramref name="line"/>, reading further lines while a quote is open;
        /// null with the damage when the record is broken (the lines read past the first are then handed back).
        /// </summary>
        public List<string>? Parse(string line, out Damage? damage)
        {
            damage = null;
            _fields.Clear();
            _spanned.Clear();
            var startLine = lines.Number;
            var pos = 0;
            while (true)
            {
                if (pos < line.Length && line[pos] == '"')
                {
                    var openLine = lines.Number;
                    _quoted.Clear();
                    pos++;
                    while (true)
                    {
                        var q = line.IndexOf('"', pos);
                        if (q < 0)
                        {
                            _quoted.Append(line, pos, line.Length - pos);
                            if (lines.Number - openLine + 1 >= MaxQuotedLines || _quoted.Length > MaxQuotedChars)
                                return Broken(startLine, openLine, $"{{at}}开始的带引号字段超过{MaxQuotedLines}行或{MaxQuotedChars}个字符仍未结束，引号可能未闭合", out damage);
                            if (!lines.Next(out var more))
                                return Broken(startLine, openLine, "{at}开始的带引号字段直到文件末尾都没有结束引号", out damage);
                            _spanned.Add((lines.Number, more));
                            _quoted.Append('\n');
                            line = more;
                            pos = 0;
                            continue;
                        }
                        _quoted.Append(line, pos, q - pos);
                        if (q + 1 < line.Length && line[q + 1] == '"') { _quoted.Append('"'); pos = q + 2; continue; }
                        pos = q + 1;
                        break;
                    }
                    if (_quoted.Length > MaxQuotedChars)
                        return Broken(startLine, openLine, $"{{at}}开始的带引号字段超过{MaxQuotedChars}个字符，引号可能未闭合", out damage);
                    if (pos < line.Length && line[pos] != delimiter)
                    {
                        // Text after a closing quote. On the quote's own line it is kept as written (lenient, as spreadsheet
                        // programs read it); after line breaks it means the quote swallowed the lines in between.
                        if (lines.Number != openLine)
                            return Broken(startLine, openLine, $"{{at}}开始的带引号字段没有在该行结束，引号可能未闭合（第{lines.Number}行的引号之后还有其他字符）", out damage);
                        var next = line.IndexOf(delimiter, pos);
                        var end = next < 0 ? line.Length : next;
                        _quoted.Append(line, pos, end - pos);
                        pos = end;
                    }
                    _fields.Add(_quoted.ToString());
                }
                else
                {
                    var next = line.IndexOf(delimiter, pos);
                    var end = next < 0 ? line.Length : next;
                    _fields.Add(line.Substring(pos, end - pos));
                    pos = end;
                }
                if (pos >= line.Length) return _fields;
                pos++; // the delimiter
                if (pos == line.Length) { _fields.Add(""); return _fields; }
            }
        }

        /// <summary>A broken record: why (Chinese "{at}" becomes where the quote opened), and its later lines handed back.</summary>
        private List<string>? Broken(int startLine, int openLine, string zh, out Damage? damage)
        {
            damage = new Damage(zh.Replace("{at}", openLine == startLine ? "该行" : $"第{openLine}行"));
            lines.Again(_spanned);
            return null;
        }
    }
}
