using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Xinyong.Catalog;

namespace Xinyong.Collection.Sources;

/// <summary>
/// A CSV file with a header row, in UTF-8 (with or without BOM) or GB18030/GBK, as government exports often are: the
/// encoding is detected from the first 64 KiB. Streamed.
/// </summary>
public sealed class CsvSource : IRecordSource
{
    private readonly Stream _stream;
    private readonly List<string> _unknown = [];

    static CsvSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads from <paramref name="stream"/>, which must be readable; it is disposed with the source.</summary>
    public CsvSource(Stream stream) => _stream = stream;

    /// <summary>The detected encoding (after the first row has been read).</summary>
    public Encoding? Encoding { get; private set; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnknownColumns => _unknown;

    /// <inheritdoc />
    public IEnumerable<SourceRow> Rows(CatalogItem item)
    {
        var head = new byte[1 << 16];
        var n = 0;
        int r;
        while (n < head.Length && (r = _stream.Read(head, n, head.Length - n)) > 0) n += r;
        Encoding = Detect(head.AsSpan(0, n));
        var whole = new PrefixedStream(head.AsMemory(0, n), _stream);
        using var reader = new StreamReader(whole, Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = false,
            BadDataFound = null,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", "\t", ";", "|"],
            TrimOptions = TrimOptions.None,
        };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read()) throw new SourceException("文件为空，缺少表头行 / the file is empty: a header row is expected");
        var headers = parser.Record ?? [];
        RowShape shape;
        try { shape = RowShape.FromHeaders(item, headers); }
        catch (ArgumentException ex) { throw new SourceException(ex.Message); }
        _unknown.AddRange(shape.UnknownColumns);
        var row = 1;
        var buffer = new string?[headers.Length];
        while (parser.Read())
        {
            row++;
            var rec = parser.Record;
            if (rec is null || rec.All(string.IsNullOrWhiteSpace)) continue; // an empty row is no record
            yield return new SourceRow(row, shape.Align(rec), shape.Names);
        }
    }

    /// <summary>UTF-8 when the first 64 KiB decode strictly as UTF-8 (or carry its BOM), otherwise GB18030.</summary>
    private static Encoding Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false);
        // Drop a possibly cut multi-byte sequence at the end before the strict check.
        var end = bytes.Length;
        for (var i = 1; i <= 3 && end - i >= 0; i++)
            if ((bytes[end - i] & 0xC0) == 0xC0) { end -= i; break; }
            else if ((bytes[end - i] & 0x80) == 0) break;
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes[..end]);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return System.Text.Encoding.GetEncoding("GB18030");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>The bytes already read for detection, then the rest of the stream: works on non-seekable bodies.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
