using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Xinyong.Collection.Sources;

/// <summary>
/// Finds the text encoding of a whole file before any of its rows is read, so that a file is never half loaded and
/// never loaded with characters silently replaced: UTF-8 (with or without BOM), GB18030/GBK (without BOM), or UTF-16
/// with its BOM. A file whose encoding is mixed (a GB18030 row in a UTF-8 file, or the reverse), that holds a byte its
/// encoding does not allow, or that looks like UTF-16 without a BOM is refused, naming the first line concerned.
/// </summary>
public static class TextEncodingCheck
{
    /// <summary>UTF-8 that throws on an invalid byte instead of replacing it.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>GB18030 that throws on a byte sequence it does not allow.</summary>
    public static Encoding StrictGb18030 { get; } = Gb18030();

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private const int HeadSize = 1 << 16;

    /// <summary>
    /// Reads the whole of <paramref name="stream"/> (seekable) from its position and answers its encoding and the length
    /// of its byte order mark; the stream is left where it was.
    /// </summary>
    /// <param name="stream">The file.</param>
    /// <param name="allowGb18030">False for formats that must be Unicode (JSON lines).</param>
    /// <exception cref="SourceException">The encoding is mixed, invalid or undetectable: the message names the first bad line.</exception>
    public static (Encoding Encoding, int Preamble) Inspect(Stream stream, bool allowGb18030 = true)
    {
        var origin = stream.Position;
        var head = new byte[HeadSize];
        var n = ReadFully(stream, head);
        var bytes = head.AsSpan(0, n);
        stream.Position = origin;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Scan(stream, origin, 3, Kind.Utf8), 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Utf16(stream, origin, 2, bigEndian: false), 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Utf16(stream, origin, 2, bigEndian: true), 2);
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
            throw new SourceException(
                $"文件第{LineOf(bytes, nul)}行含有空字节（0x00）：文件可能是没有字节顺序标记（BOM）的UTF-16编码或二进制文件，无法确定其编码，请另存为UTF-8或GB18030编码的CSV文件 / " +
                $"line {LineOf(bytes, nul)} holds a NUL byte: the file looks like UTF-16 without a byte order mark, or is not text; save it as UTF-8 or GB18030");
        var kind = Guess(bytes, complete: n < head.Length);
        if (kind == Kind.Gb18030 && !allowGb18030)
            throw new SourceException(
                $"文件第{FirstInvalidUtf8Line(bytes)}行不是UTF-8编码：此类文件须为UTF-8编码");
        return (Scan(stream, origin, 0, kind), 0);
    }

    private enum Kind { Utf8, Gb18030 }

    /// <summary>
    /// UTF-8 when the first 64 KiB are valid UTF-8, or when more of their non-ASCII lines are valid UTF-8 than not (the
    /// others are then the damage); GB18030 when none is.
    /// </summary>
    private static Kind Guess(ReadOnlySpan<byte> head, bool complete)
    {
        if (!complete)
        {
            // Drop the last line, which may be cut in the middle of a character.
            var last = head.LastIndexOf((byte)'\n');
            if (last > 0) head = head[..(last + 1)];
        }
        if (Utf8.IsValid(head)) return Kind.Utf8;
        int utf8 = 0, other = 0;
        foreach (var line in Lines(head))
        {
            if (Ascii.IsValid(line)) continue;
            if (Utf8.IsValid(line)) utf8++;
            else other++;
        }
        return utf8 > 0 && utf8 >= other ? Kind.Utf8 : Kind.Gb18030;
    }

    /// <summary>Checks every line of the stream after its first <paramref name="start"/> bytes; answers the strict encoding.</summary>
    private static Encoding Scan(Stream stream, long origin, int start, Kind kind)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            stream.Position = origin + start;
            var line = 1L;
            var carry = 0;
            while (true)
            {
                if (carry == buffer.Length)
                {
                    // One line longer than the buffer: grow it.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, carry).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = stream.Read(buffer, carry, buffer.Length - carry);
                var total = carry + read;
                var eof = read == 0;
                var end = eof ? total : buffer.AsSpan(0, total).LastIndexOf((byte)'\n') + 1;
                if (end > 0)
                {
                    var block = buffer.AsSpan(0, end);
                    if (kind == Kind.Utf8 && Utf8.IsValid(block)) line += block.Count((byte)'\n');
                    else
                        foreach (var text in Lines(block))
                        {
                            Check(text, line, kind);
                            line++;
                        }
                    buffer.AsSpan(end, total - end).CopyTo(buffer);
                    carry = total - end;
                }
                else carry = total;
                if (eof) break;
            }
            stream.Position = origin;
            return kind == Kind.Utf8 ? StrictUtf8 : StrictGb18030;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Check(ReadOnlySpan<byte> text, long line, Kind kind)
    {
        if (Ascii.IsValid(text)) return;
        if (kind == Kind.Utf8)
        {
            if (Utf8.IsValid(text)) return;
            if (DecodesAs(StrictGb18030, text))
                throw new SourceException(
                    $"文件编码不一致：第{line}行似乎是GB18030（GBK）编码，而文件前面是UTF-8编码；请将整个文件另存为同一种编码（建议UTF-8）后重新报送 / " +
                    $"mixed encodings: line {line} looks like GB18030 (GBK) while the file is UTF-8; save the whole file in one encoding (UTF-8 preferred)");
            throw new SourceException(
                $"文件第{line}行含有无效的UTF-8字节（文件可能已损坏或混用了多种编码）；请将整个文件另存为UTF-8编码后重新报送 / " +
                $"line {line} holds bytes that are not valid UTF-8 (a damaged file or mixed encodings); save the whole file as UTF-8");
        }
        if (Utf8.IsValid(text))
            throw new SourceException(
                $"文件编码不一致：第{line}行是UTF-8编码，而文件前面是GB18030（GBK）编码；请将整个文件另存为同一种编码（建议UTF-8）后重新报送 / " +
                $"mixed encodings: line {line} is UTF-8 while the file is GB18030 (GBK); save the whole file in one encoding (UTF-8 preferred)");
        if (!DecodesAs(StrictGb18030, text))
            throw new SourceException(
                $"文件第{line}行含有既不是UTF-8也不是GB18030（GBK）编码的字节，无法确定文件编码；请将整个文件另存为UTF-8编码后重新报送 / " +
                $"line {line} holds bytes that are neither UTF-8 nor GB18030 (GBK): the encoding cannot be told; save the whole file as UTF-8");
    }

    private static bool DecodesAs(Encoding strict, ReadOnlySpan<byte> text)
    {
        try
        {
            strict.GetCharCount(text);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>UTF-16 with its BOM: decoded once through, strictly, to find a broken character before any row is read.</summary>
    private static Encoding Utf16(Stream stream, long origin, int start, bool bigEndian)
    {
        var strict = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        stream.Position = origin + start;
        var line = 1L;
        using (var reader = new StreamReader(stream, strict, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true))
        {
            try
            {
                while (reader.ReadLine() is not null) line++;
            }
            catch (DecoderFallbackException)
            {
                throw new SourceException(
                    $"文件第{line}行含有无效的UTF-16字符（文件可能已损坏）；请将文件另存为UTF-8编码后重新报送");
            }
        }
        stream.Position = origin;
        return strict;
    }

    private static long FirstInvalidUtf8Line(ReadOnlySpan<byte> head)
    {
        var line = 1L;
        foreach (var text in Lines(head))
        {
            if (!Utf8.IsValid(text)) return line;
            line++;
        }
        return line;
    }

    private static long LineOf(ReadOnlySpan<byte> bytes, int index) => bytes[..index].Count((byte)'\n') + 1;

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var n = 0;
        int r;
        while (n < buffer.Length && (r = stream.Read(buffer, n, buffer.Length - n)) > 0) n += r;
        return n;
    }

    private static LineEnumerator Lines(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>The lines of a block of bytes, split at LF (which no byte of a multi-byte UTF-8 or GB18030 character is).</summary>
    private ref struct LineEnumerator(ReadOnlySpan<byte> rest)
    {
        private ReadOnlySpan<byte> _rest = rest;
        private bool _done;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly LineEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done) return false;
            var i = _rest.IndexOf((byte)'\n');
            if (i < 0)
            {
                _done = true;
                if (_rest.IsEmpty) return false;
                Current = _rest;
                return true;
            }
            Current = _rest[..i];
            _rest = _rest[(i + 1)..];
            return true;
        }
    }
}

/// <summary>Gives a reader a seekable stream: the stream itself, or a temporary copy deleted on disposal.</summary>
public sealed class SeekableInput : IDisposable
{
    private readonly string? _spool;

    private SeekableInput(Stream stream, string? spool) { Stream = stream; _spool = spool; }

    /// <summary>The seekable stream.</summary>
    public Stream Stream { get; }

    /// <summary>Wraps <paramref name="stream"/>, spooling it to a temporary file when it cannot seek.</summary>
    public static SeekableInput Of(Stream stream)
    {
        if (stream.CanSeek) return new SeekableInput(stream, null);
        var spool = Path.GetTempFileName();
        using (var f = File.Create(spool)) stream.CopyTo(f);
        return new SeekableInput(new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), spool);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_spool is null) return;
        Stream.Dispose();
        File.Delete(_spool);
    }
}
